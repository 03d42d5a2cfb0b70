/** The criteria set after loading: exact decimals, a rule on every leaf, lookups by code. */
import { Decimal, type RoundingMode } from '../core/decimal.js';
import type { PathSegment } from '../yaml/index.js';

export interface Option {
  label: string;
  points: Decimal;
  path: PathSegment[];
}

/** A band of a measured value; an absent bound is open-ended. */
export interface Band {
  lower?: Decimal;
  lowerInclusive: boolean;
  upper?: Decimal;
  upperInclusive: boolean;
  points: Decimal;
  label?: string;
  path: PathSegment[];
}

/** What a measure of "nothing arose" (0/0, "Không phát sinh") scores. */
export type IfNone = 'full' | 'zero' | 'not-assessed';

/** percent: a rate (0–100, or above with overAchievement); count: a whole number ≥ 0; date: a day, held as days since 1970-01-01. */
export type MeasureKind = 'percent' | 'count' | 'date';

export type Rule =
  | { kind: 'options'; options: Option[] }
  | { kind: 'bands'; measure: MeasureKind; overAchievement: boolean; ifNone?: IfNone; bands: Band[] }
  | { kind: 'proportional'; target?: Decimal; zeroBelow?: Decimal; ifNone?: IfNone }
  | { kind: 'per-item'; each: Decimal; cap?: Decimal; deduct: boolean }
  | { kind: 'checklist'; items: string[]; bands?: Band[] }
  | { kind: 'manual'; step?: Decimal; implicit: boolean }
  | { kind: 'survey'; source?: string; scale?: SurveyAnswer[]; groups?: SurveyGroup[] };

/** One answer of a survey scale: its share (%) of the item's points. */
export interface SurveyAnswer {
  answer: string;
  share: Decimal;
  path: PathSegment[];
}

export interface SurveyGroup {
  name: string;
  weight: Decimal;
  path: PathSegment[];
}

export type PartKind = 'area' | 'bonus' | 'penalty';

export interface CriteriaNode {
  code: string;
  name: string;
  max: Decimal;
  /** 1 for an area (or a bonus/penalty item directly under its part), 2 for a criterion, … */
  level: number;
  part: PartKind;
  parentCode?: string;
  /** Code of the area (or bonus/penalty part) this node belongs to. */
  areaCode: string;
  evidence?: string;
  guidance?: string;
  skipFor: string[];
  /** Numbering as the decision prints it ("I", "a)"); absent: the code is shown. */
  number?: string;
  /** A different maximum for units with one of the tags (first match wins); leaves only. */
  maxFor: { tags: string[]; max: Decimal; path: PathSegment[] }[];
  /** Present on leaves only. */
  rule?: Rule;
  children: CriteriaNode[];
  path: PathSegment[];
}

export interface AdjustmentPart {
  code: string;
  name: string;
  kind: 'bonus' | 'penalty';
  cap: Decimal;
  /** The area the part adds to or takes from; absent: the unit's total. */
  area?: string;
  number?: string;
  evidence?: string;
  guidance?: string;
  children: CriteriaNode[];
  path: PathSegment[];
}

export interface ClassBand {
  label: string;
  /** Lowest index (%) in the class, inclusive. */
  min: Decimal;
  /** Every applicable area must reach this index (%) for the class. */
  minEveryArea?: Decimal;
}

export interface TieBreak {
  /** Code of a node or a bonus/penalty part whose points are compared. */
  by: string;
  prefer: 'higher' | 'lower';
  path: PathSegment[];
}

export type TieRule = 'shared' | 'dense';

export interface CriteriaSet {
  file: string;
  id: string;
  title: string;
  year: number;
  total: Decimal;
  precision: number;
  /** Display decimals for indexes. */
  decimals: number;
  /** Rounding of indexes for display. */
  rounding: RoundingMode;
  /** Rounding of computed points (proportional, checklist) to `precision`. */
  pointsRounding: RoundingMode;
  /** Bonus cannot take a unit above its applicable maximum. */
  capAtMax: boolean;
  ties: TieRule;
  tieBreaks: TieBreak[];
  classes: ClassBand[];
  /** Leaf codes whose non-zero points lower the class by one. */
  downgradeIf: { code: string; path: PathSegment[] }[];
  areas: CriteriaNode[];
  adjustments: AdjustmentPart[];
  /** Every scored leaf, in file order: area leaves first, then bonus/penalty items. */
  leaves: CriteriaNode[];
  /** Every node (areas, criteria, leaves, bonus/penalty items) by code. */
  nodes: Map<string, CriteriaNode>;
  /** Every tag named in a `skipFor`. */
  tags: Set<string>;
}

export function isLeaf(node: CriteriaNode): boolean {
  return node.children.length === 0;
}

export function* walkNodes(nodes: readonly CriteriaNode[]): Generator<CriteriaNode> {
  for (const n of nodes) {
    yield n;
    yield* walkNodes(n.children);
  }
}

/** The leaf's maximum for a unit with these tags: the first `maxFor` entry naming one of them, else `max`. */
export function maxForTags(node: CriteriaNode, tags: readonly string[]): Decimal {
  return node.maxFor.find((m) => m.tags.some((t) => tags.includes(t)))?.max ?? node.max;
}

/** A node's maximum for a unit with these tags: its leaves' `maxFor` maxima added up (skipFor is not applied here). */
export function maxForUnitTags(node: CriteriaNode, tags: readonly string[]): Decimal {
  if (isLeaf(node)) return maxForTags(node, tags);
  return Decimal.sum(node.children.map((c) => maxForUnitTags(c, tags)));
}

/** The name as the decision prints it: "I. Công tác…", "1. Kế hoạch…", "a) Ban hành…"; without `number`, the name. */
export function numberedName(node: Pick<CriteriaNode, 'name' | 'number'>): string {
  if (node.number === undefined || node.number === '') return node.name;
  return /[.)]$/.test(node.number) ? `${node.number} ${node.name}` : `${node.number}. ${node.name}`;
}
