/**
 * The engine's input: each unit's leaves after every check, points exact.
 * Made by resolveEvidence, read by the scoring engine and the commands.
 */
import type { Decimal } from '../core/decimal.js';
import type { CriteriaSet } from '../criteria/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { Unit } from '../units/index.js';
import type { Where } from './table.js';

/** One unit's inputs for one leaf, after checks. */
export interface LeafInput {
  code: string;
  applicable: boolean;
  /** Why the leaf is not assessed for this unit. */
  naReason?: string;
  /** Points at the self-assessment stage (computed from option or measure where the rule says so). */
  self?: Decimal;
  /** The council's score, when given. */
  appraised?: Decimal;
  /** The leaf's maximum for this unit, when the set gives its kind of unit another (`maxFor`). */
  max?: Decimal;
  /** Points from the survey, for survey-scored leaves. */
  survey?: Decimal;
  /** The score the unit typed, when it differs from what its rule computes it is reported. */
  typedSelf?: Decimal;
  option?: string;
  measure?: string;
  evidence: string;
  note: string;
  reason: string;
  /** Every valid council decision, first appraisal first; the last one is `appraised`. */
  decisions: readonly { score: Decimal; reason: string; round: 1 | 2; at: Where }[];
  /** Codes of self-assessment errors a council score settled. */
  settled: readonly string[];
  /** Every problem found with this item (shown in the council's workbook). */
  problems: readonly Diagnostic[];
}

export interface UnitInput {
  unit: Unit;
  leaves: Map<string, LeafInput>;
  /** Submitted (default) or not submitted, as set in parscore.yaml. */
  submission: 'submitted' | 'not-submitted';
  /** Whether the unit's form came back, and whether anything was entered in it. */
  form: 'returned' | 'blank' | 'missing';
  /** The council's workbook for the unit, when the round keeps one. */
  appraisal?: { finished: boolean; remark: string; origin: string };
  /** Errors found in the unit's own data (drafts leave these units out). */
  errors: number;
}

export interface ScoringInput {
  set: CriteriaSet;
  units: UnitInput[];
  /** Units exempt this year: listed, never scored or ranked. */
  exempt: Unit[];
  /**
   * How finality is decided: 'council-status' when the round keeps appraisal
   * workbooks (final when the status cell says finished), 'every-item' for
   * rounds without them (final when every item has a council score).
   */
  finality: 'council-status' | 'every-item';
}
