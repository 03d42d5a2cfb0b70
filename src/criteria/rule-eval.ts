/** What a leaf's rule gives for an option or a measure. Pure and exact. */
import { Decimal, Ratio, type RoundingMode } from '../core/decimal.js';
import { foldForMatch } from '../core/text.js';
import type { Band, IfNone, MeasureKind, Rule } from './index.js';

/** A measured value: a plain number, a percentage, or achieved/required. */
export interface Measure {
  value: Decimal;
  /** Set for "a/b": the required amount. */
  of?: Decimal;
  percent: boolean;
  text: string;
}

const HUNDRED = Decimal.HUNDRED;

/** Option labels folded once per rule: a national round looks them up hundreds of thousands of times. */
const foldedOptions = new WeakMap<object, Map<string, Decimal>>();

export function optionPoints(rule: Extract<Rule, { kind: 'options' }>, label: string): Decimal | undefined {
  let byLabel = foldedOptions.get(rule);
  if (!byLabel) {
    byLabel = new Map();
    for (const o of rule.options) if (!byLabel.has(foldForMatch(o.label))) byLabel.set(foldForMatch(o.label), o.points);
    foldedOptions.set(rule, byLabel);
  }
  return byLabel.get(foldForMatch(label));
}

/** The measure as the number the bands are written in: a percentage, a count, or a day number. */
function measureValue(measure: Measure, kind: MeasureKind): Ratio | undefined {
  if (kind === 'count' || kind === 'date') {
    if (measure.of !== undefined || measure.percent || measure.value.isNegative()) return undefined;
    return measure.value.toRatio();
  }
  if (measure.of !== undefined) return measure.value.div(measure.of).mul(HUNDRED);
  if (measure.value.isNegative()) return undefined;
  return measure.value.toRatio();
}

/** A count (of items, of late reports…) must be a whole number: 1,5 reports is a typing slip, not a measure. */
export function isWholeCount(measure: Measure): boolean {
  return measure.of === undefined && !measure.percent && !measure.value.isNegative() && measure.value.decimals === 0;
}

function inBand(v: Ratio, band: Band): boolean {
  if (band.lower) {
    const c = v.cmp(band.lower.toRatio());
    if (c < 0 || (c === 0 && !band.lowerInclusive)) return false;
  }
  if (band.upper) {
    const c = v.cmp(band.upper.toRatio());
    if (c > 0 || (c === 0 && !band.upperInclusive)) return false;
  }
  return true;
}

function bandFor(bands: readonly Band[], v: Ratio): { points: Decimal; band: Band } | undefined {
  const band = bands.find((b) => inBand(v, b));
  return band ? { points: band.points, band } : undefined;
}

export function bandPoints(rule: Extract<Rule, { kind: 'bands' }>, measure: Measure): { points: Decimal; band: Band } | undefined {
  const v = measureValue(measure, rule.measure);
  if (!v) return undefined;
  return bandFor(rule.bands, v);
}

/** The achieved share as a fraction (0.9 for 90 %), or undefined for a negative measure. */
function shareOf(measure: Measure): Ratio | undefined {
  const share = measure.of !== undefined ? measure.value.div(measure.of) : measure.value.div(HUNDRED);
  return share.num < 0n ? undefined : share;
}

/**
 * max × achieved / required, rounded at the set's precision, never above max.
 * With `zeroBelow`, a rate under that percentage scores 0; with `target`, the
 * rate is measured against the set's target (at or above it: full points).
 */
export function proportionalPoints(max: Decimal, measure: Measure, precision: number, rounding: RoundingMode, rule: { target?: Decimal; zeroBelow?: Decimal } = {}): Decimal | undefined {
  let share = shareOf(measure);
  if (!share) return undefined;
  if (rule.zeroBelow && share.mul(HUNDRED).cmp(rule.zeroBelow.toRatio()) < 0) return Decimal.ZERO;
  // Against a target: 40 % of a 50 % target is 0.8 of the way; above it, capped at max below.
  if (rule.target) share = share.mul(HUNDRED).mul(invert(rule.target));
  const points = share.mul(max).round(precision, rounding);
  return points.min(max);
}

function invert(d: Decimal): Ratio {
  const r = d.toRatio();
  return Ratio.of(r.den, r.num);
}

/**
 * Points per item counted, up to the cap (default: the maximum). With
 * `deduct`, the items are taken off the maximum instead, never below 0.
 * The count must be whole (see isWholeCount).
 */
export function perItemPoints(rule: Extract<Rule, { kind: 'per-item' }>, max: Decimal, count: Decimal): Decimal {
  const cap = (rule.cap ?? max).min(max);
  const total = count.mul(rule.each).min(cap);
  return rule.deduct ? max.sub(total).max(Decimal.ZERO) : total;
}

/** Points for `done` of a checklist's items: by its bands, or max × done / items rounded at precision. Undefined above the item count. */
export function checklistPoints(rule: Extract<Rule, { kind: 'checklist' }>, max: Decimal, done: Decimal, precision: number, rounding: RoundingMode): Decimal | undefined {
  const n = Decimal.of(BigInt(rule.items.length));
  if (done.isNegative() || done.gt(n) || n.isZero()) return undefined;
  if (rule.bands) return bandFor(rule.bands, done.toRatio())?.points;
  return done.div(n).mul(max).round(precision, rounding).min(max);
}

/** What "nothing arose" scores: the maximum, 0, or null when the leaf is then not assessed. */
export function nonePoints(ifNone: IfNone, max: Decimal): Decimal | null {
  return ifNone === 'full' ? max : ifNone === 'zero' ? Decimal.ZERO : null;
}

/** Rules whose points follow from a measure the unit enters (the form's "Số liệu" column). */
export function ruleTakesMeasure(rule: Rule): boolean {
  return rule.kind === 'bands' || rule.kind === 'proportional' || rule.kind === 'per-item' || rule.kind === 'checklist';
}

/** Answer counts of one respondent group (or of everyone, when the rule names no groups). */
export interface AnswerCounts {
  group: string;
  /** Answer (as the scale writes it) → number of answers. */
  counts: Map<string, bigint>;
}

/**
 * A survey item's points from answer counts: each group's score is the mean
 * share of its answers (A 100 %, B 60 %…), groups weighted by the set's
 * weights (a group with no answers is left out), times the maximum, rounded
 * at precision. Undefined when no answer at all was counted.
 */
export function surveyScalePoints(rule: Extract<Rule, { kind: 'survey' }>, max: Decimal, data: readonly AnswerCounts[], precision: number, rounding: RoundingMode): Decimal | undefined {
  const share = new Map((rule.scale ?? []).map((a) => [foldForMatch(a.answer), a.share.toRatio()]));
  const weights = rule.groups ? new Map(rule.groups.map((g) => [foldForMatch(g.name), g.weight])) : undefined;
  // Pool rows by group: everyone together when the rule has no groups.
  const pooled = new Map<string, Map<string, bigint>>();
  for (const d of data) {
    const key = weights ? foldForMatch(d.group) : '';
    if (weights && !weights.has(key)) continue;
    let counts = pooled.get(key);
    if (!counts) pooled.set(key, (counts = new Map()));
    for (const [answer, n] of d.counts) counts.set(foldForMatch(answer), (counts.get(foldForMatch(answer)) ?? 0n) + n);
  }
  let weighted = Ratio.ZERO;
  let weightSum = Decimal.ZERO;
  for (const [group, counts] of pooled) {
    let answers = 0n;
    let sum = Ratio.ZERO;
    for (const [answer, n] of counts) {
      const s = share.get(answer);
      if (s === undefined || n === 0n) continue;
      answers += n;
      sum = sum.add(s.mul(Ratio.of(n, 1n)));
    }
    if (answers === 0n) continue;
    const w = weights ? weights.get(group)! : Decimal.of(1n);
    weighted = weighted.add(sum.divBy(answers).mul(w));
    weightSum = weightSum.add(w);
  }
  if (weightSum.isZero()) return undefined;
  // weighted / weightSum is the mean share in %; ÷ 100 × max.
  return weighted.mul(max).divBy(100n).mul(invertDecimal(weightSum)).round(precision, rounding).min(max);
}

function invertDecimal(d: Decimal): Ratio {
  const r = d.toRatio();
  return Ratio.of(r.den, r.num);
}
