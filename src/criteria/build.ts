/**
 * Builds the criteria model from parsed YAML data. It is tolerant on
 * purpose: shape errors are already reported by zod, and whatever is
 * well-formed still gets its meaning checked, so a user sees every problem
 * in one run.
 */
import { Decimal, type RoundingMode } from '../core/decimal.js';
import { normalizeText } from '../core/text.js';
import type { PathSegment } from '../yaml/index.js';
import type { AdjustmentPart, Band, ClassBand, CriteriaNode, CriteriaSet, Option, PartKind, Rule, TieRule } from './model.js';

type Raw = Record<string, unknown>;

const isObj = (v: unknown): v is Raw => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? normalizeText(v) : undefined);
const dec = (v: unknown): Decimal | undefined => (typeof v === 'number' ? Decimal.fromNumber(v) : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const int = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isInteger(v) ? v : fallback);

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
      const bands: Band[] = [];
      arr(raw.bands).forEach((b, i) => {
        if (!isObj(b)) return;
        const points = dec(b.points);
        if (!points) return;
        const lower = dec(b.gte) ?? dec(b.gt);
        const upper = dec(b.lte) ?? dec(b.lt);
        const label = str(b.label);
        bands.push({
          ...(lower ? { lower } : {}),
          lowerInclusive: b.gte !== undefined,
          ...(upper ? { upper } : {}),
          upperInclusive: b.lte !== undefined,
          points,
          ...(label !== undefined ? { label } : {}),
          path: [...path, 'bands', i],
        });
      });
      return { kind: 'bands', measure: raw.measure === 'count' ? 'count' : 'percent', bands };
    }
    case 'proportional':
      return { kind: 'proportional' };
    case 'manual': {
      const step = dec(raw.step);
      return { kind: 'manual', implicit: false, ...(step ? { step } : {}) };
    }
    case 'survey': {
      const source = str(raw.source);
      return { kind: 'survey', ...(source !== undefined ? { source } : {}) };
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
    skipFor: arr(raw.skipFor).filter((t): t is string => typeof t === 'string').map(normalizeText),
    children,
    path,
  };
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

export interface BuiltCriteria {
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
    if (label !== undefined && min) classes.push({ label, min });
  });

  const nodes = new Map<string, CriteriaNode>();
  const leaves: CriteriaNode[] = [];
  const tags = new Set<string>();
  const collect = (n: CriteriaNode): void => {
    if (!nodes.has(n.code)) nodes.set(n.code, n);
    n.skipFor.forEach((t) => tags.add(t));
    if (n.children.length === 0) leaves.push(n);
    n.children.forEach(collect);
  };
  areas.forEach(collect);
  adjustments.forEach((p) => p.children.forEach(collect));

  const rounding: RoundingMode = raw.rounding === 'half-even' || raw.rounding === 'down' ? raw.rounding : 'half-up';
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
      ties,
      classes,
      areas,
      adjustments,
      leaves,
      nodes,
      tags,
    },
  };
}
