/** What a leaf's rule gives for an option or a measure. Pure and exact. */
import { Decimal, Ratio, type RoundingMode } from '../core/decimal.js';
import { foldForMatch } from '../core/text.js';
import type { Band, Rule } from '../criteria/index.js';
import type { Measure } from '../evidence/cells.js';

const HUNDRED = Decimal.of(100n);

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

/** The measure as the number the bands are written in: a percentage, or a count. */
export function measureValue(measure: Measure, kind: 'percent' | 'count'): Ratio | undefined {
  if (kind === 'count') {
    if (measure.of !== undefined || measure.percent || measure.value.isNegative()) return undefined;
    return measure.value.toRatio();
  }
  if (measure.of !== undefined) return measure.value.div(measure.of).mul(HUNDRED);
  if (measure.value.isNegative()) return undefined;
  return measure.value.toRatio();
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

export function bandPoints(rule: Extract<Rule, { kind: 'bands' }>, measure: Measure): { points: Decimal; band: Band } | undefined {
  const v = measureValue(measure, rule.measure);
  if (!v) return undefined;
  const band = rule.bands.find((b) => inBand(v, b));
  return band ? { points: band.points, band } : undefined;
}

/** max × achieved / required, rounded at the set's precision, never above max. */
export function proportionalPoints(max: Decimal, measure: Measure, precision: number, rounding: RoundingMode): Decimal | undefined {
  let share: Ratio;
  if (measure.of !== undefined) share = measure.value.div(measure.of);
  else share = measure.value.div(HUNDRED);
  if (share.num < 0n) return undefined;
  const points = share.mul(max).round(precision, rounding);
  return points.min(max);
}
