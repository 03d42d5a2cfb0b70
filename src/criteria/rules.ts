/**
 * Meaning checks on a criteria set: each is a named function that looks at
 * the typed model and reports diagnostics. They run after the shape check,
 * on whatever part of the file was well-formed.
 */
import { Decimal } from '../core/decimal.js';
import { LIMITS } from '../core/limits.js';
import { foldForMatch } from '../core/text.js';
import type { DiagnosticCode, Severity } from '../diagnostics/index.js';
import { valueAt, type PathSegment } from '../yaml/index.js';
import { formatDay, parseIsoDay } from '../core/date.js';
import { type Band, type CriteriaNode, type CriteriaSet, type Rule, walkNodes } from './model.js';

export interface RuleContext {
  set: CriteriaSet;
  raw: Record<string, unknown>;
  report(code: DiagnosticCode, severity: Severity, path: PathSegment[], params: Record<string, string | number>, opts?: { key?: boolean }): void;
  /** The line a data path is on, for findings that point back at an earlier place. */
  lineOf?(path: PathSegment[]): number;
}

type CheckFn = (ctx: RuleContext) => void;

const CODE_PATTERN = /^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/;
const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const HUNDRED = Decimal.HUNDRED;


function allNodes(set: CriteriaSet): CriteriaNode[] {
  return [...walkNodes(set.areas), ...set.adjustments.flatMap((p) => [...walkNodes(p.children)])];
}

const checkSetFields: CheckFn = ({ set, raw, report }) => {
  if (typeof raw.id === 'string' && !ID_PATTERN.test(set.id)) report('id-format', 'error', ['id'], { id: set.id });
  if (typeof raw.title === 'string' && set.title === '') report('empty-name', 'error', ['title'], { code: 'title' });
  if (typeof raw.total === 'number' && !set.total.gt(Decimal.ZERO)) report('max-not-positive', 'error', ['total'], { code: 'total', max: set.total.toString() });
};

const checkCodes: CheckFn = (ctx) => {
  const { set, report } = ctx;
  const seen = new Map<string, PathSegment[]>();
  const visit = (code: string, path: PathSegment[], parentCode: string | undefined): void => {
    if (!CODE_PATTERN.test(code)) {
      report('code-format', 'error', [...path, 'code'], { code });
      return;
    }
    const first = seen.get(code);
    if (first) report('duplicate-code', 'error', [...path, 'code'], { code, firstLine: ctx.lineOf?.([...first, 'code']) ?? '' });
    else seen.set(code, path);
    const expectedDepth = parentCode === undefined ? 1 : parentCode.split('.').length + 1;
    const extends_ = parentCode === undefined || code.startsWith(`${parentCode}.`);
    if (!extends_ || code.split('.').length !== expectedDepth) {
      report('code-prefix', 'error', [...path, 'code'], { code, parent: parentCode ?? '' });
    }
  };
  for (const n of walkNodes(set.areas)) visit(n.code, n.path, n.parentCode);
  for (const p of set.adjustments) {
    visit(p.code, p.path, undefined);
    for (const n of walkNodes(p.children)) visit(n.code, n.path, n.parentCode);
  }
};

const checkNames: CheckFn = ({ set, raw, report }) => {
  for (const n of allNodes(set)) {
    if (n.name === '' && typeof valueAt(raw, [...n.path, 'name']) === 'string') report('empty-name', 'error', [...n.path, 'name'], { code: n.code });
  }
  for (const p of set.adjustments) {
    if (p.name === '' && typeof valueAt(raw, [...p.path, 'name']) === 'string') report('empty-name', 'error', [...p.path, 'name'], { code: p.code });
  }
};

function checkPrecision(ctx: RuleContext, value: Decimal, path: PathSegment[], code: string): void {
  // An invalid precision (e.g. -1) is reported by the shape check; measuring against it would only echo.
  const p = ctx.set.precision;
  if (!Number.isInteger(p) || p < 0 || p > 4) return;
  if (value.decimals > p) {
    ctx.report('precision-exceeded', 'error', path, { code, value: value.toString(), precision: ctx.set.precision });
  }
}

const checkMaxima: CheckFn = (ctx) => {
  const { set, report } = ctx;
  checkPrecision(ctx, set.total, ['total'], 'total');
  for (const n of allNodes(set)) {
    if (!n.max.gt(Decimal.ZERO)) report('max-not-positive', 'error', [...n.path, 'max'], { code: n.code, max: n.max.toString() });
    checkPrecision(ctx, n.max, [...n.path, 'max'], n.code);
  }
  for (const p of set.adjustments) {
    if (!p.cap.gt(Decimal.ZERO)) report('max-not-positive', 'error', [...p.path, 'cap'], { code: p.code, max: p.cap.toString() });
    checkPrecision(ctx, p.cap, [...p.path, 'cap'], p.code);
  }
};

const checkSums: CheckFn = ({ set, raw, report }) => {
  for (const n of allNodes(set)) {
    // A child dropped for a shape error would make any sum look wrong.
    const rawChildren = valueAt(raw, [...n.path, 'children']);
    if (n.children.length === 0 || (Array.isArray(rawChildren) && rawChildren.length !== n.children.length)) continue;
    const sum = Decimal.sum(n.children.map((c) => c.max));
    if (!sum.eq(n.max)) {
      report('sum-mismatch', 'error', [...n.path, 'max'], {
        code: n.code,
        sum: sum.toString(),
        max: n.max.toString(),
        count: n.children.length,
        parts: n.children.map((c) => `${c.code}: ${c.max.toString()}`).join('; '),
      });
    }
  }
  const rawAreas = raw.areas;
  if (typeof raw.total === 'number' && Array.isArray(rawAreas) && rawAreas.length === set.areas.length && set.areas.length > 0) {
    const sum = Decimal.sum(set.areas.map((a) => a.max));
    if (!sum.eq(set.total)) report('total-mismatch', 'error', ['total'], { sum: sum.toString(), total: set.total.toString() });
  }
};

const checkBranchRules: CheckFn = ({ set, raw, report }) => {
  for (const n of allNodes(set)) {
    if (n.children.length > 0 && valueAt(raw, [...n.path, 'rule']) !== undefined) {
      report('children-and-rule', 'error', [...n.path, 'rule'], { code: n.code }, { key: true });
    }
  }
};

const checkOptions: CheckFn = (ctx) => {
  for (const n of ctx.set.leaves) {
    if (n.rule?.kind !== 'options') continue;
    const labels = new Map<string, string>();
    let reachesMax = false;
    for (const o of n.rule.options) {
      if (o.label === '') ctx.report('empty-name', 'error', [...o.path, 'label'], { code: n.code });
      const folded = foldForMatch(o.label);
      if (o.label !== '' && labels.has(folded)) ctx.report('option-duplicate-label', 'error', [...o.path, 'label'], { code: n.code, label: o.label });
      labels.set(folded, o.label);
      if (o.points.isNegative() || o.points.gt(n.max)) {
        ctx.report('option-out-of-range', 'error', [...o.path, 'points'], { code: n.code, label: o.label, points: o.points.toString(), max: n.max.toString() });
      }
      checkPrecision(ctx, o.points, [...o.path, 'points'], n.code);
      if (o.points.eq(n.max)) reachesMax = true;
    }
    if (!reachesMax && n.rule.options.length > 0) {
      ctx.report('option-never-max', 'warning', [...n.path, 'rule', 'options'], { code: n.code, max: n.max.toString() }, { key: true });
    }
  }
};

interface Interval {
  band: Band;
  lo?: Decimal;
  loInc: boolean;
  hi?: Decimal;
  hiInc: boolean;
}

/** Orders intervals by lower bound; an open lower bound comes first, an inclusive one before an exclusive one. */
function compareLower(a: Interval, b: Interval): number {
  if (!a.lo || !b.lo) return a.lo ? 1 : b.lo ? -1 : 0;
  return a.lo.cmp(b.lo) || (a.loInc === b.loInc ? 0 : a.loInc ? -1 : 1);
}

/** Where a band set's measure lives: a continuous percentage (0–100, or 0–∞ when it may exceed 100), or whole numbers (counts, days). */
type BandDomain = { kind: 'percent'; over: boolean } | { kind: 'whole'; from?: bigint; to?: bigint; date: boolean };

function domainOf(rule: Extract<Rule, { kind: 'bands' | 'checklist' }>): BandDomain {
  if (rule.kind === 'checklist') return { kind: 'whole', from: 0n, to: BigInt(rule.items.length), date: false };
  if (rule.measure === 'count') return { kind: 'whole', from: 0n, date: false };
  if (rule.measure === 'date') return { kind: 'whole', date: true };
  return { kind: 'percent', over: rule.overAchievement };
}

/** The band's own points and bounds as written, whatever its domain. */
function checkBandFields(ctx: RuleContext, n: CriteriaNode, b: Band): void {
  const rb = valueAt(ctx.raw, b.path) as Record<string, unknown>;
  if (rb.gt !== undefined && rb.gte !== undefined) ctx.report('band-invalid', 'error', [...b.path, 'gte'], { code: n.code, both: 'gt/gte' }, { key: true });
  if (rb.lt !== undefined && rb.lte !== undefined) ctx.report('band-invalid', 'error', [...b.path, 'lte'], { code: n.code, both: 'lt/lte' }, { key: true });
  if (b.points.isNegative() || b.points.gt(n.max)) {
    ctx.report('band-points-out-of-range', 'error', [...b.path, 'points'], { code: n.code, points: b.points.toString(), max: n.max.toString() });
  }
  checkPrecision(ctx, b.points, [...b.path, 'points'], n.code);
}

/** Continuous coverage of 0–100 (or 0–∞): the check percent bands always had. */
function checkPercentCoverage(ctx: RuleContext, n: CriteriaNode, bands: readonly Band[], over: boolean): void {
  const { report } = ctx;
  const domainMax = over ? undefined : HUNDRED;
  const intervals: Interval[] = [];
  for (const b of bands) {
    if (b.lower && b.upper) {
      const c = b.lower.cmp(b.upper);
      if (c > 0 || (c === 0 && !(b.lowerInclusive && b.upperInclusive))) {
        report('band-empty', 'error', b.path, { code: n.code, lower: b.lower.toString(), upper: b.upper.toString() });
        continue;
      }
    }
    intervals.push({ band: b, ...(b.lower ? { lo: b.lower } : {}), loInc: b.lowerInclusive, ...(b.upper ? { hi: b.upper } : {}), hiInc: b.upperInclusive });
  }
  if (intervals.length === 0) return;
  intervals.sort(compareLower);
  const first = intervals[0]!;
  if (first.lo && (first.lo.gt(Decimal.ZERO) || (first.lo.eq(Decimal.ZERO) && !first.loInc))) {
    report('band-gap', 'error', first.band.path, { code: n.code, from: '0', to: first.lo.toString() });
  }
  // Each band is compared with the furthest any earlier band reaches, not
  // only its neighbour: a band inside a wider one overlaps it, it is no gap.
  let reach = first;
  for (let i = 1; i < intervals.length; i++) {
    const a = reach;
    const b = intervals[i]!;
    if (a.hi && (!b.hi || b.hi.gt(a.hi) || (b.hi.eq(a.hi) && b.hiInc && !a.hiInc))) reach = b;
    if (!a.hi || !b.lo) {
      report('band-overlap', 'error', b.band.path, { code: n.code, at: (b.lo ?? a.hi ?? Decimal.ZERO).toString() });
      continue;
    }
    const c = a.hi.cmp(b.lo);
    if (c < 0 || (c === 0 && !a.hiInc && !b.loInc)) {
      report('band-gap', 'error', b.band.path, { code: n.code, from: a.hi.toString(), to: b.lo.toString() });
    } else if (c > 0 || (a.hiInc && b.loInc)) {
      report('band-overlap', 'error', b.band.path, { code: n.code, at: b.lo.toString() });
    }
  }
  const last = intervals.reduce((acc, iv) => (!acc.hi ? acc : !iv.hi ? iv : iv.hi.gt(acc.hi) ? iv : acc));
  if (last.hi) {
    const covered = domainMax ? last.hi.gt(domainMax) || (last.hi.eq(domainMax) && last.hiInc) : false;
    if (!covered) report('band-gap', 'error', last.band.path, { code: n.code, from: last.hi.toString(), to: domainMax ? domainMax.toString() : '∞' });
  }
  for (const iv of intervals) {
    const aboveMax = domainMax && iv.lo && (iv.lo.gt(domainMax) || (iv.lo.eq(domainMax) && !iv.loInc));
    const belowZero = iv.hi && (iv.hi.isNegative() || (iv.hi.isZero() && !iv.hiInc));
    if (aboveMax || belowZero) report('band-out-of-domain', 'warning', iv.band.path, { code: n.code });
  }
}

function floorOf(d: Decimal): bigint {
  const r = d.toRatio();
  const q = r.num / r.den;
  return r.num < 0n && q * r.den !== r.num ? q - 1n : q;
}

/** A band as the whole numbers it holds: [lo, hi], either end open (undefined). */
function wholeRange(b: Band): { lo?: bigint; hi?: bigint } {
  const out: { lo?: bigint; hi?: bigint } = {};
  if (b.lower) {
    const f = floorOf(b.lower);
    const exact = Decimal.of(f).eq(b.lower);
    out.lo = exact && b.lowerInclusive ? f : f + 1n;
  }
  if (b.upper) {
    const f = floorOf(b.upper);
    const exact = Decimal.of(f).eq(b.upper);
    out.hi = exact && !b.upperInclusive ? f - 1n : f;
  }
  return out;
}

/**
 * Coverage over whole numbers (counts, checklist items, days): "≤ 0", "1",
 * "≥ 2" leave no count out, and a date band ending 31/01 meets one starting 01/02.
 */
function checkWholeCoverage(ctx: RuleContext, n: CriteriaNode, bands: readonly Band[], domain: Extract<BandDomain, { kind: 'whole' }>): void {
  const { report } = ctx;
  const show = (v: bigint): string => (domain.date ? formatDay(Number(v)) : v.toString());
  const ranges: { band: Band; lo?: bigint; hi?: bigint }[] = [];
  for (const b of bands) {
    if (b.lower && b.upper) {
      const c = b.lower.cmp(b.upper);
      if (c > 0 || (c === 0 && !(b.lowerInclusive && b.upperInclusive))) {
        report('band-empty', 'error', b.path, {
          code: n.code,
          lower: domain.date ? show(BigInt(b.lower.toString())) : b.lower.toString(),
          upper: domain.date ? show(BigInt(b.upper.toString())) : b.upper.toString(),
        });
        continue;
      }
    }
    const r = wholeRange(b);
    if (r.lo !== undefined && r.hi !== undefined && r.lo > r.hi) {
      report('band-no-whole-value', 'warning', b.path, { code: n.code });
      continue;
    }
    const outside = (r.hi !== undefined && domain.from !== undefined && r.hi < domain.from) || (r.lo !== undefined && domain.to !== undefined && r.lo > domain.to);
    if (outside) {
      report('band-out-of-domain-whole', 'warning', b.path, { code: n.code, from: domain.from !== undefined ? show(domain.from) : '', to: domain.to !== undefined ? show(domain.to) : '∞' });
      continue;
    }
    ranges.push({ band: b, ...r });
  }
  if (ranges.length === 0) return;
  ranges.sort((a, b) => (a.lo === undefined ? (b.lo === undefined ? 0 : -1) : b.lo === undefined ? 1 : a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  // The first whole number not yet covered; undefined = from minus infinity.
  const first = ranges[0]!;
  const start = domain.from;
  if (first.lo !== undefined && (start === undefined || first.lo > start)) {
    report('band-gap', 'error', first.band.path, { code: n.code, from: start !== undefined ? show(start) : '−∞', to: show(first.lo - 1n) });
  }
  let reach = first.hi; // highest covered so far; undefined = +∞
  for (let i = 1; i < ranges.length; i++) {
    const b = ranges[i]!;
    if (reach === undefined || b.lo === undefined || b.lo <= reach) {
      report('band-overlap', 'error', b.band.path, { code: n.code, at: b.lo !== undefined ? show(b.lo) : '−∞' });
    } else if (b.lo > reach + 1n) {
      report('band-gap', 'error', b.band.path, { code: n.code, from: show(reach + 1n), to: show(b.lo - 1n) });
    }
    if (reach !== undefined) reach = b.hi === undefined ? undefined : b.hi > reach ? b.hi : reach;
  }
  const end = domain.to;
  if (reach !== undefined && (end === undefined || reach < end)) {
    const last = ranges.reduce((acc, r) => (acc.hi === undefined ? acc : r.hi === undefined || r.hi > acc.hi ? r : acc));
    report('band-gap', 'error', last.band.path, { code: n.code, from: show(reach + 1n), to: end !== undefined ? show(end) : '∞' });
  }
}

/** A bound must be a number, or for a date measure a real date written "YYYY-MM-DD". */
function checkBoundTypes(ctx: RuleContext, n: CriteriaNode, rawBands: unknown, path: PathSegment[], date: boolean): boolean {
  let ok = true;
  if (!Array.isArray(rawBands)) return ok;
  rawBands.forEach((rb, i) => {
    if (rb === null || typeof rb !== 'object') return;
    for (const key of ['gt', 'gte', 'lt', 'lte']) {
      const v = (rb as Record<string, unknown>)[key];
      if (v === undefined) continue;
      const good = date ? typeof v === 'string' && parseIsoDay(v) !== undefined : typeof v === 'number';
      if (!good) {
        ok = false;
        ctx.report(date ? 'band-date-invalid' : 'band-bound-not-number', 'error', [...path, i, key], { code: n.code, value: String(v) });
      }
    }
  });
  return ok;
}

const checkBands: CheckFn = (ctx) => {
  for (const n of ctx.set.leaves) {
    const rule = n.rule;
    if (rule?.kind !== 'bands' && !(rule?.kind === 'checklist' && rule.bands)) continue;
    const bands = rule.kind === 'bands' ? rule.bands : rule.bands!;
    const path = [...n.path, 'rule', 'bands'];
    const typesOk = checkBoundTypes(ctx, n, valueAt(ctx.raw, path), path, rule.kind === 'bands' && rule.measure === 'date');
    for (const b of bands) checkBandFields(ctx, n, b);
    // A band dropped for a bad bound would make the coverage look wrong.
    if (!typesOk) continue;
    const domain = domainOf(rule);
    if (domain.kind === 'percent') checkPercentCoverage(ctx, n, bands, domain.over);
    else checkWholeCoverage(ctx, n, bands, domain);
  }
};

const checkSteps: CheckFn = (ctx) => {
  for (const n of ctx.set.leaves) {
    if (n.rule?.kind !== 'manual' || !n.rule.step) continue;
    const path = [...n.path, 'rule', 'step'];
    const step = n.rule.step;
    if (!step.gt(Decimal.ZERO)) {
      ctx.report('step-not-positive', 'error', path, { code: n.code, step: step.toString() });
      continue;
    }
    checkPrecision(ctx, step, path, n.code);
    if (!n.max.isMultipleOf(step)) ctx.report('step-not-divisor', 'error', path, { code: n.code, step: step.toString(), max: n.max.toString() });
  }
};

const checkClasses: CheckFn = ({ set, report }) => {
  const labels = new Set<string>();
  set.classes.forEach((c, i) => {
    const path = ['classes', i];
    if (c.label === '') report('empty-name', 'error', [...path, 'label'], { code: `classes[${i + 1}]` });
    else if (labels.has(foldForMatch(c.label))) report('class-duplicate', 'error', [...path, 'label'], { label: c.label });
    labels.add(foldForMatch(c.label));
    if (c.min.isNegative() || c.min.gt(HUNDRED)) report('class-range', 'error', [...path, 'min'], { label: c.label, min: c.min.toString() });
    const prev = set.classes[i - 1];
    if (prev && !c.min.lt(prev.min)) report('class-order', 'error', [...path, 'min'], { label: c.label, min: c.min.toString(), previous: prev.label });
  });
};

const checkSkipTags: CheckFn = ({ set, report }) => {
  for (const n of allNodes(set)) {
    n.skipFor.forEach((t, i) => {
      if (t === '') report('empty-name', 'error', [...n.path, 'skipFor', i], { code: n.code });
    });
  }
};

const checkLimits: CheckFn = ({ set, report }) => {
  const nodes = allNodes(set);
  if (nodes.length > LIMITS.nodes) report('limit-nodes', 'error', ['areas'], { count: nodes.length, limit: LIMITS.nodes }, { key: true });
  for (const n of nodes) {
    if (n.part === 'area' && n.level > LIMITS.treeDepth) report('limit-tree-depth', 'error', [...n.path, 'code'], { code: n.code, limit: LIMITS.treeDepth });
  }
};

// — rules — checks for the patterns of issue 14

const checkPerItem: CheckFn = (ctx) => {
  for (const n of ctx.set.leaves) {
    if (n.rule?.kind !== 'per-item') continue;
    const { each, cap } = n.rule;
    const path = [...n.path, 'rule'];
    if (!each.gt(Decimal.ZERO)) ctx.report('per-item-each-not-positive', 'error', [...path, 'each'], { code: n.code, each: each.toString() });
    checkPrecision(ctx, each, [...path, 'each'], n.code);
    if (cap) {
      checkPrecision(ctx, cap, [...path, 'cap'], n.code);
      if (cap.gt(n.max)) ctx.report('per-item-cap-above-max', 'error', [...path, 'cap'], { code: n.code, cap: cap.toString(), max: n.max.toString() });
    }
    const limit = cap ?? n.max;
    if (each.gt(Decimal.ZERO) && each.gt(limit)) {
      ctx.report('per-item-cap-below-item', 'error', cap ? [...path, 'cap'] : [...path, 'each'], { code: n.code, each: each.toString(), cap: limit.toString() });
    }
  }
};

const checkChecklists: CheckFn = (ctx) => {
  for (const n of ctx.set.leaves) {
    if (n.rule?.kind !== 'checklist') continue;
    const seen = new Set<string>();
    n.rule.items.forEach((item, i) => {
      const path = [...n.path, 'rule', 'items', i];
      if (item === '') ctx.report('empty-name', 'error', path, { code: n.code });
      else if (seen.has(foldForMatch(item))) ctx.report('checklist-duplicate-item', 'error', path, { code: n.code, item });
      seen.add(foldForMatch(item));
    });
  }
};

const checkProportional: CheckFn = (ctx) => {
  for (const n of ctx.set.leaves) {
    if (n.rule?.kind !== 'proportional') continue;
    const { target, zeroBelow } = n.rule;
    const path = [...n.path, 'rule'];
    if (target && (!target.gt(Decimal.ZERO) || target.gt(HUNDRED))) ctx.report('proportional-target-range', 'error', [...path, 'target'], { code: n.code, value: target.toString() });
    if (zeroBelow && (zeroBelow.isNegative() || zeroBelow.gt(HUNDRED))) ctx.report('proportional-threshold-range', 'error', [...path, 'zeroBelow'], { code: n.code, value: zeroBelow.toString() });
    else if (zeroBelow && target && zeroBelow.gt(target)) {
      ctx.report('proportional-threshold-above-target', 'error', [...path, 'zeroBelow'], { code: n.code, value: zeroBelow.toString(), target: target.toString() });
    }
  }
};

/** `overAchievement` and `ifNone` speak of rates: on a count or a date they mean nothing. */
const checkMeasureOptions: CheckFn = (ctx) => {
  for (const n of ctx.set.leaves) {
    if (n.rule?.kind !== 'bands' || n.rule.measure === 'percent') continue;
    const path = [...n.path, 'rule'];
    if (valueAt(ctx.raw, [...path, 'overAchievement']) !== undefined)
      ctx.report('rule-key-needs-percent', 'error', [...path, 'overAchievement'], { code: n.code, key: 'overAchievement' }, { key: true });
    if (valueAt(ctx.raw, [...path, 'ifNone']) !== undefined) ctx.report('rule-key-needs-percent', 'error', [...path, 'ifNone'], { code: n.code, key: 'ifNone' }, { key: true });
  }
};

/** A per-kind maximum fits rules whose points scale with the maximum; fixed option or band points do not. */
const checkMaxFor: CheckFn = (ctx) => {
  for (const n of allNodes(ctx.set)) {
    if (n.maxFor.length === 0) continue;
    const path = [...n.path, 'maxFor'];
    if (n.children.length > 0) {
      ctx.report('max-for-on-branch', 'error', path, { code: n.code }, { key: true });
      continue;
    }
    const kind = n.rule?.kind;
    if (kind === 'options' || kind === 'bands' || (n.rule?.kind === 'checklist' && n.rule.bands)) {
      ctx.report('max-for-fixed-points', 'error', path, { code: n.code, kind: kind ?? '' }, { key: true });
    }
    for (const m of n.maxFor) {
      if (!m.max.gt(Decimal.ZERO)) ctx.report('max-not-positive', 'error', [...m.path, 'max'], { code: n.code, max: m.max.toString() });
      checkPrecision(ctx, m.max, [...m.path, 'max'], n.code);
      m.tags.forEach((t, i) => {
        if (t === '') ctx.report('empty-name', 'error', [...m.path, 'tags', i], { code: n.code });
      });
    }
  }
};

const checkAdjustmentAreas: CheckFn = ({ set, report }) => {
  const areas = new Set(set.areas.map((a) => a.code));
  for (const p of set.adjustments) {
    if (p.area !== undefined && !areas.has(p.area)) report('adjustment-area-unknown', 'error', [...p.path, 'area'], { code: p.code, area: p.area, areas: [...areas].join(', ') });
  }
};

const checkTieBreaks: CheckFn = ({ set, report }) => {
  const parts = new Set(set.adjustments.map((p) => p.code));
  for (const t of set.tieBreaks) {
    if (!set.nodes.has(t.by) && !parts.has(t.by)) report('tie-break-unknown', 'error', [...t.path, 'by'], { code: t.by });
  }
};

const checkClassConditions: CheckFn = ({ set, report }) => {
  set.classes.forEach((c, i) => {
    if (c.minEveryArea && (c.minEveryArea.isNegative() || c.minEveryArea.gt(HUNDRED))) {
      report('class-range', 'error', ['classes', i, 'minEveryArea'], { label: c.label, min: c.minEveryArea.toString() });
    }
  });
  for (const d of set.downgradeIf) {
    const node = set.nodes.get(d.code);
    if (!node || node.children.length > 0) report('downgrade-unknown', 'error', d.path, { code: d.code });
  }
  if (set.downgradeIf.length > 0 && set.classes.length === 0) report('downgrade-without-classes', 'error', ['downgradeIf'], {}, { key: true });
};

const checkSurveyScales: CheckFn = (ctx) => {
  for (const n of ctx.set.leaves) {
    if (n.rule?.kind !== 'survey') continue;
    const answers = new Set<string>();
    for (const a of n.rule.scale ?? []) {
      const key = foldForMatch(a.answer);
      if (a.answer === '') ctx.report('empty-name', 'error', [...a.path, 'answer'], { code: n.code });
      else if (answers.has(key)) ctx.report('survey-scale-duplicate', 'error', [...a.path, 'answer'], { code: n.code, name: a.answer });
      answers.add(key);
      if (a.share.isNegative() || a.share.gt(HUNDRED)) ctx.report('survey-share-range', 'error', [...a.path, 'share'], { code: n.code, answer: a.answer, share: a.share.toString() });
    }
    const groups = new Set<string>();
    for (const g of n.rule.groups ?? []) {
      const key = foldForMatch(g.name);
      if (g.name === '') ctx.report('empty-name', 'error', [...g.path, 'name'], { code: n.code });
      else if (groups.has(key)) ctx.report('survey-scale-duplicate', 'error', [...g.path, 'name'], { code: n.code, name: g.name });
      groups.add(key);
      if (!g.weight.gt(Decimal.ZERO)) ctx.report('survey-weight-not-positive', 'error', [...g.path, 'weight'], { code: n.code, name: g.name, weight: g.weight.toString() });
    }
    if (n.rule.groups && !n.rule.scale) ctx.report('survey-groups-without-scale', 'error', [...n.path, 'rule', 'groups'], { code: n.code }, { key: true });
  }
};

/** Every check, in the order their findings are most useful to read. */
export const criteriaChecks: readonly CheckFn[] = [
  checkLimits,
  checkSetFields,
  checkCodes,
  checkNames,
  checkMaxima,
  checkSums,
  checkBranchRules,
  checkOptions,
  checkBands,
  checkSteps,
  checkClasses,
  checkSkipTags,
  checkPerItem,
  checkChecklists,
  checkProportional,
  checkMeasureOptions,
  checkMaxFor,
  checkAdjustmentAreas,
  checkTieBreaks,
  checkClassConditions,
  checkSurveyScales,
];
