/**
 * Meaning checks on a criteria set: each is a named function that looks at
 * the typed model and reports diagnostics. They run after the shape check,
 * on whatever part of the file was well-formed.
 */
import { Decimal } from '../core/decimal.js';
import { LIMITS } from '../core/limits.js';
import { foldForMatch } from '../core/text.js';
import type { Severity } from '../diagnostics/index.js';
import type { PathSegment } from '../yaml/index.js';
import { type Band, type CriteriaNode, type CriteriaSet, walkNodes } from './model.js';

export interface RuleContext {
  set: CriteriaSet;
  raw: Record<string, unknown>;
  report(code: string, severity: Severity, path: PathSegment[], params: Record<string, string | number>, opts?: { key?: boolean }): void;
  /** The line a data path is on, for findings that point back at an earlier place. */
  lineOf?(path: PathSegment[]): number;
}

type CheckFn = (ctx: RuleContext) => void;

const CODE_PATTERN = /^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/;
const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const HUNDRED = Decimal.of(100n);

function rawAt(raw: unknown, path: readonly PathSegment[]): unknown {
  let cur = raw;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg as string];
  }
  return cur;
}

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
    if (n.name === '' && typeof rawAt(raw, [...n.path, 'name']) === 'string') report('empty-name', 'error', [...n.path, 'name'], { code: n.code });
  }
  for (const p of set.adjustments) {
    if (p.name === '' && typeof rawAt(raw, [...p.path, 'name']) === 'string') report('empty-name', 'error', [...p.path, 'name'], { code: p.code });
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
    const rawChildren = rawAt(raw, [...n.path, 'children']);
    if (n.children.length === 0 || (Array.isArray(rawChildren) && rawChildren.length !== n.children.length)) continue;
    const sum = Decimal.sum(n.children.map((c) => c.max));
    if (!sum.eq(n.max)) {
      report('sum-mismatch', 'error', [...n.path, 'max'], { code: n.code, sum: sum.toString(), max: n.max.toString(), count: n.children.length, parts: n.children.map((c) => `${c.code}: ${c.max.toString()}`).join('; ') });
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
    if (n.children.length > 0 && rawAt(raw, [...n.path, 'rule']) !== undefined) {
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

const checkBands: CheckFn = (ctx) => {
  const { raw, report } = ctx;
  for (const n of ctx.set.leaves) {
    if (n.rule?.kind !== 'bands') continue;
    const domainMax = n.rule.measure === 'percent' ? HUNDRED : undefined;
    const intervals: Interval[] = [];
    for (const b of n.rule.bands) {
      const rb = rawAt(raw, b.path) as Record<string, unknown>;
      if (rb.gt !== undefined && rb.gte !== undefined) report('band-invalid', 'error', [...b.path, 'gte'], { code: n.code, both: 'gt/gte' }, { key: true });
      if (rb.lt !== undefined && rb.lte !== undefined) report('band-invalid', 'error', [...b.path, 'lte'], { code: n.code, both: 'lt/lte' }, { key: true });
      if (b.points.isNegative() || b.points.gt(n.max)) {
        report('band-points-out-of-range', 'error', [...b.path, 'points'], { code: n.code, points: b.points.toString(), max: n.max.toString() });
      }
      checkPrecision(ctx, b.points, [...b.path, 'points'], n.code);
      if (b.lower && b.upper) {
        const c = b.lower.cmp(b.upper);
        if (c > 0 || (c === 0 && !(b.lowerInclusive && b.upperInclusive))) {
          report('band-empty', 'error', b.path, { code: n.code, lower: b.lower.toString(), upper: b.upper.toString() });
          continue;
        }
      }
      intervals.push({ band: b, ...(b.lower ? { lo: b.lower } : {}), loInc: b.lowerInclusive, ...(b.upper ? { hi: b.upper } : {}), hiInc: b.upperInclusive });
    }
    if (intervals.length === 0) continue;
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
    if (domainMax) {
      for (const iv of intervals) {
        const aboveMax = iv.lo && (iv.lo.gt(domainMax) || (iv.lo.eq(domainMax) && !iv.loInc));
        const belowZero = iv.hi && (iv.hi.isNegative() || (iv.hi.isZero() && !iv.hiInc));
        if (aboveMax || belowZero) {
          report('band-out-of-domain', 'warning', iv.band.path, { code: n.code });
        }
      }
    }
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
];
