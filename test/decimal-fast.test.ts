// Decimal and Ratio keep safe integers as JS numbers and fall back to bigint
// beyond 2^53 − 1. These properties compare every operation with a plain
// bigint reference (written here from the definitions) on values chosen to
// cross that boundary: small ones, ones within a few thousand of ±2^53, huge
// ones, negatives, scales 0..20.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, DecimalSum, Ratio, type RoundingMode } from '../src/core/decimal.js';

const RUNS = { seed: 16, numRuns: 1000 };
const LIMIT = 2n ** 53n;

/** The reference: value = u / 10^s, reduced (no trailing zero while s > 0). */
interface Ref {
  u: bigint;
  s: number;
}

const p10 = (n: number): bigint => 10n ** BigInt(n);
const babs = (n: bigint): bigint => (n < 0n ? -n : n);

function reduce(u: bigint, s: number): Ref {
  while (s > 0 && u % 10n === 0n) {
    u /= 10n;
    s--;
  }
  return { u, s };
}

const at = (r: Ref, s: number): bigint => r.u * p10(s - r.s);
const top = (a: Ref, b: Ref): number => Math.max(a.s, b.s);

function refText(r: Ref): string {
  const digits = babs(r.u)
    .toString()
    .padStart(r.s + 1, '0');
  const cut = digits.length - r.s;
  return (r.u < 0n ? '-' : '') + digits.slice(0, cut) + (r.s > 0 ? '.' + digits.slice(cut) : '');
}

/** Integer quotient of n/d (d > 0) rounded by mode, from floor division. */
function refDivRound(n: bigint, d: bigint, mode: RoundingMode): bigint {
  const neg = n < 0n;
  const a = babs(n);
  let q = a / d;
  const twice = (a - q * d) * 2n;
  if (mode === 'half-up' ? twice >= d : mode === 'half-even' ? twice > d || (twice === d && q % 2n === 1n) : false) q += 1n;
  return neg ? -q : q;
}

function refGcd(a: bigint, b: bigint): bigint {
  a = babs(a);
  b = babs(b);
  while (b > 0n) [a, b] = [b, a % b];
  return a;
}

/** A reduced fraction as text "num/den" with den > 0. */
function frac(n: bigint, d: bigint): string {
  if (d < 0n) [n, d] = [-n, -d];
  const g = refGcd(n, d) || 1n;
  return `${n / g}/${d / g}`;
}

const show = (d: Decimal): string => `${d.units}e-${d.scale}`;
const showRef = (r: Ref): string => `${r.u}e-${r.s}`;
const showRatio = (r: Ratio): string => `${r.num}/${r.den}`;

/** Units that cross the safe-integer boundary often. */
const units = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
  fc.bigInt({ min: -3000n, max: 3000n }).chain((d) => fc.constantFrom(LIMIT + d, -LIMIT + d, LIMIT - 1n + d / 100n, -(LIMIT - 1n) + d / 100n)),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
  fc.constantFrom(0n, 1n, -1n, 10n, 100n, LIMIT - 1n, -(LIMIT - 1n), LIMIT, -LIMIT),
);
const ref = fc.tuple(units, fc.integer({ min: 0, max: 20 })).map(([u, s]) => reduce(u, s));
const dec = (r: Ref): Decimal => Decimal.of(r.u, r.s);
const mode = fc.constantFrom<RoundingMode>('half-up', 'half-even', 'down');

describe('Decimal against a bigint reference (property)', () => {
  it('keeps the reduced units and scale, and prints the same text', () => {
    fc.assert(
      fc.property(units, fc.integer({ min: 0, max: 20 }), (u, s) => {
        const r = reduce(u, s);
        const d = Decimal.of(u, s);
        expect(show(d)).toBe(showRef(r));
        expect(d.toString()).toBe(refText(r));
        expect(d.decimals).toBe(r.s);
        expect(d.isZero()).toBe(r.u === 0n);
        expect(d.isNegative()).toBe(r.u < 0n);
      }),
      RUNS,
    );
  });

  it('parses what it prints, with sign, padding and extra zeros', () => {
    fc.assert(
      fc.property(ref, fc.integer({ min: 0, max: 3 }), fc.boolean(), (r, zeros, plus) => {
        const text = refText(r);
        const padded = (plus && r.u >= 0n ? '+' : '') + text + (zeros > 0 ? (r.s > 0 ? '' : '.') + '0'.repeat(zeros) : '');
        expect(show(Decimal.parse(` ${padded} `)!)).toBe(showRef(r));
        expect(show(Decimal.parse(text)!)).toBe(showRef(r));
      }),
      RUNS,
    );
  });

  it('rejects what the grammar rejects', () => {
    for (const bad of ['', ' ', '+', '-', '.', '+.', '1.2.3', '1e3', '1,5', '--1', '1-', '١', '0x10', 'NaN', 'Infinity', '12345678901234567890x', '. 5']) expect(Decimal.parse(bad)).toBeUndefined();
    expect(Decimal.parse('5.')!.toString()).toBe('5');
    expect(Decimal.parse('-.5')!.toString()).toBe('-0.5');
    expect(Decimal.parse('-0')!.toString()).toBe('0');
    expect(Decimal.parse('-0.000')!.isNegative()).toBe(false);
    expect(Decimal.parse('00000000000000000012.50')!.toString()).toBe('12.5');
  });

  it('adds, subtracts, multiplies and compares exactly', () => {
    fc.assert(
      fc.property(ref, ref, (a, b) => {
        const x = dec(a);
        const y = dec(b);
        const s = top(a, b);
        expect(show(x.add(y))).toBe(showRef(reduce(at(a, s) + at(b, s), s)));
        expect(show(x.sub(y))).toBe(showRef(reduce(at(a, s) - at(b, s), s)));
        expect(show(x.mul(y))).toBe(showRef(reduce(a.u * b.u, a.s + b.s)));
        const c = at(a, s) < at(b, s) ? -1 : at(a, s) > at(b, s) ? 1 : 0;
        expect(x.cmp(y)).toBe(c);
        expect(x.eq(y)).toBe(c === 0);
        expect([x.lt(y), x.lte(y), x.gt(y), x.gte(y)]).toEqual([c < 0, c <= 0, c > 0, c >= 0]);
        expect(show(x.min(y))).toBe(show(c <= 0 ? x : y));
        expect(show(x.neg())).toBe(showRef(reduce(-a.u, a.s)));
      }),
      RUNS,
    );
  });

  it('an equal value reached through another representation is eq (canonical form)', () => {
    fc.assert(
      fc.property(ref, ref, (a, b) => {
        const x = dec(a);
        const y = dec(b);
        const back = x.add(y).sub(y);
        expect(back.eq(x)).toBe(true);
        expect(show(back)).toBe(show(x));
        expect(
          x
            .mul(Decimal.HUNDRED)
            .round(x.decimals, 'down')
            .eq(Decimal.of(a.u * 100n, a.s)),
        ).toBe(true);
      }),
      RUNS,
    );
  });

  it('checks steps and divides into reduced fractions', () => {
    fc.assert(
      fc.property(ref, ref, (a, b) => {
        const x = dec(a);
        const y = dec(b);
        const s = top(a, b);
        expect(x.isMultipleOf(y)).toBe(b.u !== 0n && at(a, s) % at(b, s) === 0n);
        if (b.u === 0n) {
          expect(() => x.div(y)).toThrow(RangeError);
          return;
        }
        expect(showRatio(x.div(y))).toBe(frac(at(a, s), at(b, s)));
        expect(showRatio(x.percentOf(y))).toBe(showRatio(x.div(y).mul(Decimal.HUNDRED)));
        expect(showRatio(x.toRatio())).toBe(frac(a.u, p10(a.s)));
      }),
      RUNS,
    );
  });

  it('rounds in every mode, and toFixed pads', () => {
    fc.assert(
      fc.property(ref, fc.integer({ min: 0, max: 22 }), mode, (a, decimals, m) => {
        const want = a.s <= decimals ? a : reduce(refDivRound(a.u, p10(a.s - decimals), m), decimals);
        expect(show(dec(a).round(decimals, m))).toBe(showRef(want));
        const fixed = dec(a).toFixed(decimals);
        expect(fixed.split('.')[1]?.length ?? 0).toBe(decimals);
        expect(Decimal.parse(fixed)!.eq(dec(a).round(decimals, 'half-up'))).toBe(true);
      }),
      RUNS,
    );
  });

  it('converts to and from numbers as the text does', () => {
    fc.assert(
      fc.property(ref, (a) => {
        expect(Object.is(dec(a).toNumber(), Number(refText(a)))).toBe(true);
      }),
      RUNS,
    );
    const doubles = fc.oneof(
      fc.double({ noNaN: true }),
      fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 1000),
      fc.integer({ min: -3000, max: 3000 }).map((n) => 2 ** 53 + n * 2),
      fc.constantFrom(0, -0, 1e21, 1e-7, -1e-300, 5e-324, Number.MAX_VALUE, 2 ** 53, -(2 ** 53), 2 ** 53 - 1),
    );
    fc.assert(
      fc.property(doubles, (n) => {
        const d = Decimal.fromNumber(n);
        if (!Number.isFinite(n)) {
          expect(d).toBeUndefined();
          return;
        }
        // The reference: the shortest text of the double, exponent spelled out.
        const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n))!;
        const e = Number(m[4] ?? 0) - (m[3] ?? '').length;
        const u = BigInt((m[2] ?? '') + (m[3] ?? '')) * (m[1] === '-' ? -1n : 1n);
        expect(show(d!)).toBe(showRef(e >= 0 ? { u: u * p10(e), s: 0 } : reduce(u, -e)));
        expect(d!.toNumber()).toBe(n === 0 ? 0 : n);
      }),
      RUNS,
    );
  });

  it('DecimalSum totals exactly, in any order, across the 2^53 boundary', () => {
    fc.assert(
      fc.property(fc.array(ref, { maxLength: 30 }), (terms) => {
        const s = terms.reduce((m, r) => Math.max(m, r.s), 0);
        const want = showRef(
          reduce(
            terms.reduce((t, r) => t + at(r, s), 0n),
            s,
          ),
        );
        const sum = new DecimalSum();
        for (const r of terms) sum.add(dec(r));
        expect(show(sum.value())).toBe(want);
        expect(show(Decimal.sum(terms.map(dec).reverse()))).toBe(want);
        expect(show(terms.map(dec).reduce((t, d) => t.add(d), Decimal.ZERO))).toBe(want);
      }),
      RUNS,
    );
    // The number part spills into the exact rest when a larger scale would push it past 2^53.
    const spill = new DecimalSum()
      .add(Decimal.of(LIMIT - 1n))
      .add(Decimal.parse('0.5')!)
      .add(Decimal.parse('-0.5')!);
    expect(spill.value().toString()).toBe((LIMIT - 1n).toString());
    expect(new DecimalSum().value()).toBe(Decimal.ZERO);
    spill.clear();
    expect(spill.add(Decimal.parse('0.25')!).value().toString()).toBe('0.25');
  });

  it('never makes a negative zero', () => {
    const zeros = [
      Decimal.parse('-0')!,
      Decimal.fromNumber(-0)!,
      Decimal.of(-5n).mul(Decimal.ZERO),
      Decimal.ZERO.neg(),
      Decimal.parse('-0.4')!.round(0, 'half-up'),
      Decimal.parse('-0.04')!.round(1, 'down'),
    ];
    for (const z of zeros) {
      expect(Object.is(z.toNumber(), 0)).toBe(true);
      expect(z.toString()).toBe('0');
      expect(z.eq(Decimal.ZERO)).toBe(true);
    }
    expect(Object.is(Ratio.of(-0n, 3n).toNumber(), 0)).toBe(true);
    expect(Object.is(Decimal.parse('-1')!.div(Decimal.of(3n)).mul(Decimal.ZERO).toNumber(), 0)).toBe(true);
  });
});

const bigInts = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
  fc.bigInt({ min: -3000n, max: 3000n }).map((d) => LIMIT + d),
  fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }),
);
const nonZero = bigInts.filter((n) => n !== 0n);
const ratioArb = fc.tuple(bigInts, nonZero).map(([n, d]) => ({ n, d, r: Ratio.of(n, d) }));

describe('Ratio against a bigint reference (property)', () => {
  it('reduces and keeps num/den as bigints', () => {
    fc.assert(
      fc.property(bigInts, nonZero, (n, d) => {
        const r = Ratio.of(n, d);
        expect(typeof r.num).toBe('bigint');
        expect(typeof r.den).toBe('bigint');
        expect(showRatio(r)).toBe(frac(n, d));
      }),
      RUNS,
    );
    expect(() => Ratio.of(1n, 0n)).toThrow(RangeError);
  });

  it('adds, subtracts, multiplies, divides and compares exactly', () => {
    fc.assert(
      fc.property(ratioArb, ratioArb, nonZero, (a, b, k) => {
        expect(showRatio(a.r.add(b.r))).toBe(frac(a.n * b.d + b.n * a.d, a.d * b.d));
        expect(showRatio(a.r.sub(b.r))).toBe(frac(a.n * b.d - b.n * a.d, a.d * b.d));
        expect(showRatio(a.r.mul(b.r))).toBe(frac(a.n * b.n, a.d * b.d));
        expect(showRatio(a.r.divBy(k))).toBe(frac(a.n, a.d * k));
        const x = a.n * b.d * (a.d * b.d > 0n ? 1n : -1n);
        const y = b.n * a.d * (a.d * b.d > 0n ? 1n : -1n);
        const c = x < y ? -1 : x > y ? 1 : 0;
        expect(a.r.cmp(b.r)).toBe(c);
        expect(a.r.gte(b.r)).toBe(c >= 0);
      }),
      RUNS,
    );
  });

  it('sums many fractions as adding them one at a time does, shared denominators included', () => {
    const shared = fc.tuple(bigInts, fc.constantFrom(3n, 7n, LIMIT - 1n, LIMIT + 1n, 10n ** 20n)).map(([n, d]) => ({ n, d, r: Ratio.of(n, d) }));
    fc.assert(
      fc.property(fc.array(fc.oneof(ratioArb, shared), { maxLength: 20 }), (terms) => {
        const want = terms.reduce((t, x) => t.add(x.r), Ratio.ZERO);
        expect(showRatio(Ratio.sum(terms.map((x) => x.r)))).toBe(showRatio(want));
      }),
      RUNS,
    );
  });

  it('adds and multiplies Decimals as their fractions', () => {
    fc.assert(
      fc.property(ratioArb, ref, (a, b) => {
        expect(showRatio(a.r.add(dec(b)))).toBe(showRatio(a.r.add(dec(b).toRatio())));
        expect(showRatio(a.r.mul(dec(b)))).toBe(showRatio(a.r.mul(dec(b).toRatio())));
        expect(showRatio(a.r.sub(dec(b)))).toBe(showRatio(a.r.sub(dec(b).toRatio())));
      }),
      RUNS,
    );
  });

  it('rounds in every mode, finds exact decimals, converts to numbers', () => {
    fc.assert(
      fc.property(ratioArb, fc.integer({ min: 0, max: 20 }), mode, (a, decimals, m) => {
        const n = a.d < 0n ? -a.n : a.n;
        const d = babs(a.d);
        expect(show(a.r.round(decimals, m))).toBe(showRef(reduce(refDivRound(n * p10(decimals), d, m), decimals)));
        const exact = a.r.toExactDecimal(decimals);
        const fits = (n * p10(decimals)) % d === 0n;
        expect(exact === undefined).toBe(!fits);
        if (exact) expect(showRatio(exact.toRatio())).toBe(showRatio(a.r));
        expect(a.r.toNumber()).toBe(Number(a.r.num) / Number(a.r.den));
      }),
      RUNS,
    );
  });
});

describe('small values are shared Decimals', () => {
  it('equal small values are one object, whatever made them; others stay exact and apart', () => {
    const half = Decimal.parse('0.5')!;
    expect(Decimal.parse('0.50')).toBe(half);
    expect(Decimal.parse('1.25')!.sub(Decimal.parse('0.75')!)).toBe(half);
    expect(Decimal.fromNumber(0.5)).toBe(half);
    expect(Decimal.of(5n, 1)).toBe(half);
    // At the edges of the shared range (units below 2^16, scale 0–3) and beyond it, values are still exact.
    for (const text of ['65535', '65536', '6.5535', '65.536', '0.001', '0.0001', '-0.5', '1000000']) {
      const a = Decimal.parse(text)!;
      expect(a.toString(), text).toBe(text);
      expect(Decimal.parse(text)!.eq(a)).toBe(true);
    }
  });
});
