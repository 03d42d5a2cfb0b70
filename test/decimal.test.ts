// Every expected value here is worked out by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, Ratio } from '../src/core/decimal.js';

const d = (s: string): Decimal => {
  const v = Decimal.parse(s);
  if (!v) throw new Error(`bad decimal ${s}`);
  return v;
};

describe('Decimal', () => {
  it('adds exactly where floats do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(d('0.1').add(d('0.2')).toString()).toBe('0.3');
    expect(d('10.59').add(d('8.5')).toString()).toBe('19.09');
    expect(Decimal.sum(['10.59', '9', '12', '5', '8.5', '5', '8.005'].map(d)).toString()).toBe('58.095');
  });

  it('parses and prints canonical text', () => {
    expect(d('8.500').toString()).toBe('8.5');
    expect(d('-0.25').toString()).toBe('-0.25');
    expect(d('.5').toString()).toBe('0.5');
    expect(d(' 7 ').toString()).toBe('7');
    expect(Decimal.parse('8,5')).toBeUndefined();
    expect(Decimal.parse('1e3')).toBeUndefined();
    expect(Decimal.parse('')).toBeUndefined();
    expect(d('0.005').decimals).toBe(3);
  });

  it('converts numbers read from files without float noise', () => {
    expect(Decimal.fromNumber(10.59)?.toString()).toBe('10.59');
    expect(Decimal.fromNumber(0.1)?.toString()).toBe('0.1');
    expect(Decimal.fromNumber(1e-7)?.toString()).toBe('0.0000001');
    expect(Decimal.fromNumber(1e21)?.toString()).toBe('1000000000000000000000');
    expect(Decimal.fromNumber(Number.NaN)).toBeUndefined();
    expect(Decimal.fromNumber(Infinity)).toBeUndefined();
  });

  it('compares across scales', () => {
    expect(d('1.50').eq(d('1.5'))).toBe(true);
    expect(d('8.005').gt(d('8'))).toBe(true);
    expect(d('-1').lt(d('0'))).toBe(true);
  });

  it('checks steps', () => {
    expect(d('1.5').isMultipleOf(d('0.25'))).toBe(true);
    expect(d('1.6').isMultipleOf(d('0.25'))).toBe(false);
    expect(d('4').isMultipleOf(d('1.5'))).toBe(false);
  });

  it('rounds half-up, half-even and down', () => {
    expect(d('2.345').round(2, 'half-up').toString()).toBe('2.35');
    expect(d('2.345').round(2, 'half-even').toString()).toBe('2.34');
    expect(d('2.355').round(2, 'half-even').toString()).toBe('2.36');
    expect(d('2.349').round(2, 'down').toString()).toBe('2.34');
    expect(d('-2.345').round(2, 'half-up').toString()).toBe('-2.35');
    expect(d('2.3').toFixed(2)).toBe('2.30');
  });
});

describe('Ratio (indexes)', () => {
  // index = points ÷ max × 100, rounded half-up to 2 decimals for display.
  const index = (p: string, m: string): string => d(p).div(d(m)).mul(Decimal.of(100n)).round(2, 'half-up').toFixed(2);

  it('reproduces the published figures', () => {
    expect(index('10.59', '11')).toBe('96.27'); // 96.2727…
    expect(index('8.005', '13')).toBe('61.58'); // 61.5769…
    expect(index('5', '5.5')).toBe('90.91'); // 90.9090…
    expect(index('68.32', '84')).toBe('81.33'); // 81.3333…
  });

  it('compares exactly', () => {
    const a = d('68.32').div(d('84'));
    const b = d('80').div(d('100'));
    expect(a.cmp(b)).toBe(1);
    expect(
      d('1')
        .div(d('3'))
        .cmp(d('2').div(d('6'))),
    ).toBe(0);
  });

  it('finds exact decimals when there are some', () => {
    expect(Ratio.of(1n, 8n).toExactDecimal()?.toString()).toBe('0.125');
    expect(Ratio.of(1n, 3n).toExactDecimal()).toBeUndefined();
  });

  it('addition is associative and commutative on any decimals (property)', () => {
    const dec = fc.tuple(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 6 })).map(([u, s]) => Decimal.of(u, s));
    fc.assert(
      fc.property(
        dec,
        dec,
        dec,
        (a, b, c) =>
          a
            .add(b)
            .add(c)
            .eq(a.add(b.add(c))) &&
          a.add(b).eq(b.add(a)) &&
          a.add(b).sub(b).eq(a),
      ),
      { seed: 20211, numRuns: 500 },
    );
  });
});
