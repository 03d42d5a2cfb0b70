/**
 * The stable JSON result of a scoring round (documented in docs/results.md).
 * A year later, `previous:` reads this same file for rank changes.
 */
import * as z from 'zod';
import { Decimal, type Ratio } from '../core/decimal.js';
import { escapeForTerminal } from '../core/text.js';
import { isLeaf, type CriteriaNode, type CriteriaSet } from '../criteria/index.js';
import { ruleJson, ruleJsonSchema, type RuleJson } from '../criteria/rule-json.js';
import type { InputFile } from '../evidence/grids.js';
import type { PreviousEntry, Results, Stage } from '../scoring/engine.js';
import { UnitTextWriter, unitTotals } from './unit-text.js';

/**
 * 2: adds `hasPrevious`, `options.precision`, `annex`, each unit's `totals`
 * (points by stage, so a report row adds up) and `nodes` (every branch), so
 * every reporter reads what the engine computed, from a round or from this file.
 * 3: the same content, compact: in a unit's `leaves`, `nodes`, `areas` and
 * `facts.lostMost`, a field at its default (null, "", [], applicable, or the
 * criteria tree's own area, maximum or name) is left out (issue 16: 30.8 KB →
 * about 12 KB per unit). Readers fill the defaults back (results-read.ts), so in
 * memory a results file is always the full shape below.
 */
export const RESULTS_SCHEMA_VERSION = 3;

/** The versions `report results.json` reads. */
const READABLE_SCHEMA_VERSIONS = [2, 3] as const;

const num = z.number();
const nullableNum = z.number().nullable();

/** The criteria tree, so a results file can be reported without its criteria file. */
const treeNodeSchema = z.object({
  code: z.string(),
  name: z.string(),
  max: num,
  level: z.number().int(),
  parent: z.string().nullable(),
  part: z.enum(['area', 'bonus', 'penalty']),
  leaf: z.boolean(),
  rule: ruleJsonSchema.nullable(),
  // — rules — numbering as the decision prints it; optional, so older results files still read.
  number: z.string().nullable().optional(),
});

/** The annex layout from the round file (`annex:` in parscore.yaml); every field optional. */
const annexJsonSchema = z.object({
  issuer: z.string().nullable(),
  decision: z.string().nullable(),
  date: z.string().nullable(),
  place: z.string().nullable(),
  signerTitle: z.string().nullable(),
  signerName: z.string().nullable(),
});

export type { RuleJson };
export { ruleJson };

export type AnnexJson = z.infer<typeof annexJsonSchema>;

export type TreeNodeJson = z.infer<typeof treeNodeSchema>;

/** One unit as the engine computed it: the full shape (a version 2 file; a version 3 file once its defaults are filled). */
export const unitJsonSchema = z.object({
  code: z.string(),
  name: z.string(),
  rank: z.number().int().nullable(),
  previousRank: z.number().int().nullable(),
  rankChange: z.number().int().nullable(),
  previousIndex: nullableNum,
  indexChange: nullableNum,
  new: z.boolean(),
  points: num,
  max: num,
  index: nullableNum,
  class: z.string().nullable(),
  status: z.enum(['final', 'provisional']),
  /** Absent in files written before rounds had unit statuses. */
  submission: z.enum(['submitted', 'not-submitted']).optional(),
  bonus: num,
  penalty: num,
  /**
   * Area points by stage, over applicable leaves: self-assessed and appraised
   * (non-survey leaves; appraised null when the council scored none of them),
   * survey. total = max(0, ranked stage + survey + bonus − penalty).
   */
  totals: z.object({ self: num, appraised: nullableNum, survey: num }),
  facts: z.object({
    areasAtLeast90: z.number().int(),
    areasFull: z.number().int(),
    weakestArea: z.string().nullable(),
    lostMost: z.array(z.object({ code: z.string(), name: z.string(), lost: num })),
  }),
  areas: z.array(z.object({ code: z.string(), name: z.string(), points: nullableNum, max: num, index: nullableNum, rank: z.number().int().nullable(), self: nullableNum, appraised: nullableNum })),
  /** Every branch node (areas, criteria, …) as the engine computed it. */
  nodes: z.array(z.object({ code: z.string(), points: nullableNum, max: num, index: nullableNum, lost: nullableNum, self: nullableNum, appraised: nullableNum })),
  leaves: z.array(
    z.object({
      code: z.string(),
      area: z.string(),
      applicable: z.boolean(),
      notApplicableReason: z.string().nullable(),
      max: num,
      self: nullableNum,
      appraised: nullableNum,
      survey: nullableNum,
      final: nullableNum,
      points: nullableNum,
      /** max − points at the ranked stage; null when not applicable or not scored. */
      lost: nullableNum,
      option: z.string().nullable(),
      measure: z.string().nullable(),
      evidence: z.string(),
      note: z.string(),
      reason: z.string(),
      /** Every council decision, first appraisal first; the last one counts. */
      decisions: z.array(z.object({ score: num, reason: z.string(), round: z.number().int() })).optional(),
      /** Self-assessment problems a council score settled (diagnostic codes). */
      settled: z.array(z.string()).optional(),
    }),
  ),
});

export const resultsJsonSchema = z.object({
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('parscore'), version: z.string() }),
  title: z.string(),
  year: z.number().int(),
  province: z.string().nullable(),
  office: z.string().nullable(),
  annex: annexJsonSchema,
  /** Whether last year's results were given (so "new" and rank changes mean something). */
  hasPrevious: z.boolean(),
  /** A draft (not to be published): every report says so ("DỰ THẢO"). */
  draft: z.boolean(),
  criteria: z.object({
    id: z.string(),
    title: z.string(),
    path: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    total: num,
    classes: z.array(z.object({ label: z.string(), min: num })),
    tree: z.array(treeNodeSchema),
  }),
  inputs: z.array(z.object({ role: z.string(), path: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  options: z.object({ stage: z.enum(['self', 'final']), precision: z.number().int(), decimals: z.number().int(), rounding: z.string(), ties: z.string() }),
  provisional: z.boolean(),
  /** Units a draft could not score yet, with their error counts. */
  unscored: z.array(z.object({ code: z.string(), name: z.string(), errors: z.number().int() })).optional(),
  /** Units exempt this year. */
  exempt: z.array(z.object({ code: z.string(), name: z.string() })).optional(),
  units: z.array(unitJsonSchema),
  areaStats: z.array(z.object({ code: z.string(), name: z.string(), units: z.number().int(), mean: nullableNum, median: nullableNum, min: nullableNum, max: nullableNum })),
  gone: z.array(z.object({ code: z.string(), name: z.string(), previousRank: z.number().int() })),
});

export type ResultsJson = z.infer<typeof resultsJsonSchema>;

type UnitJson = ResultsJson['units'][number];
type LeafJson = UnitJson['leaves'][number];
type NodeJson = UnitJson['nodes'][number];
type AreaJson = UnitJson['areas'][number];

/**
 * A results file as read, but its units (read one at a time): any version
 * `report` reads. The key order is the full shape's, so a file read back
 * is the same JSON value toResultsJson built.
 */
export const resultsFileSchema = resultsJsonSchema.extend({ schemaVersion: z.union(READABLE_SCHEMA_VERSIONS.map((v) => z.literal(v))), units: z.array(z.unknown()) });

/** Absent is null; an explicit null (a hand edit, another tool) is read the same. */
const orNull = <T extends z.ZodType>(t: T) => t.nullable().optional();

/**
 * A unit in a version 3 file: the unit's own fields as in version 2, its lists
 * compact. Each field left out has its default, filled by expandUnit.
 */
export const compactUnitSchema = unitJsonSchema.extend({
  facts: unitJsonSchema.shape.facts.extend({ lostMost: z.array(z.object({ code: z.string(), name: z.string().optional(), lost: num })) }),
  areas: z.array(
    z.object({
      code: z.string(),
      name: z.string().optional(),
      points: orNull(num),
      max: num.optional(),
      index: orNull(num),
      rank: orNull(z.number().int()),
      self: orNull(num),
      appraised: orNull(num),
    }),
  ),
  nodes: z.array(z.object({ code: z.string(), points: orNull(num), max: num.optional(), index: orNull(num), lost: orNull(num), self: orNull(num), appraised: orNull(num) })),
  leaves: z.array(
    z.object({
      code: z.string(),
      area: z.string().optional(),
      applicable: z.boolean().optional(),
      notApplicableReason: orNull(z.string()),
      max: num.optional(),
      self: orNull(num),
      appraised: orNull(num),
      survey: orNull(num),
      final: orNull(num),
      points: orNull(num),
      lost: orNull(num),
      option: orNull(z.string()),
      measure: orNull(z.string()),
      evidence: z.string().optional(),
      note: z.string().optional(),
      reason: z.string().optional(),
      decisions: unitJsonSchema.shape.leaves.element.shape.decisions,
      settled: unitJsonSchema.shape.leaves.element.shape.settled,
    }),
  ),
});

export type CompactUnitJson = z.infer<typeof compactUnitSchema>;

/** What a version 3 file leaves to the criteria tree, by node code: name, maximum and area (the top of its branch). */
export type TreeDefaults = Map<string, { name: string; max: number; area: string }>;

export function treeDefaults(tree: readonly TreeNodeJson[]): TreeDefaults {
  const byCode = new Map(tree.map((n) => [n.code, n]));
  const out: TreeDefaults = new Map();
  for (const n of tree) {
    // Up the parents to the top; a hand-made cycle stops after as many steps as there are nodes (results-validate reports it).
    let top = n;
    for (let steps = 0; top.parent !== null && byCode.has(top.parent) && steps < tree.length; steps++) top = byCode.get(top.parent)!;
    out.set(n.code, { name: n.name, max: n.max, area: top.code });
  }
  return out;
}

/** A field a version 3 file left to the criteria tree, for a code the tree does not hold: nothing to fill it from. */
export interface MissingDefault {
  path: (string | number)[];
  code: string;
}

/**
 * A version 3 unit with its defaults filled: the full shape, every key in
 * the order toResultsJson writes it. `missing` is told of each field that
 * the tree should give but cannot (an unknown code); it is filled with
 * "" or 0, and the file is then refused.
 */
export function expandUnit(c: CompactUnitJson, tree: TreeDefaults, missing: (m: MissingDefault) => void): UnitJson {
  const fromTree = <K extends 'name' | 'max' | 'area'>(code: string, key: K, path: (string | number)[]): string | number => {
    const node = tree.get(code);
    if (node === undefined) {
      missing({ path: [...path, key], code });
      return key === 'max' ? 0 : '';
    }
    return node[key];
  };
  const areas = c.areas.map((a, i): AreaJson => ({
    code: a.code,
    name: a.name ?? (fromTree(a.code, 'name', ['areas', i]) as string),
    points: a.points ?? null,
    max: a.max ?? (fromTree(a.code, 'max', ['areas', i]) as number),
    index: a.index ?? null,
    rank: a.rank ?? null,
    self: a.self ?? null,
    appraised: a.appraised ?? null,
  }));
  const nodes = c.nodes.map((n, i): NodeJson => ({
    code: n.code,
    points: n.points ?? null,
    max: n.max ?? (fromTree(n.code, 'max', ['nodes', i]) as number),
    index: n.index ?? null,
    lost: n.lost ?? null,
    self: n.self ?? null,
    appraised: n.appraised ?? null,
  }));
  const leaves = c.leaves.map((l, i): LeafJson => ({
    code: l.code,
    area: l.area ?? (fromTree(l.code, 'area', ['leaves', i]) as string),
    applicable: l.applicable ?? true,
    notApplicableReason: l.notApplicableReason ?? null,
    max: l.max ?? (fromTree(l.code, 'max', ['leaves', i]) as number),
    self: l.self ?? null,
    appraised: l.appraised ?? null,
    survey: l.survey ?? null,
    final: l.final ?? null,
    points: l.points ?? null,
    lost: l.lost ?? null,
    option: l.option ?? null,
    measure: l.measure ?? null,
    evidence: l.evidence ?? '',
    note: l.note ?? '',
    reason: l.reason ?? '',
    decisions: l.decisions ?? [],
    settled: l.settled ?? [],
  }));
  const lostMost = c.facts.lostMost.map((l, i) => ({ code: l.code, name: l.name ?? (fromTree(l.code, 'name', ['facts', 'lostMost', i]) as string), lost: l.lost }));
  return { ...c, facts: { ...c.facts, lostMost }, areas, nodes, leaves };
}

/** What `previous:` needs from last year's file; older or hand-made files need only this much. */
export const previousResultsSchema = z
  .object({
    units: z.array(z.object({ code: z.string(), name: z.string().optional(), rank: z.number().int().nullable(), index: z.number().nullable() }).loose()),
  })
  .loose();

export function previousEntries(data: z.infer<typeof previousResultsSchema>): PreviousEntry[] {
  return data.units
    .filter((u) => u.rank !== null && u.index !== null)
    .map((u) => ({ code: u.code.normalize('NFC').trim(), name: u.name ?? u.code, rank: u.rank!, index: Decimal.fromNumber(u.index!) ?? Decimal.ZERO }));
}

export interface ResultsMeta {
  title: string;
  province?: string;
  office?: string;
  annex?: Partial<AnnexJson>;
  /** The results are a draft (set by the round's stage); reporters mark them. */
  draft?: boolean;
  toolVersion: string;
  criteria: { path: string; sha256: string };
  inputs: InputFile[];
}

const d = (v: Decimal | null | undefined): number | null => (v === null || v === undefined ? null : v.toNumber());

function unitJson(results: Results, u: Results['units'][number]): UnitJson {
  const { set } = results;
  const idx = (r: Ratio | null): number | null => (r === null ? null : r.round(set.decimals, set.rounding).toNumber());
  const rounded = u.index ? u.index.round(set.decimals, set.rounding) : null;
  const totals = unitTotals(u);
  return {
    code: u.unit.code,
    name: u.unit.name,
    rank: u.rank,
    previousRank: u.previous?.rank ?? null,
    rankChange: u.rankChange,
    previousIndex: u.previous ? u.previous.index.toNumber() : null,
    indexChange: u.previous && rounded ? rounded.sub(u.previous.index).toNumber() : null,
    new: results.hasPrevious && u.previous === null,
    points: u.points.toNumber(),
    max: u.max.toNumber(),
    index: rounded ? rounded.toNumber() : null,
    class: u.class,
    status: u.status,
    submission: u.submission,
    bonus: u.bonus.toNumber(),
    penalty: u.penalty.toNumber(),
    totals: { self: totals.self.toNumber(), appraised: totals.appraised === null ? null : totals.appraised.toNumber(), survey: totals.survey.toNumber() },
    facts: {
      areasAtLeast90: u.facts.areasAtLeast90,
      areasFull: u.facts.areasFull,
      weakestArea: u.facts.weakestArea,
      lostMost: u.facts.lostMost.map((l) => ({ code: l.code, name: l.name, lost: l.lost.toNumber() })),
    },
    areas: u.areas.map((a) => ({ code: a.code, name: a.name, points: d(a.points), max: a.max.toNumber(), index: idx(a.index), rank: a.rank, self: d(a.self), appraised: d(a.appraised) })),
    nodes: [...u.nodes.values()].map((n) => ({
      code: n.code,
      points: d(n.points),
      max: n.max.toNumber(),
      index: idx(n.index),
      lost: n.points === null ? null : n.lost.toNumber(),
      self: d(n.self),
      appraised: d(n.appraised),
    })),
    leaves: u.leaves.map((l) => ({
      code: l.node.code,
      area: l.node.areaCode,
      applicable: l.input.applicable,
      notApplicableReason: l.input.naReason ?? null,
      max: (l.input.max ?? l.node.max).toNumber(),
      self: d(l.self),
      appraised: d(l.appraised),
      survey: d(l.survey),
      final: d(l.final),
      points: d(l.points),
      lost: l.points === null ? null : (l.input.max ?? l.node.max).sub(l.points).toNumber(),
      option: l.input.option ?? null,
      measure: l.input.measure ?? null,
      evidence: l.input.evidence,
      note: l.input.note,
      reason: l.input.reason,
      decisions: l.input.decisions.map((x) => ({ score: x.score.toNumber(), reason: x.reason, round: x.round })),
      settled: [...l.input.settled],
    })),
  };
}

function criteriaTree(set: CriteriaSet): TreeNodeJson[] {
  const out: TreeNodeJson[] = [];
  const visit = (n: CriteriaNode): void => {
    out.push({
      code: n.code,
      name: n.name,
      max: n.max.toNumber(),
      level: n.level,
      parent: n.parentCode ?? null,
      part: n.part,
      leaf: isLeaf(n),
      rule: n.rule ? ruleJson(n.rule) : null,
      number: n.number ?? null,
    });
    n.children.forEach(visit);
  };
  set.areas.forEach(visit);
  for (const p of set.adjustments) {
    out.push({ code: p.code, name: p.name, max: p.cap.toNumber(), level: 0, parent: null, part: p.kind, leaf: false, rule: null });
    p.children.forEach(visit);
  }
  return out;
}

/** Everything but the units: small, built whole. */
function resultsShell(results: Results, meta: ResultsMeta): ResultsJson {
  const { set } = results;
  const idx = (r: Ratio | null): number | null => (r === null ? null : r.round(set.decimals, set.rounding).toNumber());
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { name: 'parscore', version: meta.toolVersion },
    title: meta.title,
    year: set.year,
    province: meta.province ?? null,
    office: meta.office ?? null,
    annex: {
      issuer: meta.annex?.issuer ?? null,
      decision: meta.annex?.decision ?? null,
      date: meta.annex?.date ?? null,
      place: meta.annex?.place ?? null,
      signerTitle: meta.annex?.signerTitle ?? null,
      signerName: meta.annex?.signerName ?? null,
    },
    hasPrevious: results.hasPrevious,
    draft: (meta.draft ?? false) || results.draft,
    criteria: {
      id: set.id,
      title: set.title,
      path: meta.criteria.path,
      sha256: meta.criteria.sha256,
      total: set.total.toNumber(),
      classes: set.classes.map((c) => ({ label: c.label, min: c.min.toNumber() })),
      tree: criteriaTree(set),
    },
    inputs: meta.inputs.map((i) => ({ role: i.role, path: i.path, sha256: i.sha256 })),
    options: { stage: results.stage as Stage, precision: set.precision, decimals: set.decimals, rounding: set.rounding, ties: set.ties },
    provisional: results.units.some((u) => u.status === 'provisional'),
    ...(results.draft ? { unscored: results.unscored.map((x) => ({ code: x.unit.code, name: x.unit.name, errors: x.errors })) } : {}),
    exempt: results.exempt.map((u) => ({ code: u.code, name: u.name })),
    units: [],
    areaStats: results.areaStats.map((s) => ({ code: s.code, name: s.name, units: s.units, mean: idx(s.mean), median: idx(s.median), min: idx(s.min), max: idx(s.max) })),
    gone: results.gone.map((g) => ({ code: g.code, name: g.name, previousRank: g.rank })),
  };
}

export function toResultsJson(results: Results, meta: ResultsMeta): ResultsJson {
  return { ...resultsShell(results, meta), units: results.units.map((u) => unitJson(results, u)) };
}

/**
 * The results file as UTF-8 in chunks of about 1 MB, so a national round's
 * results are never one string in memory: everything but the units indented
 * as JSON.stringify(…, null, 2) does, each unit compact (version 3), a line
 * per field and a line per element of its lists (areas, nodes, leaves): about
 * half the bytes of full indentation (issue 16: 55 → 30 KB per unit), still
 * one leaf per line to read or diff (unit-text.ts writes a unit). Read back
 * (results-read.ts), the same value as toResultsJson (docs/results.md, "Bố cục").
 * A chunk ends between units, so each is whole UTF-8.
 *
 * `terminalSafe` (stdout): the text escapeForTerminal would make of it, the
 * same JSON value with each string's terminal controls written as JSON's own
 * `\uXXXX`, so stdout's writer need not scan it again. A file (`--output`)
 * keeps those characters as they are.
 */
export function* resultsJsonChunks(results: Results, meta: ResultsMeta, { terminalSafe = false }: { terminalSafe?: boolean } = {}): Generator<Uint8Array> {
  const json = JSON.stringify(resultsShell(results, meta), null, 2);
  // The shell is small: escaped whole (JSON.stringify leaves no raw ESC, so no colour sequence passes).
  const shell = terminalSafe ? escapeForTerminal(json) : json;
  const marker = '\n  "units": [],\n';
  const at = shell.indexOf(marker);
  const writer = new UnitTextWriter(results, treeDefaults(criteriaTree(results.set)), terminalSafe);
  const { out } = writer;
  if (results.units.length === 0) {
    out.utf8(`${shell}\n`);
    yield out.take();
    return;
  }
  out.utf8(`${shell.slice(0, at)}\n  "units": [\n`);
  for (const [i, u] of results.units.entries()) {
    if (i > 0) out.ascii(',\n');
    writer.unit(u);
    if (out.full) yield out.take();
  }
  out.utf8(`\n  ],\n${shell.slice(at + marker.length)}\n`);
  yield out.take();
}
