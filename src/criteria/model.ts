/** The criteria set after loading: exact decimals, a rule on every leaf, lookups by code. */
import type { Decimal, RoundingMode } from '../core/decimal.js';
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

export type Rule =
  | { kind: 'options'; options: Option[] }
  | { kind: 'bands'; measure: 'percent' | 'count'; bands: Band[] }
  | { kind: 'proportional' }
  | { kind: 'manual'; step?: Decimal; implicit: boolean }
  | { kind: 'survey'; source?: string };

export type RuleKind = Rule['kind'];

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
  evidence?: string;
  guidance?: string;
  children: CriteriaNode[];
  path: PathSegment[];
}

export interface ClassBand {
  label: string;
  /** Lowest index (%) in the class, inclusive. */
  min: Decimal;
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
  rounding: RoundingMode;
  ties: TieRule;
  classes: ClassBand[];
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
