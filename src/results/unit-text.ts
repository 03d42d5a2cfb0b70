/**
 * A unit's text in a results file (version 3), written in one pass from the
 * engine's result into UTF-8 bytes (json-bytes.ts): no object per unit, node
 * or leaf, and no string per field. Each field is written as JSON.stringify
 * writes Decimal.toNumber() of it, left out where a version 3 file leaves it
 * out (results-json.ts: null, "", [], applicable, or the criteria tree's own
 * area, maximum or name), in the full shape's key order.
 * test/results-writer.test.ts holds this to the text that building the
 * unit's object and stringifying it gives.
 */
import { DecimalSum, type Decimal, type Ratio } from '../core/decimal.js';
import type { AreaResult, LeafResult, NodeResult, Results, UnitResult } from '../scoring/engine.js';
import { JsonBytes } from './json-bytes.js';

/** What a version 3 file leaves to the criteria tree, by node code (results-json.ts, treeDefaults). */
type TreeDefaults = ReadonlyMap<string, { name: string; max: number; area: string }>;

/** What the tree gives a code: its defaults when the tree holds it. */
interface Known {
  name: string | undefined;
  max: number | undefined;
  area: string | undefined;
}

/**
 * Writes units' JSON text, as resultsJsonChunks lays it out: a line per field
 * and a line per area, node and leaf.
 */
export class UnitTextWriter {
  private readonly knownByCode = new Map<string, Known>();
  readonly out: JsonBytes;

  constructor(
    private readonly results: Results,
    private readonly tree: TreeDefaults,
    terminalSafe = false,
  ) {
    this.out = new JsonBytes(terminalSafe);
  }

  /** One unit's text, from `    {` to `    }`. */
  unit(u: UnitResult): void {
    const { out } = this;
    const index = this.rounded(u.index);
    const t = unitTotals(u);
    const { facts } = u;
    out.ascii('    {\n      "code": ');
    out.string(u.unit.code);
    out.ascii(',\n      "name": ');
    out.string(u.unit.name);
    out.ascii(',\n      "rank": ');
    out.nullable(u.rank);
    out.ascii(',\n      "previousRank": ');
    out.nullable(u.previous?.rank ?? null);
    out.ascii(',\n      "rankChange": ');
    out.nullable(u.rankChange);
    out.ascii(',\n      "previousIndex": ');
    this.nullableDecimal(u.previous ? u.previous.index : null);
    out.ascii(',\n      "indexChange": ');
    this.nullableDecimal(u.previous && index ? index.sub(u.previous.index) : null);
    out.ascii(this.results.hasPrevious && u.previous === null ? ',\n      "new": true' : ',\n      "new": false');
    out.ascii(',\n      "points": ');
    out.decimal(u.points);
    out.ascii(',\n      "max": ');
    out.decimal(u.max);
    out.ascii(',\n      "index": ');
    this.nullableDecimal(index);
    out.ascii(',\n      "class": ');
    this.nullableString(u.class);
    out.ascii(',\n      "status": ');
    out.string(u.status);
    out.ascii(',\n      "submission": ');
    out.string(u.submission);
    out.ascii(',\n      "bonus": ');
    out.decimal(u.bonus);
    out.ascii(',\n      "penalty": ');
    out.decimal(u.penalty);
    out.ascii(',\n      "totals": {"self":');
    out.decimal(t.self);
    out.ascii(',"appraised":');
    this.nullableDecimal(t.appraised);
    out.ascii(',"survey":');
    out.decimal(t.survey);
    out.ascii('},\n      "facts": {"areasAtLeast90":');
    out.number(facts.areasAtLeast90);
    out.ascii(',"areasFull":');
    out.number(facts.areasFull);
    out.ascii(',"weakestArea":');
    this.nullableString(facts.weakestArea);
    out.ascii(',"lostMost":');
    this.inline(facts.lostMost, (l) => {
      const k = this.head(l.code);
      if (l.name !== k.name) {
        out.ascii(',"name":');
        out.string(l.name);
      }
      out.ascii(',"lost":');
      out.decimal(l.lost);
      out.ascii('}');
    });
    out.ascii('}');
    this.list('areas', u.areas, (a) => this.area(a));
    this.list('nodes', u.nodes.values(), (n) => this.node(n));
    this.list('leaves', u.leaves, (l) => this.leaf(l));
    out.ascii('\n    }');
  }

  /** A list field: an element a line, or [] when empty. */
  private list<T>(key: string, items: Iterable<T>, element: (x: T) => void): void {
    const { out } = this;
    out.ascii(`,\n      "${key}": [`);
    let first = true;
    for (const x of items) {
      out.ascii(first ? '\n        ' : ',\n        ');
      first = false;
      element(x);
    }
    out.ascii(first ? ']' : '\n      ]');
  }

  /** A list on one line: `[a,b]`. */
  private inline<T>(items: readonly T[], element: (x: T) => void): void {
    this.out.ascii('[');
    items.forEach((x, i) => {
      if (i > 0) this.out.ascii(',');
      element(x);
    });
    this.out.ascii(']');
  }

  private area(a: AreaResult): void {
    const k = this.head(a.code);
    if (a.name !== k.name) this.text(',"name":', a.name);
    this.points(',"points":', a.points);
    this.max(k, a.max);
    this.points(',"index":', this.rounded(a.index));
    if (a.rank !== null) {
      this.out.ascii(',"rank":');
      this.out.number(a.rank);
    }
    this.points(',"self":', a.self);
    this.points(',"appraised":', a.appraised);
    this.out.ascii('}');
  }

  private node(n: NodeResult): void {
    const k = this.head(n.code);
    this.points(',"points":', n.points);
    this.max(k, n.max);
    this.points(',"index":', this.rounded(n.index));
    if (n.points !== null) this.points(',"lost":', n.lost);
    this.points(',"self":', n.self);
    this.points(',"appraised":', n.appraised);
    this.out.ascii('}');
  }

  private leaf(l: LeafResult): void {
    const { out } = this;
    const { input } = l;
    const k = this.head(l.node.code);
    if (l.node.areaCode !== k.area) this.text(',"area":', l.node.areaCode);
    if (!input.applicable) out.ascii(',"applicable":false');
    this.text(',"notApplicableReason":', input.naReason);
    const max = input.max ?? l.node.max;
    this.max(k, max);
    this.points(',"self":', l.self);
    this.points(',"appraised":', l.appraised);
    this.points(',"survey":', l.survey);
    this.points(',"final":', l.final);
    this.points(',"points":', l.points);
    if (l.points !== null) this.points(',"lost":', max.sub(l.points));
    this.text(',"option":', input.option);
    this.text(',"measure":', input.measure);
    this.text(',"evidence":', input.evidence);
    this.text(',"note":', input.note);
    this.text(',"reason":', input.reason);
    if (input.decisions.length > 0) {
      out.ascii(',"decisions":');
      this.inline(input.decisions, (x) => {
        out.ascii('{"score":');
        out.decimal(x.score);
        out.ascii(',"reason":');
        out.string(x.reason);
        out.ascii(',"round":');
        out.number(x.round);
        out.ascii('}');
      });
    }
    if (input.settled.length > 0) {
      out.ascii(',"settled":');
      this.inline(input.settled, (x) => out.string(x));
    }
    out.ascii('}');
  }

  /** A points field (`key` is its `,"name":`), left out when null or absent. */
  private points(key: string, v: Decimal | null | undefined): void {
    if (v === undefined || v === null) return;
    this.out.ascii(key);
    this.out.decimal(v);
  }

  /** A string field (`key` is its `,"name":`), left out when empty or absent. */
  private text(key: string, s: string | null | undefined): void {
    if (s === undefined || s === null || s === '') return;
    this.out.ascii(key);
    this.out.string(s);
  }

  private nullableString(s: string | null): void {
    if (s === null) this.out.ascii('null');
    else this.out.string(s);
  }

  private nullableDecimal(v: Decimal | null): void {
    if (v === null) this.out.ascii('null');
    else this.out.decimal(v);
  }

  /** A maximum, left out when it is the tree's (compared as numbers, as the file holds them). */
  private max(k: Known, v: Decimal): void {
    const n = v.toNumber();
    if (n === k.max) return;
    this.out.ascii(',"max":');
    this.out.number(n);
  }

  private rounded(r: Ratio | null): Decimal | null {
    return r === null ? null : r.round(this.results.set.decimals, this.results.set.rounding);
  }

  /** Writes the start of an entry (`{"code":"1.1.1"`) and returns the tree's defaults for its code. */
  private head(code: string): Known {
    this.out.ascii('{"code":');
    this.out.string(code);
    let k = this.knownByCode.get(code);
    if (k === undefined) {
      const t = this.tree.get(code);
      k = { name: t?.name, max: t?.max, area: t?.area };
      this.knownByCode.set(code, k);
    }
    return k;
  }
}

/** Area points by stage over a unit's applicable leaves: the columns of a report row that adds up (results-json.ts, `totals`). */
export interface UnitTotals {
  self: Decimal;
  /** Null when the council scored none of the non-survey leaves and has not finished. */
  appraised: Decimal | null;
  survey: Decimal;
}

/** Running totals for unitTotals, reused unit after unit (no Decimal per term). */
const selfSum = new DecimalSum();
const finalSum = new DecimalSum();
const surveySum = new DecimalSum();

export function unitTotals(u: UnitResult): UnitTotals {
  selfSum.clear();
  finalSum.clear();
  surveySum.clear();
  // Appraised: the council scored an item, or finished its appraisal (an item it left blank it accepted).
  let appraisedAny = u.status === 'final';
  for (const l of u.leaves) {
    if (!l.input.applicable || l.node.part !== 'area') continue;
    if (l.node.rule?.kind === 'survey') {
      if (l.survey !== null) surveySum.add(l.survey);
      continue;
    }
    if (l.self !== null) selfSum.add(l.self);
    if (l.final !== null) finalSum.add(l.final);
    if (l.appraised !== null) appraisedAny = true;
  }
  // Where the council scored some leaves but not all, the others keep the self score (the unit is provisional).
  return { self: selfSum.value(), appraised: appraisedAny ? finalSum.value() : null, survey: surveySum.value() };
}
