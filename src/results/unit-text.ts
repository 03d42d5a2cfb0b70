/**
 * A unit's text in a results file (version 3), written in one pass from the
 * engine's result: no object per unit, node or leaf, only the text. Each
 * field is written as JSON.stringify writes Decimal.toNumber() of it, left
 * out where a version 3 file leaves it out (results-json.ts: null, "", [],
 * applicable, or the criteria tree's own area, maximum or name), in the full
 * shape's key order. test/results-writer.test.ts holds this to the text that
 * building the unit's object and stringifying it gives.
 */
import { Decimal, DecimalSum, type Ratio } from '../core/decimal.js';
import { escapeForTerminal } from '../core/text.js';
import type { AreaResult, LeafResult, NodeResult, Results, UnitResult } from '../scoring/engine.js';

/** A number as JSON.stringify writes it (a value too large for a double is Infinity there, written null). */
function num(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

const nullable = (n: number | null): string => (n === null ? 'null' : num(n));

/** Below 10^15 units a Decimal's digits are an exact double, and fewer than 16 significant digits. */
const PLAIN_UNITS = 1e15;
const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];
const ZEROS = ['', '0', '00', '000', '0000', '00000', '000000'];

/**
 * A Decimal as JSON.stringify writes its toNumber(), made from its digits
 * with integer arithmetic (writing a fraction's double is the slow part):
 * below 10^15 units the nearest double reads back as the same decimal, so
 * its shortest form is the decimal's own digits, and at most 6 decimals and
 * below 10^15 JavaScript writes without an exponent. Anything else goes
 * through toNumber(). The units come back from toNumber() without a bigint:
 * below 2^50 units, value × 10^scale is within two roundings (< 0.25) of them.
 */
export function decimalText(v: Decimal): string {
  const { scale } = v;
  const x = v.toNumber();
  // A whole number's double is exact, and String writes it as JSON.stringify does.
  if (scale === 0 || scale > 6) return num(x);
  const n = Math.round(x * POW10[scale]!);
  if (!(n < PLAIN_UNITS && n > -PLAIN_UNITS)) return num(x);
  const whole = Math.abs(n);
  const int = Math.floor(whole / POW10[scale]!);
  let frac = whole - int * POW10[scale]!;
  if (frac === 0) return n < 0 && int !== 0 ? `-${int}` : String(int);
  let places = scale;
  while (frac % 10 === 0) {
    frac /= 10;
    places--;
  }
  const digits = String(frac);
  return `${n < 0 ? '-' : ''}${int}.${ZEROS[places - digits.length]!}${digits}`;
}

/** Characters JSON.stringify escapes in a string: `"`, `\`, controls below U+0020 and surrogates (escaped when lone). */
const TO_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON.stringify writes it; one with nothing to escape, quoted as it is. */
export function jsonString(s: string): string {
  return TO_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/**
 * TO_ESCAPE and every character escapeForTerminal writes as `\uXXXX` (C1
 * controls, DEL, bidi marks; test/results-writer.test.ts checks every UTF-16
 * code unit against escapeForTerminal itself).
 */
const TO_ESCAPE_FOR_TERMINAL = /["\\\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

/**
 * A string as escapeForTerminal(JSON.stringify(s)) writes it: the same JSON
 * value, with the characters a terminal could act on as JSON's own `\uXXXX`
 * escape, so the text needs no second scan on its way to stdout.
 * JSON.stringify leaves no raw ESC, so escapeForTerminal has no colour
 * sequence to let pass, and the escaped pieces make an escaped whole.
 */
export function terminalSafeJsonString(s: string): string {
  return TO_ESCAPE_FOR_TERMINAL.test(s) ? escapeForTerminal(JSON.stringify(s)) : `"${s}"`;
}

/** The Decimal last written and its text: a leaf's self, final and points are often the same object. */
let lastDecimal: Decimal | undefined;
let lastText = '';

/** A points field (`key` is its `,"name":`), left out when null or absent. */
function points(key: string, v: Decimal | null | undefined): string {
  if (v === undefined || v === null) return '';
  if (v !== lastDecimal) {
    lastText = decimalText(v);
    lastDecimal = v;
  }
  return key + lastText;
}

/** What a version 3 file leaves to the criteria tree, by node code (results-json.ts, treeDefaults). */
type TreeDefaults = ReadonlyMap<string, { name: string; max: number; area: string }>;

/** What the tree gives a code: the start of its entry (`{"code":"1.1.1"`), and its defaults when the tree holds it. */
interface Known {
  head: string;
  name: string | undefined;
  max: number | undefined;
  area: string | undefined;
}

/** Elements of a list field, a line each. */
const ELEMENTS = ',\n        ';

/**
 * Writes units' JSON text, as resultsJsonChunks lays it out: a line per field
 * and a line per area, node and leaf. Each line is built whole, then a unit's
 * lines joined once (cheaper than joining thousands of pieces).
 */
export class UnitTextWriter {
  private readonly knownByCode = new Map<string, Known>();
  private readonly lines: string[] = [];
  /** How a string is written: jsonString, or terminalSafeJsonString for text vouched terminal-safe. */
  private readonly str: (s: string) => string;

  constructor(
    private readonly results: Results,
    private readonly tree: TreeDefaults,
    terminalSafe = false,
  ) {
    this.str = terminalSafe ? terminalSafeJsonString : jsonString;
  }

  /** One unit's text, from `    {` to `    }`. */
  unit(u: UnitResult): string {
    const index = this.rounded(u.index);
    const t = unitTotals(u);
    const { facts } = u;
    const lostMost = facts.lostMost.map((l) => {
      const k = this.known(l.code);
      return `${k.head}${l.name === k.name ? '' : `,"name":${this.str(l.name)}`},"lost":${decimalText(l.lost)}}`;
    });
    const head =
      `    {\n      "code": ${this.str(u.unit.code)},\n      "name": ${this.str(u.unit.name)},\n      "rank": ${nullable(u.rank)},\n      "previousRank": ${nullable(u.previous?.rank ?? null)}` +
      `,\n      "rankChange": ${nullable(u.rankChange)},\n      "previousIndex": ${u.previous ? decimalText(u.previous.index) : 'null'}` +
      `,\n      "indexChange": ${u.previous && index ? decimalText(index.sub(u.previous.index)) : 'null'},\n      "new": ${this.results.hasPrevious && u.previous === null}` +
      `,\n      "points": ${decimalText(u.points)},\n      "max": ${decimalText(u.max)},\n      "index": ${index ? decimalText(index) : 'null'}` +
      `,\n      "class": ${u.class === null ? 'null' : this.str(u.class)},\n      "status": ${this.str(u.status)},\n      "submission": ${this.str(u.submission)}` +
      `,\n      "bonus": ${decimalText(u.bonus)},\n      "penalty": ${decimalText(u.penalty)}` +
      `,\n      "totals": {"self":${decimalText(t.self)},"appraised":${t.appraised === null ? 'null' : decimalText(t.appraised)},"survey":${decimalText(t.survey)}}` +
      `,\n      "facts": {"areasAtLeast90":${num(facts.areasAtLeast90)},"areasFull":${num(facts.areasFull)},"weakestArea":${facts.weakestArea === null ? 'null' : this.str(facts.weakestArea)},"lostMost":[${lostMost.join(',')}]}`;
    return `${head}${this.list('areas', u.areas, (a) => this.area(a))}${this.list('nodes', u.nodes.values(), (n) => this.node(n))}${this.list('leaves', u.leaves, (l) => this.leaf(l))}\n    }`;
  }

  /** A list field: an element a line, or [] when empty. */
  private list<T>(key: string, items: Iterable<T>, line: (x: T) => string): string {
    const { lines } = this;
    for (const x of items) lines.push(line(x));
    const out = lines.length === 0 ? `,\n      "${key}": []` : `,\n      "${key}": [\n        ${lines.join(ELEMENTS)}\n      ]`;
    lines.length = 0;
    return out;
  }

  private area(a: AreaResult): string {
    const k = this.known(a.code);
    const name = a.name === k.name ? '' : this.text(',"name":', a.name);
    const rank = a.rank === null ? '' : `,"rank":${num(a.rank)}`;
    return `${k.head}${name}${points(',"points":', a.points)}${this.max(k, a.max)}${points(',"index":', this.rounded(a.index))}${rank}${points(',"self":', a.self)}${points(',"appraised":', a.appraised)}}`;
  }

  private node(n: NodeResult): string {
    const k = this.known(n.code);
    const lost = n.points === null ? '' : points(',"lost":', n.lost);
    return `${k.head}${points(',"points":', n.points)}${this.max(k, n.max)}${points(',"index":', this.rounded(n.index))}${lost}${points(',"self":', n.self)}${points(',"appraised":', n.appraised)}}`;
  }

  private leaf(l: LeafResult): string {
    const { input } = l;
    const k = this.known(l.node.code);
    const area = l.node.areaCode === k.area ? '' : this.text(',"area":', l.node.areaCode);
    const max = input.max ?? l.node.max;
    const lost = l.points === null ? '' : points(',"lost":', max.sub(l.points));
    let out = `${k.head}${area}${input.applicable ? '' : ',"applicable":false'}${this.text(',"notApplicableReason":', input.naReason)}${this.max(k, max)}`;
    out += `${points(',"self":', l.self)}${points(',"appraised":', l.appraised)}${points(',"survey":', l.survey)}${points(',"final":', l.final)}${points(',"points":', l.points)}${lost}`;
    out += `${this.text(',"option":', input.option)}${this.text(',"measure":', input.measure)}${this.text(',"evidence":', input.evidence)}${this.text(',"note":', input.note)}${this.text(',"reason":', input.reason)}`;
    if (input.decisions.length > 0) out += `,"decisions":[${input.decisions.map((x) => `{"score":${decimalText(x.score)},"reason":${this.str(x.reason)},"round":${num(x.round)}}`).join(',')}]`;
    if (input.settled.length > 0) out += `,"settled":[${input.settled.map(this.str).join(',')}]`;
    return `${out}}`;
  }

  /** A string field (`key` is its `,"name":`), left out when empty or absent. */
  private text(key: string, s: string | null | undefined): string {
    return s === undefined || s === null || s === '' ? '' : key + this.str(s);
  }

  /** A maximum, left out when it is the tree's (compared as numbers, as the file holds them). */
  private max(k: Known, v: Decimal): string {
    const n = v.toNumber();
    return n === k.max ? '' : `,"max":${num(n)}`;
  }

  private rounded(r: Ratio | null): Decimal | null {
    return r === null ? null : r.round(this.results.set.decimals, this.results.set.rounding);
  }

  private known(code: string): Known {
    let k = this.knownByCode.get(code);
    if (k === undefined) {
      const t = this.tree.get(code);
      k = { head: `{"code":${this.str(code)}`, name: t?.name, max: t?.max, area: t?.area };
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
