/**
 * Checks the rows read from evidence and survey files against the criteria
 * set and the units file, and turns them into per-unit, per-leaf scores for
 * the engine. Pure: every problem becomes a located diagnostic, all in one
 * pass.
 */
import { Decimal } from '../core/decimal.js';
import { foldForMatch } from '../core/text.js';
import { isLeaf, maxForTags, type CriteriaNode, type CriteriaSet, type Rule } from '../criteria/index.js';
import type { Diagnostic, DiagnosticCode, Severity } from '../diagnostics/index.js';
import {
  bandPoints,
  checklistPoints,
  surveyScalePoints,
  type AnswerCounts,
  isWholeCount,
  nonePoints,
  optionPoints,
  perItemPoints,
  proportionalPoints,
  ruleTakesMeasure,
} from '../criteria/rule-eval.js';
import { notApplicableReason, type Unit, type UnitList } from '../units/index.js';
import { cellText, isNothingArisen, isNotApplicableText, parseDateMeasure, parseMeasure, parseNumberText, type CellContent, type Measure } from './cells.js';
import type { EvidenceRow, Located, SurveyCell } from './read.js';
import type { Where } from './table.js';
import type { CouncilDecision, UnitAppraisal } from './appraisal.js';
import { append } from '../core/append.js';

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

export interface ResolveOptions {
  surveyGiven: boolean;
  evidenceFile: string;
  /** The council's workbooks by unit code; when given, council columns in the forms are not read. */
  appraisals?: ReadonlyMap<string, UnitAppraisal>;
  /** Unit statuses from parscore.yaml, by unit code, with where they are written. */
  status?: ReadonlyMap<string, { status: 'submitted' | 'not-submitted' | 'exempt'; at: Where }>;
  /** The survey file, where survey problems without a cell of their own are shown. */
  surveyFile?: string;
  /** The round file (parscore.yaml), where a round-wide problem such as a missing survey file is shown. */
  roundFile?: string;
}

const ONE = Decimal.of(1n);

type Report = (code: DiagnosticCode, severity: Severity, at: Where, params: Record<string, string | number>) => void;

function typedNumber(loc: Located | undefined): { value?: Decimal; na: boolean; bad?: string } {
  if (!loc) return { na: false };
  const c = loc.content;
  if (c.kind === 'empty') return { na: false };
  if (c.kind === 'number') return { value: c.value, na: false };
  if (c.kind === 'text') {
    if (isNotApplicableText(c.text)) return { na: true };
    const v = parseNumberText(c.text);
    return v ? { value: v, na: false } : { na: false, bad: c.text };
  }
  return { na: false, bad: cellText(c) };
}

function describeContent(c: CellContent): string {
  return c.kind === 'text' ? c.text : c.kind === 'number' ? c.value.toString() : c.kind === 'error' ? c.text : c.kind === 'date' ? cellText(c) : '';
}

/** "8/8" typed as a measure meant 8 of 8: the percentage to suggest instead, if the date reads as a fraction. */
function dateAsPercent(c: Extract<CellContent, { kind: 'date' }>): string {
  const [a, b] = c.typed.split('/').map(Number) as [number, number];
  const percent = Decimal.of(BigInt(a) * 100n)
    .div(Decimal.of(BigInt(b)))
    .round(2, 'half-up');
  return percent.toString();
}

/** Range, precision and step of a typed score. */
function checkScore(report: Report, set: CriteriaSet, leaf: CriteriaNode, value: Decimal, at: Where, stage: string, max: Decimal = leaf.max): boolean {
  const params = { code: leaf.code, value: value.toString(), max: max.toString(), stage };
  if (value.isNegative()) {
    report('score-below-zero', 'error', at, params);
    return false;
  }
  if (value.gt(max)) {
    report('score-above-max', 'error', at, params);
    return false;
  }
  if (value.decimals > set.precision) {
    report('score-precision', 'error', at, { ...params, precision: set.precision });
    return false;
  }
  if (leaf.rule?.kind === 'manual' && leaf.rule.step && !value.isMultipleOf(leaf.rule.step)) {
    report('score-off-step', 'error', at, { ...params, step: leaf.rule.step.toString() });
    return false;
  }
  return true;
}

function formulaOrError(report: Report, loc: Located | undefined, code: string, isMeasure = false): boolean {
  if (!loc) return false;
  if (loc.content.kind === 'date') {
    const c = loc.content;
    report('cell-date', 'error', loc.at, { code, cell: loc.at.cell?.cell ?? '', shown: c.shown, typed: c.typed, percent: isMeasure ? dateAsPercent(c) : '' });
    return true;
  }
  if (loc.content.kind === 'formula-without-result') {
    report('formula-without-result', 'error', loc.at, { code });
    return true;
  }
  if (loc.content.kind === 'error') {
    report('cell-error', 'error', loc.at, { code, value: loc.content.text });
    return true;
  }
  return false;
}

/**
 * Points from the measure a unit entered, for the rules that take one;
 * undefined when the measure is unusable (reported), null when nothing arose
 * and the rule says such a leaf is not assessed.
 */
function measuredPoints(report: Report, set: CriteriaSet, leaf: CriteriaNode, rule: Rule, loc: Located, max: Decimal): Decimal | null | undefined {
  const content = loc.content;
  const text = describeContent(content);
  const ifNone = rule.kind === 'bands' || rule.kind === 'proportional' ? rule.ifNone : undefined;
  if ((rule.kind === 'bands' && rule.measure === 'percent') || rule.kind === 'proportional') {
    if (isNothingArisen(content)) {
      if (ifNone) return nonePoints(ifNone, max);
      report('measure-none-not-allowed', 'error', loc.at, { code: leaf.code, value: text });
      return undefined;
    }
  }
  const measure: Measure | undefined = rule.kind === 'bands' && rule.measure === 'date' ? parseDateMeasure(content) : parseMeasure(content);
  if (!measure) {
    report(rule.kind === 'bands' && rule.measure === 'date' ? 'measure-not-a-date' : 'measure-unparsable', 'error', loc.at, { code: leaf.code, value: text });
    return undefined;
  }
  if (looksLikeFraction(rule, measure, content)) {
    report('measure-fraction', 'warning', loc.at, { code: leaf.code, value: measure.text, percent: measure.value.mul(Decimal.of(100n)).toString() });
  }
  const counted = (rule.kind === 'bands' && rule.measure === 'count') || rule.kind === 'per-item' || rule.kind === 'checklist';
  if (counted && !isWholeCount(measure)) {
    report('measure-not-whole', 'error', loc.at, { code: leaf.code, value: measure.text });
    return undefined;
  }
  switch (rule.kind) {
    case 'bands': {
      const points = bandPoints(rule, measure)?.points;
      if (points === undefined) report('measure-out-of-range', 'error', loc.at, { code: leaf.code, value: measure.text });
      return points?.min(max);
    }
    case 'proportional': {
      const points = proportionalPoints(max, measure, set.precision, set.pointsRounding, rule);
      if (points === undefined) report('measure-unparsable', 'error', loc.at, { code: leaf.code, value: measure.text });
      return points;
    }
    case 'per-item':
      return perItemPoints(rule, max, measure.value);
    case 'checklist': {
      const points = checklistPoints(rule, max, measure.value, set.precision, set.pointsRounding);
      if (points === undefined) report('checklist-count-out-of-range', 'error', loc.at, { code: leaf.code, value: measure.text, items: rule.items.length });
      return points;
    }
    default:
      return undefined;
  }
}

/** A survey item's points from its answer counts; every unusable count or unknown group is reported. */
function answerPoints(report: Report, set: CriteriaSet, leaf: CriteriaNode, rule: Extract<Rule, { kind: 'survey' }>, cells: readonly SurveyCell[], max: Decimal): Decimal | undefined {
  const groups = new Map<string, AnswerCounts>();
  let ok = true;
  for (const cell of cells) {
    const v = typedNumber({ content: cell.content, at: cell.at });
    if (v.value === undefined || v.value.isNegative() || v.value.decimals > 0) {
      report('survey-count-invalid', 'error', cell.at, { code: leaf.code, value: describeContent(cell.content) });
      ok = false;
      continue;
    }
    const group = cell.group ?? '';
    if (rule.groups && !rule.groups.some((g) => foldForMatch(g.name) === foldForMatch(group))) {
      report('survey-group-unknown', 'error', cell.at, { code: leaf.code, group, groups: rule.groups.map((g) => g.name).join(', ') });
      ok = false;
      continue;
    }
    const key = foldForMatch(group);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { group, counts: new Map() }));
    const answer = foldForMatch(cell.answer!);
    g.counts.set(answer, (g.counts.get(answer) ?? 0n) + BigInt(v.value.toString()));
  }
  if (!ok) return undefined;
  const points = surveyScalePoints(rule, max, [...groups.values()], set.precision, set.pointsRounding);
  if (points === undefined) report('survey-no-answers', 'error', cells[0]!.at, { code: leaf.code });
  return points;
}

/**
 * A percentage of at most 1 typed without a percent sign, for a rule on a
 * 0–100 scale, is most likely a fraction (0.95 meaning 95 %): a spreadsheet
 * formula such as =45/50, or a value copied from a tool that stores fractions.
 */
function looksLikeFraction(rule: Rule, measure: Measure, content: CellContent): boolean {
  if (measure.of !== undefined || measure.percent || !measure.value.gt(Decimal.ZERO) || measure.value.gt(ONE)) return false;
  if (content.kind === 'number' && content.percent) return false;
  if (rule.kind === 'proportional') return true;
  if (rule.kind !== 'bands' || rule.measure !== 'percent') return false;
  return rule.bands.some((b) => (b.lower?.gt(ONE) ?? false) || (b.upper?.gt(ONE) ?? false));
}

/** The self-stage points of an applicable leaf from what the unit entered (`selfCell`: its typed score, if one counts). */
function selfPoints(report: Report, set: CriteriaSet, leaf: CriteriaNode, row: EvidenceRow, selfCell: Located | undefined, input: LeafInput): void {
  const rule = leaf.rule!;
  const typed = typedNumber(selfCell);
  if (typed.bad !== undefined && selfCell) report('score-unparsable', 'error', selfCell.at, { code: leaf.code, value: typed.bad });
  if (typed.value !== undefined && selfCell && checkScore(report, set, leaf, typed.value, selfCell.at, 'self', input.max)) input.typedSelf = typed.value;
  const typedOk = input.typedSelf;

  let computed: Decimal | undefined;
  let computedFrom: Located | undefined;
  if (rule.kind === 'options' && row.option) {
    const label = describeContent(row.option.content);
    input.option = label;
    computed = optionPoints(rule, label);
    computedFrom = row.option;
    if (computed === undefined) {
      report('option-unknown', 'error', row.option.at, { code: leaf.code, value: label, options: rule.options.map((o) => o.label).join('; ') });
    }
  } else if (ruleTakesMeasure(rule) && row.measure) {
    computedFrom = row.measure;
    input.measure = describeContent(row.measure.content);
    const r = measuredPoints(report, set, leaf, rule, row.measure, input.max ?? leaf.max);
    if (r === null) {
      // "Không phát sinh" on a rule that then does not assess the leaf: its maximum leaves the unit's.
      input.applicable = false;
      input.naReason = 'không phát sinh';
      return;
    }
    computed = r;
  }

  if (computed !== undefined) {
    input.self = computed;
    if (typedOk !== undefined && !typedOk.eq(computed) && selfCell) {
      report('score-mismatch', 'warning', selfCell.at, { code: leaf.code, typed: typedOk.toString(), computed: computed.toString(), from: describeContent(computedFrom!.content) });
    }
    return;
  }
  if (computedFrom) return; // already reported as unusable
  if (typedOk === undefined) return;
  if (rule.kind === 'options') {
    if (!rule.options.some((o) => o.points.eq(typedOk))) {
      report('score-not-an-option', 'error', selfCell!.at, { code: leaf.code, value: typedOk.toString(), options: rule.options.map((o) => `${o.label}: ${o.points.toString()}`).join('; ') });
      return;
    }
  } else if (ruleTakesMeasure(rule)) {
    report('measure-missing', 'warning', selfCell!.at, { code: leaf.code });
  }
  input.self = typedOk;
}

/** Nothing to report: shared by every leaf without problems, decisions or settled errors. */
const NONE: readonly never[] = Object.freeze([]);

/** A report function that adds to `found`. */
function reporter(found: Diagnostic[]): Report {
  return (code, severity, at, params) => found.push({ code, severity, ...at, params });
}

/** Unit codes match the same way in every file: case-insensitively, in NFC (as --unit does). */
function unitFinder(unitList: UnitList): (code: string) => Unit | undefined {
  const foldCode = (code: string): string => code.normalize('NFC').toLocaleUpperCase('vi');
  const byFoldedCode = new Map(unitList.units.map((u) => [foldCode(u.code), u]));
  return (code) => unitList.byCode.get(code) ?? byFoldedCode.get(foldCode(code));
}

/** The evidence rows by unit and leaf, with where each unit's data came from. */
interface RowIndex {
  /** Which file or sheet each unit's data came from: one source per unit. */
  originOf: Map<string, string>;
  /** The unit's form (file, and sheet for a per-unit sheet), where a problem without a row of its own is shown. */
  formOf: Map<string, Where>;
  rowsByUnit: Map<string, Map<string, EvidenceRow>>;
  /** Units whose only form is untouched: reported once as form-blank. */
  blankUnits: Set<string>;
  diagnostics: Diagnostic[];
}

function indexRows(set: CriteriaSet, findUnit: (code: string) => Unit | undefined, rows: readonly EvidenceRow[]): RowIndex {
  const diagnostics: Diagnostic[] = [];
  const report = reporter(diagnostics);
  const originOf = new Map<string, string>();
  const formOf = new Map<string, Where>();
  const rowsByUnit = new Map<string, Map<string, EvidenceRow>>();
  const reported = new Set<string>();
  const blankUnits = new Set<string>();
  const filledUnits = new Set<string>();
  for (const row of rows) {
    const unit = findUnit(row.unit);
    if (!unit) {
      const key = `${row.origin}|${row.unit}`;
      if (!reported.has(key)) report('unit-unknown', 'error', row.at, { unit: row.unit });
      reported.add(key);
      continue;
    }
    (row.blankForm ? blankUnits : filledUnits).add(unit.code);
    const origin = originOf.get(unit.code);
    if (origin === undefined) {
      originOf.set(unit.code, row.origin);
      // A deleted row is shown on the unit's form and sheet (a long table's rows are not the unit's own).
      const at = row.at;
      formOf.set(unit.code, at.cell && !row.origin.includes('#') ? { file: at.file, cell: { sheet: at.cell.sheet } } : { file: at.file });
    } else if (origin !== row.origin) {
      const key = `${row.origin}|dup|${unit.code}`;
      if (!reported.has(key)) report('unit-duplicate', 'error', row.at, { unit: unit.code, first: origin });
      reported.add(key);
      continue;
    }
    const node = set.nodes.get(row.criterion);
    if (!node) {
      // A bonus or penalty part's own row holds a sum, like an area's.
      if (set.adjustments.some((p) => p.code === row.criterion)) continue;
      report('criterion-unknown', 'error', row.at, { code: row.criterion });
      continue;
    }
    if (!isLeaf(node)) continue; // area and criterion rows hold sums, not inputs
    let byLeaf = rowsByUnit.get(unit.code);
    if (!byLeaf) rowsByUnit.set(unit.code, (byLeaf = new Map()));
    if (byLeaf.has(node.code)) {
      report('leaf-duplicate', 'error', row.at, { code: node.code, unit: unit.code });
      continue;
    }
    byLeaf.set(node.code, row);
  }
  for (const code of filledUnits) blankUnits.delete(code);
  return { originOf, formOf, rowsByUnit, blankUnits, diagnostics };
}

/** The survey's cells by unit and leaf: a score per cell, or answer counts. */
interface SurveyIndex {
  scores: Map<string, Map<string, SurveyCell>>;
  answers: Map<string, Map<string, SurveyCell[]>>;
  /** Each unit's row in the survey file, where a problem with its survey scores is shown. */
  rowOf: Map<string, Where>;
  diagnostics: Diagnostic[];
}

function indexSurvey(set: CriteriaSet, findUnit: (code: string) => Unit | undefined, survey: readonly SurveyCell[]): SurveyIndex {
  const diagnostics: Diagnostic[] = [];
  const report = reporter(diagnostics);
  const scores = new Map<string, Map<string, SurveyCell>>();
  const answers = new Map<string, Map<string, SurveyCell[]>>();
  const rowOf = new Map<string, Where>();
  const reported = new Set<string>();
  const once = (key: string, say: () => void): void => {
    if (!reported.has(key)) say();
    reported.add(key);
  };
  for (const cell of survey) {
    const unit = findUnit(cell.unit);
    if (!unit) {
      once(cell.unit, () => report('unit-unknown', 'error', cell.unitAt, { unit: cell.unit }));
      continue;
    }
    const node = set.nodes.get(cell.criterion);
    if (node?.rule?.kind !== 'survey') {
      once(`c:${cell.criterion}`, () => report('survey-not-survey-leaf', 'error', cell.at, { code: cell.criterion }));
      continue;
    }
    if (!rowOf.has(unit.code)) rowOf.set(unit.code, cell.unitAt);
    if (cell.answer !== undefined) {
      // Answer counts: only the columns the criterion's scale names are answers.
      const scale = node.rule.scale;
      if (!scale) {
        once(`s:${cell.criterion}`, () => report('survey-no-scale', 'error', cell.at, { code: cell.criterion }));
        continue;
      }
      if (!scale.some((a) => foldForMatch(a.answer) === foldForMatch(cell.answer!))) continue;
      let byLeaf = answers.get(unit.code);
      if (!byLeaf) answers.set(unit.code, (byLeaf = new Map()));
      const list = byLeaf.get(cell.criterion) ?? [];
      list.push(cell);
      byLeaf.set(cell.criterion, list);
      continue;
    }
    let byLeaf = scores.get(unit.code);
    if (!byLeaf) scores.set(unit.code, (byLeaf = new Map()));
    byLeaf.set(cell.criterion, cell);
  }
  return { scores, answers, rowOf, diagnostics };
}

/** What a unit's leaves are resolved against. */
interface UnitContext {
  set: CriteriaSet;
  unit: Unit;
  opts: ResolveOptions;
  /** Rounds with appraisal workbooks read the council only from them, never from the forms. */
  councilMode: boolean;
  notSubmitted: boolean;
  /** The unit has no data at all (reported once for the unit). */
  noData: boolean;
  /** The unit's only form is untouched (reported once for the unit). */
  blankForm: boolean;
  /** The unit's rows by leaf; none for a unit that has not submitted. */
  byLeaf: Map<string, EvidenceRow> | undefined;
  form: Where | undefined;
  council: UnitAppraisal | undefined;
  survey: SurveyIndex;
}

/** Rules whose points the form computes with a formula in the score column: the form's arithmetic, not a score the unit typed. */
const COMPUTED_RULES: ReadonlySet<string> = new Set(['options', 'bands', 'proportional', 'per-item', 'checklist']);

/** A leaf resolved, with the problems found in it, and whether it lacks survey points because no survey file was given. */
interface ResolvedLeaf {
  input: LeafInput;
  surveyAbsent: boolean;
}

function resolveLeaf(u: UnitContext, leaf: CriteriaNode): ResolvedLeaf {
  const found: Diagnostic[] = [];
  const report = reporter(found);
  const { set, unit } = u;
  const row = u.byLeaf?.get(leaf.code);
  const rule = leaf.rule!;
  // Points always come from the option or the measure when the form computes them.
  const selfCell = row?.self?.formula && COMPUTED_RULES.has(rule.kind) ? undefined : row?.self;
  const na = notApplicableReason(unit, leaf, set);
  const input: LeafInput = {
    code: leaf.code,
    applicable: na === undefined,
    evidence: row?.evidence ?? '',
    note: row?.note ?? '',
    reason: u.councilMode ? '' : (row?.reason ?? ''),
    decisions: NONE,
    settled: NONE,
    problems: NONE,
  };
  if (na) input.naReason = na.reason;
  const unitMax = maxForTags(leaf, unit.tags);
  if (!unitMax.eq(leaf.max)) input.max = unitMax;
  const formAppraised = u.councilMode ? undefined : row?.appraised;
  const decisions = u.council?.decisions.get(leaf.code) ?? NONE;
  let surveyAbsent = false;

  const cellsUnusable = row !== undefined && [selfCell, formAppraised, row.measure, row.option].map((l) => formulaOrError(report, l, leaf.code, l === row.measure)).some(Boolean);
  if (cellsUnusable) {
    // nothing more can be said about this leaf
  } else if (!input.applicable) {
    scoresOnNotApplicable(report, u, leaf, na!.reason, row, selfCell, formAppraised, decisions);
  } else if (rule.kind === 'survey') {
    surveyAbsent = surveyLeaf(report, u, leaf, rule, unitMax, selfCell, formAppraised, decisions, input);
  } else {
    scoredLeaf(report, found, u, leaf, unitMax, row, selfCell, formAppraised, decisions, input);
  }
  const problems = settle(u, leaf, input, found);
  input.problems = problems.length > 0 ? problems : NONE;
  return { input, surveyAbsent };
}

/** A leaf that does not apply to the unit: every score, option or measure on it is an error. */
function scoresOnNotApplicable(
  report: Report,
  u: UnitContext,
  leaf: CriteriaNode,
  reason: string,
  row: EvidenceRow | undefined,
  selfCell: Located | undefined,
  formAppraised: Located | undefined,
  decisions: readonly CouncilDecision[],
): void {
  const params = { code: leaf.code, unit: u.unit.code, reason };
  for (const loc of [selfCell, formAppraised, ...decisions.map((d) => d.score)]) {
    if (loc && typedNumber(loc).value !== undefined) report('score-on-not-applicable', 'error', loc.at, params);
  }
  for (const loc of [row?.option, row?.measure]) {
    if (loc && !isNotApplicableText(describeContent(loc.content))) report('score-on-not-applicable', 'error', loc.at, params);
  }
}

/** "Không áp dụng" typed on a leaf that applies. */
function notApplicableTyped(report: Report, u: UnitContext, leaf: CriteriaNode, cells: readonly (Located | undefined)[]): void {
  for (const loc of cells) if (loc && typedNumber(loc).na) report('na-on-applicable', 'error', loc.at, { code: leaf.code, unit: u.unit.code });
}

/** A survey-scored leaf: points from the survey file (a score, or answer counts); returns whether they are missing for lack of a survey file. */
function surveyLeaf(
  report: Report,
  u: UnitContext,
  leaf: CriteriaNode,
  rule: Extract<Rule, { kind: 'survey' }>,
  unitMax: Decimal,
  selfCell: Located | undefined,
  formAppraised: Located | undefined,
  decisions: readonly CouncilDecision[],
  input: LeafInput,
): boolean {
  const { set, unit, opts } = u;
  notApplicableTyped(report, u, leaf, [selfCell, formAppraised]);
  let absent = false;
  const answers = u.survey.answers.get(unit.code)?.get(leaf.code);
  if (answers) {
    const points = answerPoints(report, set, leaf, rule, answers, unitMax);
    if (points !== undefined) input.survey = points;
  } else {
    const cell = u.survey.scores.get(unit.code)?.get(leaf.code);
    const value = cell && typedNumber({ content: cell.content, at: cell.at });
    if (cell && value?.value !== undefined) {
      if (checkScore(report, set, leaf, value.value, cell.at, 'survey', unitMax)) input.survey = value.value;
    } else if (cell && value?.bad !== undefined) {
      report('score-unparsable', 'error', cell.at, { code: leaf.code, value: value.bad });
    } else if (cell && value?.na) {
      report('na-on-applicable', 'error', cell.at, { code: leaf.code, unit: unit.code });
    } else if (opts.surveyGiven) {
      report('survey-missing', 'error', cell?.at ?? u.survey.rowOf.get(unit.code) ?? { file: opts.surveyFile ?? opts.evidenceFile }, { code: leaf.code, unit: unit.code });
    } else {
      // No survey file: reported once for the round, and counted as an error of every unit it leaves without points.
      absent = true;
    }
  }
  if (selfCell && typedNumber(selfCell).value !== undefined) report('survey-self-ignored', 'warning', selfCell.at, { code: leaf.code });
  for (const d of decisions) report('appraisal-on-survey', 'warning', d.score.at, { code: leaf.code });
  if (!answers && formAppraised && typedNumber(formAppraised).value !== undefined) report('survey-appraised-ignored', 'warning', formAppraised.at, { code: leaf.code });
  return absent;
}

/** A leaf the unit scores itself and the council may appraise: self points, council scores, and the checks on both. */
function scoredLeaf(
  report: Report,
  found: readonly Diagnostic[],
  u: UnitContext,
  leaf: CriteriaNode,
  unitMax: Decimal,
  row: EvidenceRow | undefined,
  selfCell: Located | undefined,
  formAppraised: Located | undefined,
  decisions: readonly CouncilDecision[],
  input: LeafInput,
): void {
  const { set, unit } = u;
  notApplicableTyped(report, u, leaf, [selfCell, formAppraised]);
  if (u.notSubmitted) input.self = Decimal.ZERO;
  else if (row) selfPoints(report, set, leaf, row, selfCell, input);
  if (!input.applicable) {
    // Nothing arose, and the rule then does not assess the leaf: a council score here would be lost silently.
    for (const loc of [formAppraised, ...decisions.map((d) => d.score)]) {
      if (loc && typedNumber(loc).value !== undefined) report('score-on-not-applicable', 'error', loc.at, { code: leaf.code, unit: unit.code, reason: input.naReason ?? '' });
    }
    return;
  }
  const inAdjustment = leaf.part !== 'area';
  const rowFailed = found.some((d) => d.severity === 'error');
  if (input.self === undefined && !rowFailed && !u.noData && !u.blankForm) {
    // Bonus and penalty items apply only when they happened: no entry means none.
    if (inAdjustment) input.self = Decimal.ZERO;
    else report('leaf-missing', 'error', row?.at ?? u.form ?? { file: u.opts.evidenceFile }, { code: leaf.code, unit: unit.code, name: leaf.name });
  }
  if (formAppraised) {
    const appraised = typedNumber(formAppraised);
    if (appraised.bad !== undefined) report('score-unparsable', 'error', formAppraised.at, { code: leaf.code, value: appraised.bad });
    else if (appraised.value !== undefined && checkScore(report, set, leaf, appraised.value, formAppraised.at, 'appraised', unitMax)) input.appraised = appraised.value;
  }
  councilDecisions(report, u, leaf, unitMax, decisions, input);
  if (row && input.self?.gt(Decimal.ZERO) && !inAdjustment && row.evidence === '' && row.note === '') {
    report('evidence-missing', 'warning', row.evidenceAt ?? row.at, { code: leaf.code, unit: unit.code });
  }
  if (row && formAppraised && input.appraised !== undefined && input.self !== undefined && !input.appraised.eq(input.self) && row.reason === '') {
    report('appraisal-no-reason', 'warning', formAppraised.at, { code: leaf.code, self: input.self.toString(), appraised: input.appraised.toString() });
  }
}

/** The council's decisions from its workbook, first appraisal first; the last valid one is the appraised score. */
function councilDecisions(report: Report, u: UnitContext, leaf: CriteriaNode, unitMax: Decimal, decisions: readonly CouncilDecision[], input: LeafInput): void {
  const valid: LeafInput['decisions'][number][] = [];
  for (const d of decisions) {
    const t = typedNumber(d.score);
    if (t.na) report('na-on-applicable', 'error', d.score.at, { code: leaf.code, unit: u.unit.code });
    else if (t.bad !== undefined) report('score-unparsable', 'error', d.score.at, { code: leaf.code, value: t.bad });
    else if (t.value !== undefined && checkScore(report, u.set, leaf, t.value, d.score.at, 'appraised', unitMax)) {
      // A change needs a reason: against the self points first, then against the previous decision.
      const before = valid.at(-1)?.score ?? input.self;
      if (before !== undefined && !t.value.eq(before) && d.reason === '')
        report('appraisal-no-reason', 'warning', d.score.at, { code: leaf.code, self: before.toString(), appraised: t.value.toString() });
      valid.push({ score: t.value, reason: d.reason, round: d.round, at: d.score.at });
      input.appraised = t.value;
      input.reason = d.reason;
    }
  }
  if (valid.length > 0) input.decisions = valid;
}

/**
 * The council (in its own workbook) scored an item whose self-assessment is
 * unusable: that settles it. The self-assessment's errors become one
 * warning saying the council's score is used. Returns the leaf's problems.
 */
function settle(u: UnitContext, leaf: CriteriaNode, input: LeafInput, found: Diagnostic[]): Diagnostic[] {
  if (input.decisions.length === 0 || input.appraised === undefined) return found;
  if (input.self !== undefined && !found.some((d) => d.severity === 'error')) return found;
  const councilCells = new Set(input.decisions.map((d) => JSON.stringify(d.at)));
  const settled = found.filter((d) => d.severity === 'error' && !councilCells.has(JSON.stringify({ file: d.file, cell: d.cell, location: d.location })));
  if (settled.length === 0 && input.self !== undefined) return found;
  const kept = found.filter((d) => !settled.includes(d));
  input.settled = settled.map((d) => d.code);
  const at = settled[0] ?? input.decisions.at(-1)!.at;
  reporter(kept)(
    'self-invalid-settled',
    'warning',
    { file: at.file, ...(at.cell ? { cell: at.cell } : {}), ...(at.location ? { location: at.location } : {}) },
    { code: leaf.code, unit: u.unit.code, problems: settled.map((d) => d.code).join(', ') || 'leaf-missing', appraised: input.appraised.toString() },
  );
  return kept;
}

/** Whether the unit entered anything on an item it assesses itself (the template's own "Không áp dụng" and survey marks do not count). */
function anythingEntered(set: CriteriaSet, unit: Unit, returned: Map<string, EvidenceRow> | undefined): boolean {
  if (!returned) return false;
  return set.leaves.some((leaf) => {
    const r = returned.get(leaf.code);
    if (!r || leaf.rule?.kind === 'survey' || notApplicableReason(unit, leaf, set)) return false;
    return [r.self, r.option, r.measure].some((l) => l && !l.formula && l.content.kind !== 'empty' && !isNotApplicableText(describeContent(l.content)));
  });
}

/** One unit's inputs, with its own findings (unit-level first, then each leaf's), and whether it lacks survey points for lack of a survey file. */
function resolveUnit(
  set: CriteriaSet,
  unit: Unit,
  given: { status: 'submitted' | 'not-submitted' | 'exempt'; at: Where } | undefined,
  rows: RowIndex,
  survey: SurveyIndex,
  opts: ResolveOptions,
): { unitInput: UnitInput; diagnostics: Diagnostic[]; surveyAbsent: boolean } {
  const diagnostics: Diagnostic[] = [];
  const report = reporter(diagnostics);
  const notSubmitted = given?.status === 'not-submitted';
  const returned = rows.rowsByUnit.get(unit.code);
  const form: UnitInput['form'] = !returned && !rows.originOf.has(unit.code) ? 'missing' : anythingEntered(set, unit, returned) ? 'returned' : 'blank';
  const u: UnitContext = {
    set,
    unit,
    opts,
    councilMode: opts.appraisals !== undefined,
    notSubmitted,
    // A unit with no data at all is one problem, not one per criterion.
    noData: !notSubmitted && !returned && !rows.originOf.has(unit.code),
    blankForm: rows.blankUnits.has(unit.code),
    // A unit that has not submitted scores 0 on every self-assessed item: its form, if any, is not read.
    byLeaf: notSubmitted ? undefined : returned,
    form: rows.formOf.get(unit.code),
    council: opts.appraisals?.get(unit.code),
    survey,
  };
  if (notSubmitted) report('unit-not-submitted', 'warning', given!.at, { unit: unit.code, name: unit.name });
  else if (u.noData) report('unit-no-data', 'error', { file: opts.evidenceFile }, { unit: unit.code, name: unit.name });
  // An untouched form is one problem for the unit, not one per criterion.
  else if (u.blankForm) report('form-blank', 'error', u.form ?? { file: opts.evidenceFile }, { unit: unit.code });
  const leaves = new Map<string, LeafInput>();
  let surveyAbsent = false;
  for (const leaf of set.leaves) {
    const resolved = resolveLeaf(u, leaf);
    leaves.set(leaf.code, resolved.input);
    append(diagnostics, resolved.input.problems);
    surveyAbsent ||= resolved.surveyAbsent;
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length + (surveyAbsent ? 1 : 0);
  const unitInput: UnitInput = { unit, leaves, submission: notSubmitted ? 'not-submitted' : 'submitted', form, errors };
  if (u.council) unitInput.appraisal = { finished: u.council.finished, remark: u.council.remark, origin: u.council.origin };
  return { unitInput, diagnostics, surveyAbsent };
}

/**
 * The rows read from evidence and survey files, checked against the
 * criteria set and the units file, as the engine's input. Findings come in
 * file order: the rows' own (unknown units and criteria, duplicates), the
 * survey's, each unit's in the units file's order, and the round's.
 */
export function resolveEvidence(
  set: CriteriaSet,
  unitList: UnitList,
  rows: readonly EvidenceRow[],
  survey: readonly SurveyCell[],
  opts: ResolveOptions,
): { input: ScoringInput; diagnostics: Diagnostic[] } {
  const findUnit = unitFinder(unitList);
  const rowIndex = indexRows(set, findUnit, rows);
  const surveyIndex = indexSurvey(set, findUnit, survey);
  const diagnostics = [...rowIndex.diagnostics, ...surveyIndex.diagnostics];
  const units: UnitInput[] = [];
  const exempt: Unit[] = [];
  let surveyAbsent = false;
  for (const unit of unitList.units) {
    const given = opts.status?.get(unit.code);
    if (given?.status === 'exempt') {
      exempt.push(unit);
      continue;
    }
    const resolved = resolveUnit(set, unit, given, rowIndex, surveyIndex, opts);
    units.push(resolved.unitInput);
    append(diagnostics, resolved.diagnostics);
    surveyAbsent ||= resolved.surveyAbsent;
  }
  if (surveyAbsent) {
    const first = set.leaves.find((l) => l.rule?.kind === 'survey');
    diagnostics.push({ code: 'survey-file-missing', severity: 'error', file: opts.roundFile ?? opts.evidenceFile, params: { code: first?.code ?? '' } });
  }
  return { input: { set, units, exempt, finality: opts.appraisals !== undefined ? 'council-status' : 'every-item' }, diagnostics };
}
