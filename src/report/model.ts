/**
 * The one input of every reporter (terminal table, unit tree, JSON, Excel):
 * the results JSON contract — which the engine's exact results are written
 * to once (src/results/results-json.ts), whether the report comes from a
 * round or from a saved results file — with the lookups reporters need.
 * Nothing here computes a figure: points, totals, indexes, ranks, rank
 * changes and area statistics are the engine's; this only indexes them.
 */
import type { ResultsJson, TreeNodeJson } from '../results/results-json.js';

export type UnitJson = ResultsJson['units'][number];
export type LeafJson = UnitJson['leaves'][number];
export type NodeJson = UnitJson['nodes'][number];

/** How a unit's rank moved since last year, for display; null when there is nothing to say. */
export type RankChange = { kind: 'new' } | { kind: 'up'; places: number } | { kind: 'down'; places: number } | { kind: 'same' } | null;

export interface UnitView {
  json: UnitJson;
  /** Not fully appraised: shown "(tạm)" only when ranking on final scores. */
  provisional: boolean;
  change: RankChange;
}

/**
 * One unit's leaves and branches by code. Built by whoever needs it, for the
 * time it needs it (one unit's sheet, one unit's tree): kept for every unit
 * at once, these maps would grow with the round (20,000 units × every leaf).
 */
export interface UnitIndex {
  leaves: Map<string, LeafJson>;
  nodes: Map<string, NodeJson>;
}

export function indexUnit(u: UnitJson): UnitIndex {
  return { leaves: new Map(u.leaves.map((l) => [l.code, l])), nodes: new Map(u.nodes.map((n) => [n.code, n])) };
}

export interface ResultsModel {
  results: ResultsJson;
  units: UnitView[];
  /** The criteria tree: nodes in order, by code, children by parent (null: top level). */
  tree: {
    nodes: readonly TreeNodeJson[];
    byCode: Map<string, TreeNodeJson>;
    children: Map<string | null, TreeNodeJson[]>;
    /** Top-level areas (lĩnh vực), in order. */
    areas: TreeNodeJson[];
    /** Bonus and penalty parts. */
    parts: TreeNodeJson[];
  };
}

function rankChange(u: UnitJson, hasPrevious: boolean): RankChange {
  if (!hasPrevious) return null;
  if (u.new) return { kind: 'new' };
  if (u.rankChange === null) return null;
  if (u.rankChange > 0) return { kind: 'up', places: u.rankChange };
  if (u.rankChange < 0) return { kind: 'down', places: -u.rankChange };
  return { kind: 'same' };
}

export function buildResultsModel(results: ResultsJson): ResultsModel {
  const nodes = results.criteria.tree;
  const children = new Map<string | null, TreeNodeJson[]>();
  for (const n of nodes) {
    const key = n.level === 0 ? null : n.parent;
    let list = children.get(key);
    if (!list) children.set(key, (list = []));
    list.push(n);
  }
  const top = children.get(null) ?? [];
  return {
    results,
    units: results.units.map((u) => ({
      json: u,
      // A unit ranked on its self-assessment is not "provisional": nothing was waiting for the council.
      provisional: u.status === 'provisional' && results.options.stage === 'final',
      change: rankChange(u, results.hasPrevious),
    })),
    tree: {
      nodes,
      byCode: new Map(nodes.map((n) => [n.code, n])),
      children,
      areas: top.filter((n) => n.part === 'area' && n.level === 1),
      parts: top.filter((n) => n.level === 0),
    },
  };
}
