/**
 * The scoring engine: exact points per node, applicable maxima, indexes,
 * classes, ranks, rank changes and the facts the press reports. Pure: no
 * I/O, no rounding (indexes stay exact fractions until display).
 */
import { Decimal, DecimalSum, Ratio } from '../core/decimal.js';
import { compareVietnamese } from '../core/text.js';
import { isLeaf, type CriteriaNode, type CriteriaSet } from '../criteria/index.js';
import type { LeafInput, ScoringInput } from '../evidence/input.js';
import type { Unit } from '../units/index.js';

export type Stage = 'self' | 'final';

const NINETY = Decimal.of(90n).toRatio();

export interface NodeResult {
  code: string;
  name: string;
  level: number;
  /** Points at the ranked stage; null when nothing under the node applies to the unit. */
  points: Decimal | null;
  /** Applicable maximum (0 when not applicable). */
  max: Decimal;
  /** points ÷ max × 100, exact; null when not applicable. */
  index: Ratio | null;
  /** Points lost: max − points. */
  lost: Decimal;
  self: Decimal | null;
  appraised: Decimal | null;
}

export interface LeafResult {
  node: CriteriaNode;
  input: LeafInput;
  /** Points at each stage; null when not applicable or not given. */
  self: Decimal | null;
  appraised: Decimal | null;
  survey: Decimal | null;
  final: Decimal | null;
  /** The points used for the ranked stage. */
  points: Decimal | null;
}

export interface AreaResult extends NodeResult {
  rank: number | null;
}

export interface PreviousEntry {
  code: string;
  name: string;
  rank: number;
  index: Decimal;
}

export interface UnitResult {
  unit: Unit;
  /** Final when the council's workbook says the appraisal is finished (see docs/rounds.md). */
  status: 'final' | 'provisional';
  /** 'not-submitted': scored 0 on every self-assessed item. */
  submission: 'submitted' | 'not-submitted';
  /** The council's general remark, when it wrote one. */
  remark: string;
  points: Decimal;
  max: Decimal;
  index: Ratio | null;
  class: string | null;
  bonus: Decimal;
  penalty: Decimal;
  rank: number | null;
  previous: PreviousEntry | null;
  rankChange: number | null;
  /** Each bonus/penalty part's total after its cap, by part code (tie-breaks compare these). */
  partTotals: Map<string, Decimal>;
  areas: AreaResult[];
  leaves: LeafResult[];
  /** Every branch node (areas, criteria) by code. */
  nodes: Map<string, NodeResult>;
  facts: {
    areasAtLeast90: number;
    areasFull: number;
    weakestArea: string | null;
    /** Criteria where the unit lost most points, most first (at most five). */
    lostMost: { code: string; name: string; lost: Decimal }[];
  };
}

export interface AreaStats {
  code: string;
  name: string;
  units: number;
  mean: Ratio | null;
  median: Ratio | null;
  min: Ratio | null;
  max: Ratio | null;
}

export interface Results {
  set: CriteriaSet;
  stage: Stage;
  /** In rank order; units with equal index in Vietnamese name order. */
  units: UnitResult[];
  areaStats: AreaStats[];
  /** Units exempt this year: not scored, not ranked. */
  exempt: Unit[];
  /** Scored with --draft: units with errors are left out. */
  draft: boolean;
  /** Units left out of a draft because their data still has errors, with how many. */
  unscored: { unit: Unit; errors: number }[];
  /** Units in the previous round that are not in this one. */
  gone: PreviousEntry[];
  hasPrevious: boolean;
}

function leafPoints(input: LeafInput, node: CriteriaNode, stage: Stage, isSurvey: boolean): LeafResult {
  if (!input.applicable) return { node, input, self: null, appraised: null, survey: null, final: null, points: null };
  const self = isSurvey ? (input.survey ?? null) : (input.self ?? null);
  const appraised = isSurvey ? null : (input.appraised ?? null);
  const survey = isSurvey ? (input.survey ?? null) : null;
  const final = appraised ?? self;
  return { node, input, self, appraised, survey, final, points: stage === 'self' ? self : final };
}

function nodeResult(node: CriteriaNode, points: Decimal | null, max: Decimal, self: Decimal | null, appraised: Decimal | null): NodeResult {
  return {
    code: node.code,
    name: node.name,
    level: node.level,
    points,
    max,
    index: points && max.gt(Decimal.ZERO) ? points.percentOf(max) : null,
    lost: points ? max.sub(points) : Decimal.ZERO,
    self,
    appraised,
  };
}

/** Children split into leaves (positions in `set.leaves`) and branch nodes. */
interface Kids {
  leaves: number[];
  branches: Branch[];
}

interface Branch extends Kids {
  node: CriteriaNode;
}

/** What scoring needs from the set in the shape the unit loop reads it, built once per round. */
interface Plan {
  areas: Branch[];
  /** Per leaf of `set.leaves`: scored from the survey. */
  survey: boolean[];
  /** Per adjustment part: its children. */
  parts: Kids[];
  /** Per area: its own bonus and penalty parts (positions in `set.adjustments`). */
  areaParts: { bonus: number[]; penalty: number[] }[];
  /** Parts on the unit's total. */
  totalBonus: number[];
  totalPenalty: number[];
  /** The areas' direct children, by area then child, with their position in `set.leaves` (null for a branch): the criteria lostMost ranks. */
  criteria: { node: CriteriaNode; leaf: number | null }[];
  classes: { label: string; min: Ratio; minEveryArea: Ratio | null }[];
  /** Positions of the `downgradeIf` leaves (undefined: not a scored leaf). */
  downgrade: (number | undefined)[];
}

function planFor(set: CriteriaSet): Plan {
  const leafAt = new Map(set.leaves.map((l, i) => [l.code, i]));
  const kids = (children: readonly CriteriaNode[]): Kids => ({
    leaves: children.filter(isLeaf).map((c) => leafAt.get(c.code)!),
    branches: children.filter((c) => !isLeaf(c)).map((c) => ({ node: c, ...kids(c.children) })),
  });
  const positions = (test: (p: CriteriaSet['adjustments'][number]) => boolean): number[] => set.adjustments.flatMap((p, i) => (test(p) ? [i] : []));
  return {
    areas: set.areas.map((a) => ({ node: a, ...kids(a.children) })),
    survey: set.leaves.map((l) => l.rule?.kind === 'survey'),
    parts: set.adjustments.map((p) => kids(p.children)),
    areaParts: set.areas.map((a) => ({ bonus: positions((p) => p.area === a.code && p.kind === 'bonus'), penalty: positions((p) => p.area === a.code && p.kind === 'penalty') })),
    totalBonus: positions((p) => p.area === undefined && p.kind === 'bonus'),
    totalPenalty: positions((p) => p.area === undefined && p.kind === 'penalty'),
    criteria: set.areas.flatMap((a) => a.children.map((c) => ({ node: c, leaf: isLeaf(c) ? leafAt.get(c.code)! : null }))),
    classes: set.classes.map((c) => ({ label: c.label, min: c.min.toRatio(), minEveryArea: c.minEveryArea ? c.minEveryArea.toRatio() : null })),
    downgrade: set.downgradeIf.map((d) => leafAt.get(d.code)),
  };
}

/** A unit's leaf results in `set.leaves` order, with each leaf's maximum for the unit (null: not applicable), read from its input once. */
interface UnitLeaves {
  results: LeafResult[];
  max: (Decimal | null)[];
}

/** A leaf's points (0 when none were given), or null when it does not apply. */
function leafPointsOrNull(leaves: UnitLeaves, at: number): Decimal | null {
  return leaves.max[at] === null ? null : (leaves.results[at]!.points ?? Decimal.ZERO);
}

/** Sums a branch from its children, recording it and every branch below it in `out` (children first). */
/** Running totals reused from branch to branch, four per depth of the tree (sumBranch recurses, and each depth is busy while the next is summed). */
const totals: DecimalSum[][] = [];

function totalsAt(depth: number): DecimalSum[] {
  const t = (totals[depth] ??= [new DecimalSum(), new DecimalSum(), new DecimalSum(), new DecimalSum()]);
  for (const s of t) s.clear();
  return t;
}

function sumBranch(b: Branch, leaves: UnitLeaves, out: Map<string, NodeResult>, depth = 0): NodeResult {
  const [points, max, self, appraised] = totalsAt(depth) as [DecimalSum, DecimalSum, DecimalSum, DecimalSum];
  let applicable = false;
  for (const at of b.leaves) {
    const leafMax = leaves.max[at];
    if (!leafMax) continue;
    const l = leaves.results[at]!;
    applicable = true;
    if (l.points) points.add(l.points);
    max.add(leafMax);
    if (l.self) self.add(l.self);
    const a = l.appraised ?? l.self;
    if (a) appraised.add(a);
  }
  for (const kid of b.branches) {
    const k = sumBranch(kid, leaves, out, depth + 1);
    max.add(k.max);
    if (k.points === null) continue;
    applicable = true;
    points.add(k.points);
    if (k.self) self.add(k.self);
    if (k.appraised) appraised.add(k.appraised);
  }
  const result = applicable ? nodeResult(b.node, points.value(), max.value(), self.value(), appraised.value()) : nodeResult(b.node, null, max.value(), null, null);
  out.set(b.node.code, result);
  return result;
}

/** A part's points: its children's points, 0 where they do not apply (before its cap). */
function sumPart(b: Kids, leaves: UnitLeaves, out: Map<string, NodeResult>): Decimal {
  const total = new DecimalSum();
  for (const at of b.leaves) {
    const p = leafPointsOrNull(leaves, at);
    if (p) total.add(p);
  }
  for (const kid of b.branches) {
    const p = sumBranch(kid, leaves, out).points;
    if (p) total.add(p);
  }
  return total.value();
}

function sumOf(values: readonly Decimal[], at: readonly number[]): Decimal {
  const total = new DecimalSum();
  for (const i of at) total.add(values[i]!);
  return total.value();
}

/**
 * The unit's class: the first whose minimum the index reaches and whose
 * every-area minimum each assessed area reaches; one class lower (once, not
 * below the last) when the unit has points on any `downgradeIf` item.
 */
function classFor(plan: Plan, index: Ratio | null, areas: readonly NodeResult[], leaves: UnitLeaves): string | null {
  if (!index) return null;
  const at = plan.classes.findIndex((c) => index.gte(c.min) && (c.minEveryArea === null || areas.every((a) => a.index === null || a.index.gte(c.minEveryArea!))));
  if (at < 0) return null;
  const downgraded = plan.downgrade.some((i) => i !== undefined && leaves.results[i]!.points?.gt(Decimal.ZERO) === true);
  return plan.classes[downgraded ? Math.min(at + 1, plan.classes.length - 1) : at]!.label;
}

/**
 * Bonus and penalty parts tied to one area (`area:`) move that area's points,
 * kept within 0..the area's maximum; returns the amounts that took effect.
 */
function applyAreaAdjustments(set: CriteriaSet, plan: Plan, areaResults: NodeResult[], partTotals: readonly Decimal[]): { bonus: Decimal; penalty: Decimal } {
  let bonus = Decimal.ZERO;
  let penalty = Decimal.ZERO;
  set.areas.forEach((area, i) => {
    const parts = plan.areaParts[i]!;
    const a = areaResults[i]!;
    if ((parts.bonus.length === 0 && parts.penalty.length === 0) || a.points === null) return;
    const moved = a.points.add(sumOf(partTotals, parts.bonus)).sub(sumOf(partTotals, parts.penalty)).min(a.max).max(Decimal.ZERO);
    const delta = moved.sub(a.points);
    if (delta.gt(Decimal.ZERO)) bonus = bonus.add(delta);
    else penalty = penalty.sub(delta);
    areaResults[i] = nodeResult(area, moved, a.max, a.self, a.appraised);
  });
  return { bonus, penalty };
}

/** Criteria where the unit lost most points, most first, at most five; file order among equals. */
function lostMostOf(plan: Plan, leaves: UnitLeaves, nodes: ReadonlyMap<string, NodeResult>): UnitResult['facts']['lostMost'] {
  const lost: UnitResult['facts']['lostMost'] = [];
  for (const { node, leaf } of plan.criteria) {
    let gone: Decimal;
    if (leaf === null) {
      const n = nodes.get(node.code)!;
      if (n.points === null) continue;
      gone = n.lost;
    } else {
      const max = leaves.max[leaf];
      if (!max) continue;
      gone = max.sub(leaves.results[leaf]!.points ?? Decimal.ZERO);
    }
    if (gone.gt(Decimal.ZERO)) lost.push({ code: node.code, name: node.name, lost: gone });
  }
  // The sort is stable: among equal losses, file order stays.
  return lost.sort((a, b) => b.lost.cmp(a.lost)).slice(0, 5);
}

/** A unit's value for a tie-break key: a node's points, or a bonus/penalty part's capped total. */
function tieValue(u: UnitResult, code: string): Decimal | null {
  if (u.partTotals.has(code)) return u.partTotals.get(code)!;
  const branch = u.nodes.get(code);
  if (branch) return branch.points;
  return u.leaves.find((l) => l.node.code === code)?.points ?? null;
}

/** Index first, then the set's tie-break keys in order; 0 only when every key is equal. */
function compareUnits(set: CriteriaSet): (a: UnitResult, b: UnitResult) => number {
  return (a, b) => {
    const byIndex = compareIndexDesc(a.index, b.index);
    if (byIndex !== 0 || a.index === null) return byIndex;
    for (const t of set.tieBreaks) {
      const x = tieValue(a, t.by);
      const y = tieValue(b, t.by);
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
        continue;
      }
      const c = t.prefer === 'higher' ? y.cmp(x) : x.cmp(y);
      if (c !== 0) return c;
    }
    return 0;
  };
}

function compareIndexDesc(a: Ratio | null, b: Ratio | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return b.cmp(a);
}

/**
 * Ranks along positions already in rank order (best first, the unranked
 * last): shared (1, 2, 2, 4) or dense (1, 2, 2, 3). `ranked(pos)`: whether
 * that position gets a rank at all; `tiedWithPrevious(pos)`: whether it
 * equals the one before it.
 */
function ranksAlong(count: number, ranked: (pos: number) => boolean, tiedWithPrevious: (pos: number) => boolean, ties: 'shared' | 'dense'): (number | null)[] {
  const ranks: (number | null)[] = new Array(count).fill(null);
  let dense = 0;
  for (let pos = 0; pos < count; pos++) {
    if (!ranked(pos)) continue;
    const tied = pos > 0 && ranked(pos - 1) && tiedWithPrevious(pos);
    if (!tied) dense++;
    ranks[pos] = tied ? ranks[pos - 1]! : ties === 'dense' ? dense : pos + 1;
  }
  return ranks;
}

/** Ranks by index: shared (1, 2, 2, 4) or dense (1, 2, 2, 3); no index, no rank. */
export function assignRanks<T>(items: readonly T[], index: (t: T) => Ratio | null, ties: 'shared' | 'dense'): (number | null)[] {
  const keys = items.map(index);
  const order = keys.map((_, i) => i).sort((x, y) => compareIndexDesc(keys[x] ?? null, keys[y] ?? null));
  const along = ranksAlong(
    order.length,
    (pos) => (keys[order[pos]!] ?? null) !== null,
    (pos) => keys[order[pos - 1]!]!.cmp(keys[order[pos]!]!) === 0,
    ties,
  );
  const ranks: (number | null)[] = new Array(items.length).fill(null);
  order.forEach((i, pos) => (ranks[i] = along[pos]!));
  return ranks;
}

/** Mean, median, minimum and maximum of exact values; O(n log n) (one sort). */
export function ratioStats(values: readonly Ratio[]): Pick<AreaStats, 'units' | 'mean' | 'median' | 'min' | 'max'> {
  if (values.length === 0) return { units: 0, mean: null, median: null, min: null, max: null };
  const sorted = [...values].sort((a, b) => a.cmp(b));
  const mid = Math.floor(sorted.length / 2);
  return {
    units: values.length,
    mean: Ratio.sum(values).divBy(BigInt(values.length)),
    median: sorted.length % 2 === 1 ? sorted[mid]! : sorted[mid - 1]!.add(sorted[mid]!).divBy(2n),
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
  };
}

/**
 * `draft`: score only the units whose own data has no errors; the others
 * are listed in `unscored` with their error counts.
 */
export function scoreRound(input: ScoringInput, opts: { stage: Stage; previous?: readonly PreviousEntry[]; draft?: boolean; onUnit?: (done: number, total: number) => void }): Results {
  const { set } = input;
  const plan = planFor(set);
  const scored = opts.draft ? input.units.filter((u) => u.errors === 0) : input.units;
  const unscored = opts.draft ? input.units.filter((u) => u.errors > 0).map((u) => ({ unit: u.unit, errors: u.errors })) : [];
  const units: UnitResult[] = scored.map(({ unit, leaves: leafInputs, submission, appraisal }, done) => {
    opts.onUnit?.(done + 1, scored.length);
    const leaves: UnitLeaves = { results: [], max: [] };
    set.leaves.forEach((node, i) => {
      const leafInput = leafInputs.get(node.code)!;
      leaves.results.push(leafPoints(leafInput, node, opts.stage, plan.survey[i]!));
      leaves.max.push(leafInput.applicable ? (leafInput.max ?? node.max) : null);
    });
    const nodes = new Map<string, NodeResult>();
    const areaResults = plan.areas.map((a) => sumBranch(a, leaves, nodes));
    const capped = plan.parts.map((p, i) => sumPart(p, leaves, nodes).min(set.adjustments[i]!.cap));
    const partTotals = new Map(set.adjustments.map((p, i) => [p.code, capped[i]!]));
    const onArea = applyAreaAdjustments(set, plan, areaResults, capped);
    const areaSum = new DecimalSum();
    const maxSum = new DecimalSum();
    for (const a of areaResults) {
      nodes.set(a.code, a);
      if (a.points) areaSum.add(a.points);
      maxSum.add(a.max);
    }
    const areaPoints = areaSum.value();
    const max = maxSum.value();
    const totalBonus = sumOf(capped, plan.totalBonus);
    const totalPenalty = sumOf(capped, plan.totalPenalty);
    // A penalty can take a unit to zero, not below; with capAtMax a bonus cannot take it above its maximum.
    const raw = areaPoints.add(totalBonus).sub(totalPenalty).max(Decimal.ZERO);
    const points = set.capAtMax ? raw.min(max) : raw;
    const index = max.gt(Decimal.ZERO) ? points.percentOf(max) : null;
    // With appraisal workbooks, the council's status cell decides; without them, every item needs a council score.
    const provisional =
      input.finality === 'council-status'
        ? appraisal?.finished !== true
        : leaves.results.some((l) => l.input.applicable && l.node.part === 'area' && l.node.rule?.kind !== 'survey' && l.input.appraised === undefined);
    const applicableAreas = areaResults.filter((a) => a.index !== null);
    const weakest = applicableAreas.reduce<NodeResult | null>((w, a) => (w === null || a.index!.cmp(w.index!) < 0 ? a : w), null);
    return {
      unit,
      status: provisional ? 'provisional' : 'final',
      submission,
      remark: appraisal?.remark ?? '',
      points,
      max,
      index,
      class: classFor(plan, index, areaResults, leaves),
      bonus: totalBonus.add(onArea.bonus),
      penalty: totalPenalty.add(onArea.penalty),
      rank: null,
      previous: null,
      rankChange: null,
      partTotals,
      areas: areaResults.map((a) => ({ code: a.code, name: a.name, level: a.level, points: a.points, max: a.max, index: a.index, lost: a.lost, self: a.self, appraised: a.appraised, rank: null })),
      leaves: leaves.results,
      nodes,
      facts: {
        areasAtLeast90: applicableAreas.filter((a) => a.index!.gte(NINETY)).length,
        areasFull: applicableAreas.filter((a) => a.points!.eq(a.max)).length,
        weakestArea: weakest?.code ?? null,
        lostMost: lostMostOf(plan, leaves, nodes),
      },
    };
  });

  const compare = compareUnits(set);
  units.sort((a, b) => compare(a, b) || compareVietnamese(a.unit.name, b.unit.name));
  // Ranks in that order: equal only when compare says 0 (the name only orders a tie); no index, no rank.
  ranksAlong(
    units.length,
    (pos) => units[pos]!.index !== null,
    (pos) => compare(units[pos - 1]!, units[pos]!) === 0,
    set.ties,
  ).forEach((r, pos) => (units[pos]!.rank = r));
  set.areas.forEach((_area, ai) => {
    assignRanks(units, (u) => u.areas[ai]!.index, set.ties).forEach((r, i) => (units[i]!.areas[ai]!.rank = r));
  });

  const previousByCode = new Map((opts.previous ?? []).map((p) => [p.code, p]));
  for (const u of units) {
    const prev = previousByCode.get(u.unit.code) ?? null;
    u.previous = prev;
    u.rankChange = prev && u.rank !== null ? prev.rank - u.rank : null;
  }
  const current = new Set(units.map((u) => u.unit.code));
  const gone = (opts.previous ?? []).filter((p) => !current.has(p.code));

  const areaStats: AreaStats[] = set.areas.map((area, ai) => {
    const values = units.map((u) => u.areas[ai]!.index).filter((v): v is Ratio => v !== null);
    return { code: area.code, name: area.name, ...ratioStats(values) };
  });

  return { set, stage: opts.stage, draft: opts.draft ?? false, units, areaStats, exempt: input.exempt, unscored, gone, hasPrevious: opts.previous !== undefined };
}
