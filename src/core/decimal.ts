/**
 * Exact decimal arithmetic for points and indexes. This module is the only
 * place that does arithmetic on scores: points are never added as floats.
 *
 * A `Decimal` is `units / 10^scale` with a bigint `units`. A `Ratio` is an
 * exact fraction, used for indexes (points ÷ maximum × 100), which are
 * compared exactly when ranking and rounded only for display.
 */

export type RoundingMode = 'half-up' | 'half-even' | 'down';

const TEN = 10n;

const POW10: bigint[] = Array.from({ length: 40 }, (_, i) => TEN ** BigInt(i));

function pow10(n: number): bigint {
  return POW10[n] ?? TEN ** BigInt(n);
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/** Divides num/den (den > 0) and rounds to an integer with the given mode. */
function divRound(num: bigint, den: bigint, mode: RoundingMode): bigint {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const sign = num < 0n ? -1n : 1n;
  const a = abs(num);
  const q = a / den;
  const r = a % den;
  let result = q;
  if (mode === 'half-up') {
    if (r * 2n >= den) result = q + 1n;
  } else if (mode === 'half-even') {
    const twice = r * 2n;
    if (twice > den || (twice === den && q % 2n === 1n)) result = q + 1n;
  }
  return sign * result;
}

const DECIMAL_TEXT = /^([+-])?(\d+)(?:\.(\d*))?$|^([+-])?\.(\d+)$/;

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

export class Decimal {
  private constructor(
    readonly units: bigint,
    readonly scale: number,
  ) {}

  static readonly ZERO = new Decimal(0n, 0);
  /** 100: percentages. */
  static readonly HUNDRED = new Decimal(100n, 0);

  static of(units: bigint, scale = 0): Decimal {
    return new Decimal(units, scale).normalize();
  }

  /**
   * Parses plain decimal text ("8.5", "-0.25", "10"). Returns undefined for
   * anything else; callers that accept a comma as decimal separator replace
   * it before calling.
   */
  static parse(text: string): Decimal | undefined {
    const m = DECIMAL_TEXT.exec(text.trim());
    if (!m) return undefined;
    const sign = (m[1] ?? m[4]) === '-' ? -1n : 1n;
    const intPart = m[2] ?? '0';
    const frac = m[3] ?? m[5] ?? '';
    const units = BigInt(intPart + frac) * sign;
    return new Decimal(units, frac.length).normalize();
  }

  /**
   * Converts a JS number read from YAML or a spreadsheet. Any decimal literal
   * of at most 15 significant digits survives the round trip through a
   * double, so `String(n)` gives back exactly what the user typed.
   */
  static fromNumber(n: number): Decimal | undefined {
    if (!Number.isFinite(n)) return undefined;
    const text = String(n);
    const exp = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
    if (!exp) return Decimal.parse(text);
    const digits = (exp[2] ?? '') + (exp[3] ?? '');
    const e = Number(exp[4]) - (exp[3] ?? '').length;
    const units = BigInt(digits) * (exp[1] === '-' ? -1n : 1n);
    return e >= 0 ? new Decimal(units * pow10(e), 0) : new Decimal(units, -e).normalize();
  }

  /** Number of decimals needed to write this value exactly. */
  get decimals(): number {
    return this.scale;
  }

  private normalize(): Decimal {
    let { units, scale } = this;
    while (scale > 0 && units % TEN === 0n) {
      units /= TEN;
      scale--;
    }
    return units === this.units && scale === this.scale ? this : new Decimal(units, scale);
  }

  private unitsAt(scale: number): bigint {
    return this.units * pow10(scale - this.scale);
  }

  add(other: Decimal): Decimal {
    const s = Math.max(this.scale, other.scale);
    return new Decimal(this.unitsAt(s) + other.unitsAt(s), s).normalize();
  }

  sub(other: Decimal): Decimal {
    const s = Math.max(this.scale, other.scale);
    return new Decimal(this.unitsAt(s) - other.unitsAt(s), s).normalize();
  }

  mul(other: Decimal): Decimal {
    return new Decimal(this.units * other.units, this.scale + other.scale).normalize();
  }

  neg(): Decimal {
    return new Decimal(-this.units, this.scale);
  }

  cmp(other: Decimal): -1 | 0 | 1 {
    const s = Math.max(this.scale, other.scale);
    const a = this.unitsAt(s);
    const b = other.unitsAt(s);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  eq(other: Decimal): boolean {
    return this.cmp(other) === 0;
  }
  lt(other: Decimal): boolean {
    return this.cmp(other) < 0;
  }
  lte(other: Decimal): boolean {
    return this.cmp(other) <= 0;
  }
  gt(other: Decimal): boolean {
    return this.cmp(other) > 0;
  }
  gte(other: Decimal): boolean {
    return this.cmp(other) >= 0;
  }
  isZero(): boolean {
    return this.units === 0n;
  }
  isNegative(): boolean {
    return this.units < 0n;
  }

  min(other: Decimal): Decimal {
    return this.lte(other) ? this : other;
  }
  max(other: Decimal): Decimal {
    return this.gte(other) ? this : other;
  }

  /** True when this is a whole multiple of `step` (step > 0). */
  isMultipleOf(step: Decimal): boolean {
    const s = Math.max(this.scale, step.scale);
    const stepUnits = step.unitsAt(s);
    return stepUnits !== 0n && this.unitsAt(s) % stepUnits === 0n;
  }

  /** Exact fraction this ÷ other. */
  div(other: Decimal): Ratio {
    const s = Math.max(this.scale, other.scale);
    return Ratio.of(this.unitsAt(s), other.unitsAt(s));
  }

  toRatio(): Ratio {
    return Ratio.of(this.units, pow10(this.scale));
  }

  round(decimals: number, mode: RoundingMode): Decimal {
    if (this.scale <= decimals) return this;
    return new Decimal(divRound(this.units, pow10(this.scale - decimals), mode), decimals).normalize();
  }

  /** Canonical text, with a point: "8.005", "-0.5", "100". */
  toString(): string {
    const neg = this.units < 0n;
    let digits = abs(this.units).toString();
    if (this.scale === 0) return (neg ? '-' : '') + digits;
    digits = digits.padStart(this.scale + 1, '0');
    const cut = digits.length - this.scale;
    return `${neg ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
  }

  /** Text with exactly `decimals` decimals, rounded half-up to them (for display: a set's own rounding rule is applied before, with round). */
  toFixed(decimals: number): string {
    const r = this.round(decimals, 'half-up');
    const text = r.toString();
    if (decimals === 0) return text;
    const [int, frac = ''] = text.split('.');
    return `${int}.${frac.padEnd(decimals, '0')}`;
  }

  /** For JSON output and spreadsheet cells only, never for arithmetic. */
  toNumber(): number {
    // units and 10^scale both exact doubles: IEEE division rounds the exact quotient (this value)
    // to nearest, as Number(text) does, so the result is the same without building the text.
    if (this.scale <= 22 && this.units <= MAX_EXACT && this.units >= -MAX_EXACT) return Number(this.units) / 10 ** this.scale;
    return Number(this.toString());
  }

  toJSON(): string {
    return this.toString();
  }

  static sum(values: Iterable<Decimal>): Decimal {
    let total = Decimal.ZERO;
    for (const v of values) total = total.add(v);
    return total;
  }
}

/** An exact fraction num/den with den > 0, always reduced. */
export class Ratio {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static of(num: bigint, den: bigint): Ratio {
    if (den === 0n) throw new RangeError('Ratio with a zero denominator');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(abs(num), den);
    return g > 1n ? new Ratio(num / g, den / g) : new Ratio(num, den);
  }

  mul(other: Ratio | Decimal): Ratio {
    const o = other instanceof Decimal ? other.toRatio() : other;
    return Ratio.of(this.num * o.num, this.den * o.den);
  }

  add(other: Ratio | Decimal): Ratio {
    const o = other instanceof Decimal ? other.toRatio() : other;
    return Ratio.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(other: Ratio | Decimal): Ratio {
    const o = other instanceof Decimal ? other.toRatio() : other;
    return Ratio.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  divBy(n: bigint): Ratio {
    return Ratio.of(this.num, this.den * n);
  }

  static readonly ZERO = new Ratio(0n, 1n);

  cmp(other: Ratio): -1 | 0 | 1 {
    const a = this.num * other.den;
    const b = other.num * this.den;
    return a < b ? -1 : a > b ? 1 : 0;
  }

  gte(other: Ratio): boolean {
    return this.cmp(other) >= 0;
  }

  /** Rounds to a Decimal with the given number of decimals. */
  round(decimals: number, mode: RoundingMode): Decimal {
    const scaled = this.num * pow10(decimals);
    return Decimal.of(divRound(scaled, this.den, mode), decimals);
  }

  /** The exact decimal, when the fraction has a finite expansion within `maxDecimals`. */
  toExactDecimal(maxDecimals = 12): Decimal | undefined {
    for (let d = 0; d <= maxDecimals; d++) {
      const scaled = this.num * pow10(d);
      if (scaled % this.den === 0n) return Decimal.of(scaled / this.den, d);
    }
    return undefined;
  }

  toNumber(): number {
    return Number(this.num) / Number(this.den);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) {
    [a, b] = [b, a % b];
  }
  return a === 0n ? 1n : a;
}
