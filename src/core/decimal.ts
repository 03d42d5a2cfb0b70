/**
 * Exact decimal arithmetic for points and indexes. This module is the only
 * place that does arithmetic on scores: points are never added as floats.
 *
 * A `Decimal` is `units / 10^scale` with integer `units`. A `Ratio` is an
 * exact fraction, used for indexes (points ÷ maximum × 100), which are
 * compared exactly when ranking and rounded only for display.
 *
 * Integers are held as a JS number while they are safe (|n| ≤ 2^53 − 1, where
 * every integer is an exact double) and as a bigint beyond. An operation on
 * safe integers takes the number path and keeps its result only when that is
 * safe again: a sum or product of integers whose exact value passes 2^53 is
 * rounded to at least 2^53, so an unsafe result always shows, and the bigint
 * path then computes it exactly. Values are canonical (decimals reduced,
 * fractions reduced, a number exactly when safe, never -0), so equal values
 * have equal fields.
 */

export type RoundingMode = 'half-up' | 'half-even' | 'down';

/** An integer: a number when safe, a bigint otherwise. */
type Int = number | bigint;

const MAX = Number.MAX_SAFE_INTEGER;
const MAX_BIG = BigInt(MAX);
const TEN = 10n;

const POW10: bigint[] = Array.from({ length: 40 }, (_, i) => TEN ** BigInt(i));

function pow10(n: number): bigint {
  return POW10[n] ?? TEN ** BigInt(n);
}

/** 10^n as a double: exact up to 10^22; larger n only ever scale 0 or fail the safety check. */
const POW10_NUM: number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

function pow10Num(n: number): number {
  return POW10_NUM[n] ?? 10 ** n;
}

/** True for a safe integer result of +, −, × on safe integers (false for NaN and ±Infinity too). */
function safe(n: number): boolean {
  return n <= MAX && n >= -MAX;
}

function big(n: Int): bigint {
  return typeof n === 'number' ? BigInt(n) : n;
}

/** The canonical form of an integer: a number when safe. */
function fit(n: bigint): Int {
  return n <= MAX_BIG && n >= -MAX_BIG ? Number(n) : n;
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

/** divRound on safe integers (den > 0): % is exact on doubles, and so is (a − r) ÷ den. The result may be -0. */
function divRoundNum(num: number, den: number, mode: RoundingMode): number {
  const a = num < 0 ? -num : num;
  const r = a % den;
  const q = (a - r) / den;
  let result = q;
  if (mode === 'half-up') {
    if (r * 2 >= den) result = q + 1;
  } else if (mode === 'half-even') {
    const twice = r * 2;
    if (twice > den || (twice === den && q % 2 === 1)) result = q + 1;
  }
  return num < 0 ? -result : result;
}

function gcdNum(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a === 0 ? 1 : a;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) {
    [a, b] = [b, a % b];
  }
  return a === 0n ? 1n : a;
}

const DECIMAL_TEXT = /^([+-])?(\d+)(?:\.(\d*))?$|^([+-])?\.(\d+)$/;

/** Digits that always make a safe integer (10^15 < 2^53). */
const SAFE_DIGITS = 15;

/** Two Decimals' units at their common scale, written by Decimal.align. */
const aligned = { a: 0, b: 0, scale: 0 };

/**
 * One Decimal for each small value, shared: a national round holds millions
 * of points and indexes, mostly the same few thousand values (0.5, 7.12…).
 * Sharing them spares the garbage collector from copying each one as it
 * survives; Decimals are immutable, so nothing can tell. 0 < units < 2^16 at
 * scale 0–3, a table a scale made when first needed.
 */
const SHARED_UNITS = 1 << 16;
const shared: (Decimal | undefined)[][] = [];

/** units / 10^scale for safe integer units, reduced: trailing zeros go while there are decimals. */
function decimalNum(units: number, scale: number): Decimal {
  if (units === 0) return Decimal.ZERO; // also turns -0 into 0
  while (scale > 0 && units % 10 === 0) {
    units /= 10;
    scale--;
  }
  if (units > 0 && units < SHARED_UNITS && scale < 4) {
    const table = (shared[scale] ??= new Array<Decimal | undefined>(SHARED_UNITS));
    return (table[units] ??= Decimal.raw(units, scale));
  }
  return Decimal.raw(units, scale);
}

/** units / 10^scale for any units, reduced and canonical. */
function decimalBig(units: bigint, scale: number): Decimal {
  const n = fit(units);
  if (typeof n === 'number') return decimalNum(n, scale);
  while (scale > 0 && units % TEN === 0n) {
    units /= TEN;
    scale--;
  }
  const m = fit(units);
  return typeof m === 'number' ? decimalNum(m, scale) : Decimal.raw(m, scale);
}

export class Decimal {
  private constructor(
    /** The units, canonical (see the module comment). */
    private readonly u: Int,
    readonly scale: number,
  ) {}

  static readonly ZERO = new Decimal(0, 0);
  /** 100: percentages. */
  static readonly HUNDRED = new Decimal(100, 0);

  /** For this module's helpers only: `u` must already be canonical and reduced. */
  static raw(u: Int, scale: number): Decimal {
    return new Decimal(u, scale);
  }

  static of(units: bigint, scale = 0): Decimal {
    return decimalBig(units, scale);
  }

  /** The integer units (value × 10^scale). */
  get units(): bigint {
    return big(this.u);
  }

  /** The units as a number when they are a safe integer (for writing digits without a bigint), else undefined. */
  safeUnits(): number | undefined {
    const u = this.u;
    return typeof u === 'number' ? u : undefined;
  }

  /**
   * Parses plain decimal text ("8.5", "-0.25", "10"). Returns undefined for
   * anything else; callers that accept a comma as decimal separator replace
   * it before calling.
   */
  static parse(text: string): Decimal | undefined {
    const t = text.trim();
    // Fast path, the same grammar as DECIMAL_TEXT: a sign, ASCII digits with at most one point, at least one digit.
    const n = t.length;
    let i = 0;
    const c0 = n > 0 ? t.charCodeAt(0) : 0;
    if (c0 === 43 || c0 === 45) i = 1;
    let units = 0;
    let digits = 0;
    let frac = -1;
    for (; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        units = units * 10 + (c - 48);
        digits++;
        if (frac >= 0) frac++;
      } else if (c === 46 && frac < 0) frac = 0;
      else return undefined;
    }
    if (digits === 0) return undefined;
    if (digits <= SAFE_DIGITS) return decimalNum(c0 === 45 ? -units : units, frac < 0 ? 0 : frac);
    const m = DECIMAL_TEXT.exec(t)!;
    const sign = (m[1] ?? m[4]) === '-' ? -1n : 1n;
    const fracText = m[3] ?? m[5] ?? '';
    return decimalBig(BigInt((m[2] ?? '0') + fracText) * sign, fracText.length);
  }

  /**
   * Converts a JS number read from YAML or a spreadsheet. Any decimal literal
   * of at most 15 significant digits survives the round trip through a
   * double, so `String(n)` gives back exactly what the user typed.
   */
  static fromNumber(n: number): Decimal | undefined {
    if (Number.isSafeInteger(n)) return decimalNum(n, 0);
    if (!Number.isFinite(n)) return undefined;
    const text = String(n);
    if (!text.includes('e')) return Decimal.parse(text);
    const exp = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text)!;
    const digits = (exp[2] ?? '') + (exp[3] ?? '');
    const e = Number(exp[4]) - (exp[3] ?? '').length;
    const units = BigInt(digits) * (exp[1] === '-' ? -1n : 1n);
    return e >= 0 ? decimalBig(units * pow10(e), 0) : decimalBig(units, -e);
  }

  /** Number of decimals needed to write this value exactly. */
  get decimals(): number {
    return this.scale;
  }

  /**
   * Puts both units at the larger scale into `aligned` when both are safe
   * numbers there (a scratch record rather than a new array: this runs for
   * every add and compare); false when the bigint path is needed.
   */
  private align(other: Decimal): boolean {
    const a = this.u;
    const b = other.u;
    if (typeof a !== 'number' || typeof b !== 'number') return false;
    const s = this.scale;
    const t = other.scale;
    const x = s >= t ? a : a * pow10Num(t - s);
    const y = s <= t ? b : b * pow10Num(s - t);
    aligned.a = x;
    aligned.b = y;
    aligned.scale = s > t ? s : t;
    return safe(x) && safe(y);
  }

  private unitsAt(scale: number): bigint {
    return big(this.u) * pow10(scale - this.scale);
  }

  add(other: Decimal): Decimal {
    if (other.u === 0) return this;
    if (this.u === 0) return other;
    const a = this.u;
    const b = other.u;
    if (typeof a === 'number' && typeof b === 'number' && this.scale === other.scale) {
      const r = a + b;
      if (safe(r)) return decimalNum(r, this.scale);
    }
    return this.addSlow(other, 1);
  }

  sub(other: Decimal): Decimal {
    if (other.u === 0) return this;
    const a = this.u;
    const b = other.u;
    if (typeof a === 'number' && typeof b === 'number' && this.scale === other.scale) {
      const r = a - b;
      if (safe(r)) return decimalNum(r, this.scale);
    }
    return this.addSlow(other, -1);
  }

  /** this + sign × other across scales. */
  private addSlow(other: Decimal, sign: 1 | -1): Decimal {
    if (this.align(other)) {
      const r = aligned.a + sign * aligned.b;
      if (safe(r)) return decimalNum(r, aligned.scale);
    }
    const s = Math.max(this.scale, other.scale);
    const b = other.unitsAt(s);
    return decimalBig(this.unitsAt(s) + (sign === 1 ? b : -b), s);
  }

  mul(other: Decimal): Decimal {
    const a = this.u;
    const b = other.u;
    if (typeof a === 'number' && typeof b === 'number') {
      const r = a * b;
      if (safe(r)) return decimalNum(r, this.scale + other.scale);
    }
    return decimalBig(big(a) * big(b), this.scale + other.scale);
  }

  neg(): Decimal {
    const u = this.u;
    return u === 0 ? this : new Decimal(typeof u === 'number' ? -u : fit(-u), this.scale);
  }

  cmp(other: Decimal): -1 | 0 | 1 {
    if (this.align(other)) return aligned.a < aligned.b ? -1 : aligned.a > aligned.b ? 1 : 0;
    const s = Math.max(this.scale, other.scale);
    const a = this.unitsAt(s);
    const b = other.unitsAt(s);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Equal values have equal canonical fields. */
  eq(other: Decimal): boolean {
    return this.u === other.u && this.scale === other.scale;
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
    return this.u === 0;
  }
  isNegative(): boolean {
    return this.u < 0;
  }

  min(other: Decimal): Decimal {
    return this.lte(other) ? this : other;
  }
  max(other: Decimal): Decimal {
    return this.gte(other) ? this : other;
  }

  /** True when this is a whole multiple of `step` (step > 0). */
  isMultipleOf(step: Decimal): boolean {
    if (this.align(step)) return aligned.b !== 0 && aligned.a % aligned.b === 0;
    const s = Math.max(this.scale, step.scale);
    const stepUnits = step.unitsAt(s);
    return stepUnits !== 0n && this.unitsAt(s) % stepUnits === 0n;
  }

  /** Exact fraction this ÷ other. */
  div(other: Decimal): Ratio {
    if (this.align(other)) return ratio(aligned.a, aligned.b);
    const s = Math.max(this.scale, other.scale);
    return Ratio.of(this.unitsAt(s), other.unitsAt(s));
  }

  /** this ÷ whole × 100, exact: `this.div(whole).mul(Decimal.HUNDRED)` in one step. */
  percentOf(whole: Decimal): Ratio {
    if (this.align(whole)) {
      const x = aligned.a * 100;
      if (safe(x)) return ratio(x, aligned.b);
    }
    const s = Math.max(this.scale, whole.scale);
    return Ratio.of(this.unitsAt(s) * 100n, whole.unitsAt(s));
  }

  toRatio(): Ratio {
    const u = this.u;
    if (typeof u === 'number' && this.scale < POW10_NUM.length) {
      const d = POW10_NUM[this.scale]!;
      if (safe(d)) return ratio(u, d);
    }
    return Ratio.of(big(u), pow10(this.scale));
  }

  round(decimals: number, mode: RoundingMode): Decimal {
    if (this.scale <= decimals) return this;
    const k = this.scale - decimals;
    const u = this.u;
    if (typeof u === 'number' && k < POW10_NUM.length) return decimalNum(divRoundNum(u, POW10_NUM[k]!, mode), decimals);
    return decimalBig(divRound(big(u), pow10(k), mode), decimals);
  }

  /** Canonical text, with a point: "8.005", "-0.5", "100". */
  toString(): string {
    const u = this.u;
    const neg = u < 0;
    let digits = typeof u === 'number' ? String(neg ? -u : u) : abs(u).toString();
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
    const u = this.u;
    if (typeof u === 'number' && this.scale < POW10_NUM.length) return u / POW10_NUM[this.scale]!;
    return Number(this.toString());
  }

  toJSON(): string {
    return this.toString();
  }

  /** Adds this into `sum` (see DecimalSum). */
  addTo(sum: DecimalSum): void {
    sum.addUnits(this.u, this.scale);
  }

  static sum(values: Iterable<Decimal>): Decimal {
    const total = new DecimalSum();
    for (const v of values) v.addTo(total);
    return total.value();
  }
}

/**
 * A running total that does not build a Decimal per term: the units at the
 * largest scale seen so far, as a number while that stays safe; whatever
 * would not fit goes exactly into `rest`.
 */
export class DecimalSum {
  private units = 0;
  private scale = 0;
  private rest: Decimal | null = null;

  add(value: Decimal): this {
    value.addTo(this);
    return this;
  }

  /** Back to zero, for reuse. */
  clear(): void {
    this.units = 0;
    this.scale = 0;
    this.rest = null;
  }

  /** Adds units / 10^scale. */
  addUnits(units: Int, scale: number): void {
    if (units === 0) return;
    if (typeof units === 'number') {
      if (scale > this.scale) {
        const up = this.units * pow10Num(scale - this.scale);
        if (!safe(up)) this.spill();
        else this.units = up;
        this.scale = scale;
      }
      const add = scale === this.scale ? units : units * pow10Num(this.scale - scale);
      const r = this.units + add;
      if (safe(add) && safe(r)) {
        this.units = r;
        return;
      }
    }
    this.rest = (this.rest ?? Decimal.ZERO).add(decimalBig(big(units), scale));
  }

  /** Moves the number part into `rest`. */
  private spill(): void {
    this.rest = (this.rest ?? Decimal.ZERO).add(decimalNum(this.units, this.scale));
    this.units = 0;
  }

  value(): Decimal {
    const n = decimalNum(this.units, this.scale);
    return this.rest === null ? n : this.rest.add(n);
  }
}

/** num/den from safe integers (den ≠ 0), reduced and canonical. */
function ratio(num: number, den: number): Ratio {
  if (den === 0) throw new RangeError('Ratio with a zero denominator');
  if (num === 0) return Ratio.ZERO; // also turns -0 into 0
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const g = gcdNum(num < 0 ? -num : num, den);
  return g > 1 ? Ratio.raw(num / g, den / g) : Ratio.raw(num, den);
}

/** An exact fraction num/den with den > 0, always reduced. */
export class Ratio {
  private constructor(
    /** Numerator and denominator, canonical (see the module comment). */
    private readonly n: Int,
    private readonly d: Int,
  ) {}

  static readonly ZERO = new Ratio(0, 1);

  /** For this module's helpers only: the fraction must already be reduced and canonical. */
  static raw(n: Int, d: Int): Ratio {
    return new Ratio(n, d);
  }

  get num(): bigint {
    return big(this.n);
  }

  get den(): bigint {
    return big(this.d);
  }

  static of(num: bigint, den: bigint): Ratio {
    if (den === 0n) throw new RangeError('Ratio with a zero denominator');
    const n = fit(num);
    const d = fit(den);
    if (typeof n === 'number' && typeof d === 'number') return ratio(n, d);
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(abs(num), den);
    return g > 1n ? new Ratio(fit(num / g), fit(den / g)) : new Ratio(fit(num), fit(den));
  }

  mul(other: Ratio | Decimal): Ratio {
    const o = other instanceof Decimal ? other.toRatio() : other;
    const { n: a, d: b } = this;
    const { n: c, d: e } = o;
    if (typeof a === 'number' && typeof b === 'number' && typeof c === 'number' && typeof e === 'number') {
      const x = a * c;
      const y = b * e;
      if (safe(x) && safe(y)) return ratio(x, y);
    }
    return Ratio.of(big(a) * big(c), big(b) * big(e));
  }

  add(other: Ratio | Decimal): Ratio {
    return this.addSigned(other instanceof Decimal ? other.toRatio() : other, 1);
  }

  sub(other: Ratio | Decimal): Ratio {
    return this.addSigned(other instanceof Decimal ? other.toRatio() : other, -1);
  }

  /** this + sign × o. */
  private addSigned(o: Ratio, sign: 1 | -1): Ratio {
    const { n: a, d: b } = this;
    const { n: c, d: e } = o;
    if (typeof a === 'number' && typeof b === 'number' && typeof c === 'number' && typeof e === 'number') {
      const x = a * e;
      const y = c * b;
      const z = b * e;
      if (safe(x) && safe(y) && safe(z)) {
        const r = x + sign * y;
        if (safe(r)) return ratio(r, z);
      }
    }
    const y = big(c) * big(b);
    return Ratio.of(big(a) * big(e) + (sign === 1 ? y : -y), big(b) * big(e));
  }

  divBy(n: bigint): Ratio {
    const { n: a, d: b } = this;
    const m = fit(n);
    if (typeof a === 'number' && typeof b === 'number' && typeof m === 'number') {
      const y = b * m;
      if (safe(y)) return ratio(a, y);
    }
    return Ratio.of(big(a), big(b) * n);
  }

  cmp(other: Ratio): -1 | 0 | 1 {
    const { n: a, d: b } = this;
    const { n: c, d: e } = other;
    if (typeof a === 'number' && typeof b === 'number' && typeof c === 'number' && typeof e === 'number') {
      const x = a * e;
      const y = c * b;
      if (safe(x) && safe(y)) return x < y ? -1 : x > y ? 1 : 0;
    }
    const x = big(a) * big(e);
    const y = big(c) * big(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  gte(other: Ratio): boolean {
    return this.cmp(other) >= 0;
  }

  /** Rounds to a Decimal with the given number of decimals. */
  round(decimals: number, mode: RoundingMode): Decimal {
    const { n: a, d: b } = this;
    if (typeof a === 'number' && typeof b === 'number') {
      const scaled = a * pow10Num(decimals);
      if (safe(scaled)) return decimalNum(divRoundNum(scaled, b, mode), decimals);
    }
    return decimalBig(divRound(big(a) * pow10(decimals), big(b), mode), decimals);
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
    return Number(this.n) / Number(this.d);
  }

  /**
   * The exact sum of many fractions in linear time: numerators are added per
   * denominator first (indexes share a few denominators, the units' maxima),
   * then the few partial sums are combined. Adding one fraction at a time
   * instead grows the common denominator with every term.
   */
  static sum(values: readonly Ratio[]): Ratio {
    const byDen = new Map<Int, Int>();
    for (const { n, d } of values) {
      const prev = byDen.get(d);
      if (prev === undefined) byDen.set(d, n);
      else if (typeof prev === 'number' && typeof n === 'number' && safe(prev + n)) byDen.set(d, prev + n);
      else byDen.set(d, fit(big(prev) + big(n)));
    }
    let total = Ratio.ZERO;
    for (const [d, n] of byDen) total = total.add(Ratio.of(big(n), big(d)));
    return total;
  }
}
