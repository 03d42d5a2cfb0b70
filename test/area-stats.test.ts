// Area statistics in linear time (issue 16): the new sum and statistics give
// exactly the figures of the code they replaced (kept here as the reference)
// on generated indexes like the engine's: points (quarter steps) ÷ the unit's
// applicable maximum × 100, the maxima varying between units.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, Ratio } from '../src/core/decimal.js';
import { ratioStats } from '../src/scoring/engine.js';

/** The code before issue 16: one fraction added at a time, min/max by reduce. */
function oldStats(values: Ratio[]) {
  const total = values.reduce((acc, v) => acc.add(v), Ratio.ZERO);
  const median = (): Ratio | null => {
    if (values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a.cmp(b));
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid]! : sorted[mid - 1]!.add(sorted[mid]!).divBy(2n);
  };
  return {
    units: values.length,
    mean: values.length > 0 ? total.divBy(BigInt(values.length)) : null,
    median: median(),
    min: values.length > 0 ? values.reduce((m, v) => (v.cmp(m) < 0 ? v : m)) : null,
    max: values.length > 0 ? values.reduce((m, v) => (v.cmp(m) > 0 ? v : m)) : null,
  };
}

const HUNDRED = Decimal.of(100n);
// An index as the engine makes it: points (in 0.25 steps, at most the maximum) ÷ maximum × 100.
const index = fc.tuple(fc.integer({ min: 1, max: 400 }), fc.nat({ max: 1600 })).map(([maxQuarters, q]) => {
  const max = Decimal.of(BigInt(maxQuarters) * 25n, 2);
  const points = Decimal.of(BigInt(q % (maxQuarters + 1)) * 25n, 2);
  return points.div(max).mul(HUNDRED);
});
const show = (r: Ratio | null): string | null => (r === null ? null : `${r.num}/${r.den}`);
const shown = (s: ReturnType<typeof oldStats>) => ({ units: s.units, mean: show(s.mean), median: show(s.median), min: show(s.min), max: show(s.max) });

describe('area statistics', () => {
  it('give exactly the old figures on generated rounds', () => {
    fc.assert(
      fc.property(fc.array(index, { maxLength: 300 }), (values) => {
        expect(shown(ratioStats(values))).toEqual(shown(oldStats(values)));
      }),
      { numRuns: 300 },
    );
  });

  it('sum fractions exactly: 1/3 + 1/6 + 2/3 + 5/6 = (1+2)/3 + (1+5)/6 = 1 + 1 = 2', () => {
    const r = Ratio.sum([Ratio.of(1n, 3n), Ratio.of(1n, 6n), Ratio.of(2n, 3n), Ratio.of(5n, 6n)]);
    expect(show(r)).toBe('2/1');
    expect(show(Ratio.sum([]))).toBe('0/1');
  });

  it('mean and median of 4 indexes: 50, 75, 100, 200/3 → mean (50+75+100+66⅔)/4 = 291⅔/4 = 875/12; median (200/3 + 75)/2 = 425/6', () => {
    const s = ratioStats([Ratio.of(50n, 1n), Ratio.of(75n, 1n), Ratio.of(100n, 1n), Ratio.of(200n, 3n)]);
    expect(shown(s)).toEqual({ units: 4, mean: '875/12', median: '425/6', min: '50/1', max: '100/1' });
  });
});

describe('Decimal.toNumber', () => {
  it('is exactly Number(text) (the conversion results JSON used before issue 16)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }), fc.integer({ min: 0, max: 25 }), (units, scale) => {
        const d = Decimal.of(units, scale);
        expect(Object.is(d.toNumber(), Number(d.toString()))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // 0.1 + 0.2 as exact decimals is 0.3, and as a number the double nearest 0.3.
    expect(Decimal.of(3n, 1).toNumber()).toBe(0.3);
  });
});
