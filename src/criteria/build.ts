/**
 * Builds the criteria model from parsed YAML data. It is tolerant on
 * purpose: shape errors are already reported by zod, and whatever is
 * well-formed still gets its meaning checked, so a user sees every problem
 * in one run.
 */
import { parseIsoDay } from '../core/date.js';
import { Decimal, type RoundingMode } from '../core/decimal.js';
import { normalizeText } from '../core/text.js';
import type { PathSegment } from '../yaml/index.js';
import {
  isLeaf,
  type AdjustmentPart,
  type Band,
  type ClassBand,
  type CriteriaNode,
  type CriteriaSet,
  type IfNone,
  type MeasureKind,
  type Option,
  type PartKind,
  type Rule,
  type SurveyAnswer,
  type SurveyGroup,
  type TieBreak,
  type TieRule,
} from './model.js';

type Raw = Record<string, unknown>;

const isObj = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? normalizeText(v) : undefined);
const dec = (v: unknown): Decimal | undefined => (typeof v === 'number' ? Decimal.fromNumber(v) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const int = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isInteger(v) ? v : fallback);

const roundingOf = (v: unknown): RoundingMode => (v === 'half-even' || v === 'down' ? v : 'half-up');
const ifNoneOf = (v: unknown): { ifNone?: IfNone } => (v === 'full' || v === 'zero' || v === 'not-assessed' ? { ifNone: v } : {});

/** A band bound in the measure's own numbers: a date bound becomes its day number. A bound of the wrong type is reported by the rules. */
function boundOf(v: unknown, measure: MeasureKind): Decimal | undefined | null {
  if (v === undefined) return undefined;
  if (measure === 'date') {
    const day = typeof v === 'string' ? parseIsoDay(v) : undefined;
    return day === undefined ? null : Decimal.of(BigInt(day));
  }
  return typeof v === 'number' ? (Decimal.fromNumber(v) ?? null) : null;
}

/** Bands as the model holds them; a band with a bad bound or no points is left out (the rules report it). */
function buildBands(raw: unknown, measure: MeasureKind, path: PathSegment[]): Band[] {
  const bands: Band[] = [];
  arr(raw).forEach((b, i) => {
    if (!isObj(b)) return;
    const points = dec(b.points);
    if (!points) return;
    const lower = boundOf(b.gte, measure) ?? boundOf(b.gt, measure);
    const upper = boundOf(b.lte, measure) ?? boundOf(b.lt, measure);
    if (lower === null || upper === null) return;
    const label = str(b.label);
    bands.push({
      ...(lower ? { lower } : {}),
      lowerInclusive: b.gte !== undefined,
      ...(upper ? { upper } : {}),
      upperInclusive: b.lte !== undefined,
      points,
      ...(label !== undefined ? { label } : {}),
      path: [...path, i],
    });
  });
  return bands;
}

function buildRule(raw: unknown, path: PathSegment[]): Rule | undefined {
  if (raw === undefined) return { kind: 'manual', implicit: true };
  if (!isObj(raw)) return undefined;
  switch (raw.kind) {
    case 'options': {
      const options: Option[] = [];
      arr(raw.options).forEach((o, i) => {
        if (!isObj(o)) return;
        const points = dec(o.points);
        const label = str(o.label);
        if (points && label !== undefined) options.push({ label, points, path: [...path, 'options', i] });
      });
      return { kind: 'options', options };
    }
    case 'bands': {
      const measure: MeasureKind = raw.measure === 'count' || raw.measure === 'date' ? raw.measure : 'percent';
      return { kind: 'bands', measure, overAchievement: raw.overAchievement === true, ...ifNoneOf(raw.ifNone), bands: buildBands(raw.bands, measure, [...path, 'bands']) };
    }
    case 'proportional': {
      const target = dec(raw.target);
      const zeroBelow = dec(raw.zeroBelow);
      return { kind: 'proportional', ...(target ? { target } : {}), ...(zeroBelow ? { zeroBelow } : {}), ...ifNoneOf(raw.ifNone) };
    }
    case 'per-item': {
      const each = dec(raw.each);
      const cap = dec(raw.cap);
      if (!each) return undefined;
      return { kind: 'per-item', each, ...(cap ? { cap } : {}), deduct: raw.deduct === true };
    }
    case 'checklist': {
      const items = arr(raw.items)
        .filter((t): t is string => typeof t === 'string')
        .map(normalizeText);
      return { kind: 'checklist', items, ...(Array.isArray(raw.bands) ? { bands: buildBands(raw.bands, 'count', [...path, 'bands']) } : {}) };
    }
    case 'manual': {
      const step = dec(raw.step);
      return { kind: 'manual', implicit: false, ...(step ? { step } : {}) };
    }
    case 'survey': {
      const source = str(raw.source);
      const scale: SurveyAnswer[] = [];
      arr(raw.scale).forEach((a, i) => {
        const answer = isObj(a) ? str(a.answer) : undefined;
        const share = isObj(a) ? dec(a.share) : undefined;
        if (answer !== undefined && share) scale.push({ answer, share, path: [...path, 'scale', i] });
      });
      const groups: SurveyGroup[] = [];
      arr(raw.groups).forEach((g, i) => {
        const name = isObj(g) ? str(g.name) : undefined;
        const weight = isObj(g) ? dec(g.weight) : undefined;
        if (name !== undefined && weight) groups.push({ name, weight, path: [...path, 'groups', i] });
      });
      return { kind: 'survey', ...(source !== undefined ? { source } : {}), ...(scale.length > 0 ? { scale } : {}), ...(groups.length > 0 ? { groups } : {}) };
    }
    default:
      return undefined;
  }
}

function buildNode(raw: unknown, path: PathSegment[], ctx: { level: number; part: PartKind; parentCode?: string; areaCode?: string }): CriteriaNode | undefined {
  if (!isObj(raw)) return undefined;
  const code = str(raw.code);
  const max = dec(raw.max);
  if (code === undefined || max === undefined) return undefined;
  const areaCode = ctx.areaCode ?? code;
  const children: CriteriaNode[] = [];
  arr(raw.children).forEach((c, i) => {
    const child = buildNode(c, [...path, 'children', i], { level: ctx.level + 1, part: ctx.part, parentCode: code, areaCode });
    if (child) children.push(child);
  });
  const node: CriteriaNode = {
    code,
    name: str(raw.name) ?? '',
    max,
    level: ctx.level,
    part: ctx.part,
    areaCode,
    skipFor: arr(raw.skipFor)
      .filter((t): t is string => typeof t === 'string')
      .map(normalizeText),
    maxFor: [],
    children,
    path,
  };
  arr(raw.maxFor).forEach((m, i) => {
    if (!isObj(m)) return;
    const max = dec(m.max);
    const tags = arr(m.tags)
      .filter((t): t is string => typeof t === 'string')
      .map(normalizeText);
    if (max && tags.length > 0) node.maxFor.push({ tags, max, path: [...path, 'maxFor', i] });
  });
  const number = str(raw.number);
  if (number !== undefined) node.number = number;
  if (ctx.parentCode !== undefined) node.parentCode = ctx.parentCode;
  const evidence = str(raw.evidence);
  const guidance = str(raw.guidance);
  if (evidence !== undefined) node.evidence = evidence;
  if (guidance !== undefined) node.guidance = guidance;
  // A node with children is a branch; its `rule`, if any, is reported by the rules.
  if (children.length === 0 && !Array.isArray(raw.children)) {
    const rule = buildRule(raw.rule, [...path, 'rule']);
    if (rule) node.rule = rule;
  }
  return node;
}

interface BuiltCriteria {
  set: CriteriaSet;
  /** Raw values the rules need to see as typed (e.g. both `gt` and `gte` on one band). */
  raw: Raw;
}

export function buildCriteria(file: string, data: unknown): BuiltCriteria {
  const raw = isObj(data) ? data : {};
  const areas: CriteriaNode[] = [];
  arr(raw.areas).forEach((a, i) => {
    const node = buildNode(a, ['areas', i], { level: 1, part: 'area' });
    if (node) areas.push(node);
  });
  const adjustments: AdjustmentPart[] = [];
  arr(raw.adjustments).forEach((p, i) => {
    if (!isObj(p)) return;
    const code = str(p.code);
    const cap = dec(p.cap);
    const kind = p.kind === 'penalty' ? 'penalty' : p.kind === 'bonus' ? 'bonus' : undefined;
    if (code === undefined || cap === undefined || kind === undefined) return;
    const children: CriteriaNode[] = [];
    arr(p.children).forEach((c, j) => {
      const node = buildNode(c, ['adjustments', i, 'children', j], { level: 1, part: kind, parentCode: code, areaCode: code });
      if (node) children.push(node);
    });
    const part: AdjustmentPart = { code, name: str(p.name) ?? '', kind, cap, children, path: ['adjustments', i] };
    const area = str(p.area);
    const number = str(p.number);
    if (area !== undefined) part.area = area;
    if (number !== undefined) part.number = number;
    const evidence = str(p.evidence);
    const guidance = str(p.guidance);
    if (evidence !== undefined) part.evidence = evidence;
    if (guidance !== undefined) part.guidance = guidance;
    adjustments.push(part);
  });
  const classes: ClassBand[] = [];
  arr(raw.classes).forEach((c) => {
    if (!isObj(c)) return;
    const label = str(c.label);
    const min = dec(c.min);
    const minEveryArea = dec(c.minEveryArea);
    if (label !== undefined && min) classes.push({ label, min, ...(minEveryArea ? { minEveryArea } : {}) });
  });
  const tieBreaks: TieBreak[] = [];
  arr(raw.tieBreaks).forEach((t, i) => {
    if (!isObj(t)) return;
    const by = str(t.by);
    if (by !== undefined && (t.prefer === 'higher' || t.prefer === 'lower')) tieBreaks.push({ by, prefer: t.prefer, path: ['tieBreaks', i] });
  });
  const downgradeIf: { code: string; path: PathSegment[] }[] = [];
  arr(raw.downgradeIf).forEach((c, i) => {
    const code = str(c);
    if (code !== undefined) downgradeIf.push({ code, path: ['downgradeIf', i] });
  });

  const nodes = new Map<string, CriteriaNode>();
  const leaves: CriteriaNode[] = [];
  const tags = new Set<string>();
  const collect = (n: CriteriaNode): void => {
    if (!nodes.has(n.code)) nodes.set(n.code, n);
    n.skipFor.forEach((t) => tags.add(t));
    n.maxFor.forEach((m) => m.tags.forEach((t) => tags.add(t)));
    if (isLeaf(n)) leaves.push(n);
    n.children.forEach(collect);
  };
  areas.forEach(collect);
  adjustments.forEach((p) => p.children.forEach(collect));

  const rounding = roundingOf(raw.rounding);
  const ties: TieRule = raw.ties === 'dense' ? 'dense' : 'shared';
  return {
    raw,
    set: {
      file,
      id: str(raw.id) ?? '',
      title: str(raw.title) ?? '',
      year: int(raw.year, 0),
      total: dec(raw.total) ?? Decimal.ZERO,
      precision: int(raw.precision, 4),
      decimals: int(raw.decimals, 2),
      rounding,
      pointsRounding: roundingOf(raw.pointsRounding),
      capAtMax: raw.capAtMax === true,
      ties,
      tieBreaks,
      classes,
      downgradeIf,
      areas,
      adjustments,
      leaves,
      nodes,
      tags,
    },
  };
}
