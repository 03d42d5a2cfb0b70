/**
 * Checks the rows read from evidence and survey files against the criteria
 * set and the units file, and turns them into per-unit, per-leaf scores for
 * the engine. Pure: every problem becomes a located diagnostic, all in one
 * pass.
 */
import { Decimal } from '../core/decimal.js';
import { foldForMatch } from '../core/text.js';
import { maxForTags, type CriteriaNode, type CriteriaSet, type Rule } from '../criteria/index.js';
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
import type { UnitAppraisal } from './appraisal.js';

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
  decisions: { score: Decimal; reason: string; round: 1 | 2; at: Where }[];
  /** Codes of self-assessment errors a council score settled. */
  settled: string[];
  /** Every problem found with this item (shown in the council's workbook). */
  problems: Diagnostic[];
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
    report('measure-fraction', 'warning', loc.at, { code: leaf.code, value: measure.text, read: measure.value.toString(), percent: measure.value.mul(Decimal.of(100n)).toString() });
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

function withoutSelf(row: EvidenceRow): EvidenceRow {
  const { self: _formula, ...rest } = row;
  return rest;
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

/** The self-stage points of an applicable leaf from what the unit entered. */
function selfPoints(report: Report, set: CriteriaSet, leaf: CriteriaNode, row: EvidenceRow, input: LeafInput): void {
  const rule = leaf.rule!;
  const typed = typedNumber(row.self);
  if (typed.bad !== undefined && row.self) report('score-unparsable', 'error', row.self.at, { code: leaf.code, value: typed.bad });
  if (typed.value !== undefined && row.self && checkScore(report, set, leaf, typed.value, row.self.at, 'self', input.max)) input.typedSelf = typed.value;
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
    if (typedOk !== undefined && !typedOk.eq(computed) && row.self) {
      report('score-mismatch', 'warning', row.self.at, { code: leaf.code, typed: typedOk.toString(), computed: computed.toString(), from: describeContent(computedFrom!.content) });
    }
    return;
  }
  if (computedFrom) return; // already reported as unusable
  if (typedOk === undefined) return;
  if (rule.kind === 'options') {
    if (!rule.options.some((o) => o.points.eq(typedOk))) {
      report('score-not-an-option', 'error', row.self!.at, { code: leaf.code, value: typedOk.toString(), options: rule.options.map((o) => `${o.label}: ${o.points.toString()}`).join('; ') });
      return;
    }
  } else if (ruleTakesMeasure(rule)) {
    report('measure-missing', 'warning', row.self!.at, { code: leaf.code });
  }
  input.self = typedOk;
}

export function resolveEvidence(
  set: CriteriaSet,
  unitList: UnitList,
  rows: readonly EvidenceRow[],
  survey: readonly SurveyCell[],
  opts: ResolveOptions,
): { input: ScoringInput; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (code, severity, at, params) => diagnostics.push({ code, severity, ...at, params });
  // Unit codes match the same way in every file: case-insensitively, in NFC (as --unit does).
  const foldCode = (code: string): string => code.normalize('NFC').toLocaleUpperCase('vi');
  const byFoldedCode = new Map(unitList.units.map((u) => [foldCode(u.code), u]));
  const findUnit = (code: string): Unit | undefined => unitList.byCode.get(code) ?? byFoldedCode.get(foldCode(code));

  // Which file or sheet each unit's data came from: one source per unit.
  const originOf = new Map<string, string>();
  const formOf = new Map<string, Where>();
  const rowsByUnit = new Map<string, Map<string, EvidenceRow>>();
  const reportedUnknownUnits = new Set<string>();
  for (const row of rows) {
    const unit = findUnit(row.unit);
    if (!unit) {
      const key = `${row.origin}|${row.unit}`;
      if (!reportedUnknownUnits.has(key)) report('unit-unknown', 'error', row.at, { unit: row.unit });
      reportedUnknownUnits.add(key);
      continue;
    }
    const origin = originOf.get(unit.code);
    if (origin === undefined) {
      originOf.set(unit.code, row.origin);
      // A deleted row is shown on the unit's form and sheet (a long table's rows are not the unit's own).
      if (row.at.cell && !row.origin.includes('#')) formOf.set(unit.code, { file: row.at.file, cell: { sheet: row.at.cell.sheet } });
      else formOf.set(unit.code, { file: row.at.file });
    } else if (origin !== row.origin) {
      const key = `${row.origin}|dup|${unit.code}`;
      if (!reportedUnknownUnits.has(key)) report('unit-duplicate', 'error', row.at, { unit: unit.code, first: origin });
      reportedUnknownUnits.add(key);
      continue;
    }
    const node = set.nodes.get(row.criterion);
    if (!node) {
      // A bonus or penalty part's own row holds a sum, like an area's.
      if (set.adjustments.some((p) => p.code === row.criterion)) continue;
      report('criterion-unknown', 'error', row.at, { code: row.criterion });
      continue;
    }
    if (node.children.length > 0) continue; // area and criterion rows hold sums, not inputs
    let byLeaf = rowsByUnit.get(unit.code);
    if (!byLeaf) rowsByUnit.set(unit.code, (byLeaf = new Map()));
    if (byLeaf.has(node.code)) {
      report('leaf-duplicate', 'error', row.at, { code: node.code, unit: unit.code });
      continue;
    }
    byLeaf.set(node.code, row);
  }

  const surveyByUnit = new Map<string, Map<string, SurveyCell>>();
  const answersByUnit = new Map<string, Map<string, SurveyCell[]>>();
  /** Each unit's row in the survey file, where a problem with its survey scores is shown. */
  const surveyRowOf = new Map<string, Where>();
  const reportedSurvey = new Set<string>();
  for (const cell of survey) {
    const surveyUnit = findUnit(cell.unit);
    if (!surveyUnit) {
      if (!reportedSurvey.has(cell.unit)) report('unit-unknown', 'error', cell.unitAt, { unit: cell.unit });
      reportedSurvey.add(cell.unit);
      continue;
    }
    const node = set.nodes.get(cell.criterion);
    if (node?.rule?.kind !== 'survey') {
      if (!reportedSurvey.has(`c:${cell.criterion}`)) report('survey-not-survey-leaf', 'error', cell.at, { code: cell.criterion });
      reportedSurvey.add(`c:${cell.criterion}`);
      continue;
    }
    if (!surveyRowOf.has(surveyUnit.code)) surveyRowOf.set(surveyUnit.code, cell.unitAt);
    if (cell.answer !== undefined) {
      // Answer counts: only the columns the criterion's scale names are answers.
      const scale = node.rule.scale;
      if (!scale) {
        if (!reportedSurvey.has(`s:${cell.criterion}`)) report('survey-no-scale', 'error', cell.at, { code: cell.criterion });
        reportedSurvey.add(`s:${cell.criterion}`);
        continue;
      }
      if (!scale.some((a) => foldForMatch(a.answer) === foldForMatch(cell.answer!))) continue;
      let byLeaf = answersByUnit.get(surveyUnit.code);
      if (!byLeaf) answersByUnit.set(surveyUnit.code, (byLeaf = new Map()));
      const list = byLeaf.get(cell.criterion) ?? [];
      list.push(cell);
      byLeaf.set(cell.criterion, list);
      continue;
    }
    let m = surveyByUnit.get(surveyUnit.code);
    if (!m) surveyByUnit.set(surveyUnit.code, (m = new Map()));
    m.set(cell.criterion, cell);
  }

  // Units whose only form is untouched: already reported once as form-blank.
  const blankUnits = new Set(rows.filter((r) => r.blankForm).map((r) => findUnit(r.unit)?.code));
  for (const r of rows) if (!r.blankForm) blankUnits.delete(findUnit(r.unit)?.code);

  const units: UnitInput[] = [];
  const exempt: Unit[] = [];
  const surveyAbsentFor = new Set<string>();
  const councilMode = opts.appraisals !== undefined;
  for (const unit of unitList.units) {
    const given = opts.status?.get(unit.code);
    if (given?.status === 'exempt') {
      exempt.push(unit);
      continue;
    }
    const unitStart = diagnostics.length;
    const notSubmitted = given?.status === 'not-submitted';
    const returned = rowsByUnit.get(unit.code);
    // Blank: the form came back with nothing entered on any item the unit assesses itself
    // (the template's own "Không áp dụng" and survey marks do not count).
    const entered = set.leaves.some((leaf) => {
      const r = returned?.get(leaf.code);
      if (!r || leaf.rule?.kind === 'survey' || notApplicableReason(unit, leaf, set)) return false;
      return [r.self, r.option, r.measure].some((l) => l && !l.formula && l.content.kind !== 'empty' && !isNotApplicableText(describeContent(l.content)));
    });
    const form: UnitInput['form'] = !returned && !originOf.has(unit.code) ? 'missing' : entered ? 'returned' : 'blank';
    // A unit that has not submitted scores 0 on every self-assessed item: its form, if any, is not read.
    const byLeaf = notSubmitted ? undefined : returned;
    const blankForm = blankUnits.has(unit.code);
    // A unit with no data at all is one problem, not one per criterion.
    const noData = !notSubmitted && !byLeaf && !originOf.has(unit.code);
    if (notSubmitted) report('unit-not-submitted', 'warning', given!.at, { unit: unit.code, name: unit.name });
    else if (noData) report('unit-no-data', 'error', { file: opts.evidenceFile }, { unit: unit.code, name: unit.name });
    // An untouched form is one problem for the unit, not one per criterion.
    else if (blankForm) report('form-blank', 'error', formOf.get(unit.code) ?? { file: opts.evidenceFile }, { unit: unit.code });
    const council = opts.appraisals?.get(unit.code);
    const leaves = new Map<string, LeafInput>();
    function resolveLeaf(leaf: CriteriaNode): LeafInput {
      const found = byLeaf?.get(leaf.code);
      // The form computes option, band and proportional points with a formula
      // in the score column: the form's arithmetic, not a score the unit typed.
      // Points always come from the option or the measure.
      const computedRule = ['options', 'bands', 'proportional', 'per-item', 'checklist'].includes(leaf.rule!.kind);
      const row: EvidenceRow | undefined = found?.self?.formula && computedRule ? withoutSelf(found) : found;
      const na = notApplicableReason(unit, leaf, set);
      const input: LeafInput = {
        code: leaf.code,
        applicable: na === undefined,
        evidence: row?.evidence ?? '',
        note: row?.note ?? '',
        reason: councilMode ? '' : (row?.reason ?? ''),
        decisions: [],
        settled: [],
        problems: [],
      };
      if (na) input.naReason = na.reason;
      const unitMax = maxForTags(leaf, unit.tags);
      if (!unitMax.eq(leaf.max)) input.max = unitMax;
      // Rounds with appraisal workbooks read the council only from them, never from the forms.
      const formAppraised = councilMode ? undefined : row?.appraised;
      const decisions = council?.decisions.get(leaf.code) ?? [];
      const rule = leaf.rule!;
      const inAdjustment = leaf.part !== 'area';

      if (row) {
        const hasFormulaProblem = [row.self, formAppraised, row.measure, row.option].map((l) => formulaOrError(report, l, leaf.code, l === row.measure)).some(Boolean);
        if (hasFormulaProblem) return input;
      }

      const self = typedNumber(row?.self);
      const appraised = typedNumber(formAppraised);
      if (!input.applicable) {
        for (const [loc, t] of [[row?.self, self], [formAppraised, appraised], ...decisions.map((d) => [d.score, typedNumber(d.score)] as const)] as const) {
          if (loc && t.value !== undefined) report('score-on-not-applicable', 'error', loc.at, { code: leaf.code, unit: unit.code, reason: na!.reason });
        }
        if (row?.option && !isNotApplicableText(describeContent(row.option.content)))
          report('score-on-not-applicable', 'error', row.option.at, { code: leaf.code, unit: unit.code, reason: na!.reason });
        if (row?.measure && !isNotApplicableText(describeContent(row.measure.content)))
          report('score-on-not-applicable', 'error', row.measure.at, { code: leaf.code, unit: unit.code, reason: na!.reason });
        return input;
      }
      const before = diagnostics.length;
      for (const [loc, t] of [
        [row?.self, self],
        [formAppraised, appraised],
      ] as const) {
        if (loc && t.na) report('na-on-applicable', 'error', loc.at, { code: leaf.code, unit: unit.code });
      }

      if (rule.kind === 'survey' && answersByUnit.get(unit.code)?.has(leaf.code)) {
        const points = answerPoints(report, set, leaf, rule, answersByUnit.get(unit.code)!.get(leaf.code)!, unitMax);
        if (points !== undefined) input.survey = points;
        if (row?.self && self.value !== undefined) report('survey-self-ignored', 'warning', row.self.at, { code: leaf.code });
        for (const d of decisions) report('appraisal-on-survey', 'warning', d.score.at, { code: leaf.code });
        return input;
      }
      if (rule.kind === 'survey') {
        const cell = surveyByUnit.get(unit.code)?.get(leaf.code);
        const value = cell && typedNumber({ content: cell.content, at: cell.at });
        if (cell && value?.value !== undefined) {
          if (checkScore(report, set, leaf, value.value, cell.at, 'survey', unitMax)) input.survey = value.value;
        } else if (cell && value?.bad !== undefined) {
          report('score-unparsable', 'error', cell.at, { code: leaf.code, value: value.bad });
        } else if (cell && value?.na) {
          report('na-on-applicable', 'error', cell.at, { code: leaf.code, unit: unit.code });
        } else if (opts.surveyGiven) {
          report('survey-missing', 'error', cell?.at ?? surveyRowOf.get(unit.code) ?? { file: opts.surveyFile ?? opts.evidenceFile }, { code: leaf.code, unit: unit.code });
        } else {
          // No survey file: reported once for the round (below), and counted as an error of every unit it leaves without points.
          surveyAbsentFor.add(unit.code);
        }
        if (row?.self && self.value !== undefined) report('survey-self-ignored', 'warning', row.self.at, { code: leaf.code });
        for (const d of decisions) report('appraisal-on-survey', 'warning', d.score.at, { code: leaf.code });
        if (formAppraised && appraised.value !== undefined) report('survey-appraised-ignored', 'warning', formAppraised.at, { code: leaf.code });
        return input;
      }

      if (notSubmitted) input.self = Decimal.ZERO;
      else if (row) selfPoints(report, set, leaf, row, input);
      if (!input.applicable) {
        // Nothing arose, and the rule then does not assess the leaf: a council score here would be lost silently.
        for (const [loc, t] of [[formAppraised, appraised], ...decisions.map((d) => [d.score, typedNumber(d.score)] as const)] as const) {
          if (loc && t.value !== undefined) report('score-on-not-applicable', 'error', loc.at, { code: leaf.code, unit: unit.code, reason: input.naReason ?? '' });
        }
        return input;
      }
      const rowFailed = diagnostics.slice(before).some((d) => d.severity === 'error');
      if (input.self === undefined && !rowFailed && !noData && !blankForm) {
        // Bonus and penalty items apply only when they happened: no entry means none.
        if (inAdjustment) input.self = Decimal.ZERO;
        else report('leaf-missing', 'error', row?.at ?? formOf.get(unit.code) ?? { file: opts.evidenceFile }, { code: leaf.code, unit: unit.code, name: leaf.name });
      }

      if (formAppraised) {
        if (appraised.bad !== undefined) report('score-unparsable', 'error', formAppraised.at, { code: leaf.code, value: appraised.bad });
        else if (appraised.value !== undefined && checkScore(report, set, leaf, appraised.value, formAppraised.at, 'appraised', unitMax)) input.appraised = appraised.value;
      }
      for (const d of decisions) {
        const t = typedNumber(d.score);
        if (t.na) report('na-on-applicable', 'error', d.score.at, { code: leaf.code, unit: unit.code });
        else if (t.bad !== undefined) report('score-unparsable', 'error', d.score.at, { code: leaf.code, value: t.bad });
        else if (t.value !== undefined && checkScore(report, set, leaf, t.value, d.score.at, 'appraised', unitMax)) {
          // A change needs a reason: against the self points first, then against the previous decision.
          const before = input.decisions.at(-1)?.score ?? input.self;
          if (before !== undefined && !t.value.eq(before) && d.reason === '')
            report('appraisal-no-reason', 'warning', d.score.at, { code: leaf.code, self: before.toString(), appraised: t.value.toString() });
          input.decisions.push({ score: t.value, reason: d.reason, round: d.round, at: d.score.at });
          input.appraised = t.value;
          input.reason = d.reason;
        }
      }

      if (row && input.self?.gt(Decimal.ZERO) && !inAdjustment && row.evidence === '' && row.note === '') {
        report('evidence-missing', 'warning', row.evidenceAt ?? row.at, { code: leaf.code, unit: unit.code });
      }
      if (row && formAppraised && input.appraised !== undefined && input.self !== undefined && !input.appraised.eq(input.self) && row.reason === '') {
        report('appraisal-no-reason', 'warning', formAppraised.at, { code: leaf.code, self: input.self.toString(), appraised: input.appraised.toString() });
      }
      return input;
    }
    for (const leaf of set.leaves) {
      const leafStart = diagnostics.length;
      const input = resolveLeaf(leaf);
      const problems = diagnostics.slice(leafStart);
      if (input.decisions.length > 0 && input.appraised !== undefined && (input.self === undefined || problems.some((d) => d.severity === 'error'))) {
        // The council (in its own workbook) scored an item whose self-assessment is unusable: that settles it.
        const councilCells = new Set(input.decisions.map((d) => JSON.stringify(d.at)));
        const settled = problems.filter((d) => d.severity === 'error' && !councilCells.has(JSON.stringify({ file: d.file, cell: d.cell, location: d.location })));
        if (settled.length > 0 || input.self === undefined) {
          diagnostics.splice(leafStart, problems.length, ...problems.filter((d) => !settled.includes(d)));
          input.settled = settled.map((d) => d.code);
          const at = settled[0] ?? input.decisions.at(-1)!.at;
          report(
            'self-invalid-settled',
            'warning',
            { file: at.file, ...(at.cell ? { cell: at.cell } : {}), ...(at.location ? { location: at.location } : {}) },
            { code: leaf.code, unit: unit.code, problems: settled.map((d) => d.code).join(', ') || 'leaf-missing', appraised: input.appraised.toString() },
          );
        }
      }
      input.problems = diagnostics.slice(leafStart);
      leaves.set(leaf.code, input);
    }
    const errors = diagnostics.slice(unitStart).filter((d) => d.severity === 'error').length + (surveyAbsentFor.has(unit.code) ? 1 : 0);
    const unitInput: UnitInput = { unit, leaves, submission: notSubmitted ? 'not-submitted' : 'submitted', form, errors };
    if (council) unitInput.appraisal = { finished: council.finished, remark: council.remark, origin: council.origin };
    units.push(unitInput);
  }
  if (surveyAbsentFor.size > 0) {
    const first = set.leaves.find((l) => l.rule?.kind === 'survey');
    report('survey-file-missing', 'error', { file: opts.roundFile ?? opts.evidenceFile }, { code: first?.code ?? '' });
  }
  return { input: { set, units, exempt, finality: councilMode ? 'council-status' : 'every-item' }, diagnostics };
}
