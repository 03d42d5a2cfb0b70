/**
 * Checks the rows read from evidence and survey files against the criteria
 * set and the units file, and turns them into per-unit, per-leaf scores for
 * the engine. Pure: every problem becomes a located diagnostic, all in one
 * pass.
 */
import { Decimal } from '../core/decimal.js';
import type { CriteriaNode, CriteriaSet, Rule } from '../criteria/index.js';
import type { Diagnostic, Severity } from '../diagnostics/index.js';
import { bandPoints, optionPoints, proportionalPoints } from '../scoring/rule-eval.js';
import { notApplicableReason, type Unit, type UnitList } from '../units/index.js';
import { cellText, isNotApplicableText, parseMeasure, parseNumberText, type CellContent, type Measure } from './cells.js';
import type { EvidenceRow, Located, SurveyCell } from './read.js';
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
  /** Points from the survey, for survey-scored leaves. */
  survey?: Decimal;
  /** The score the unit typed, when it differs from what its rule computes it is reported. */
  typedSelf?: Decimal;
  option?: string;
  measure?: string;
  evidence: string;
  note: string;
  reason: string;
}

export interface UnitInput {
  unit: Unit;
  leaves: Map<string, LeafInput>;
}

export interface ScoringInput {
  set: CriteriaSet;
  units: UnitInput[];
}

const ONE = Decimal.of(1n);

type Report = (code: string, severity: Severity, at: Where, params: Record<string, string | number>) => void;

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
  const percent = Decimal.of(BigInt(a) * 100n).div(Decimal.of(BigInt(b))).round(2, 'half-up');
  return percent.toString();
}

/** Range, precision and step of a typed score. */
function checkScore(report: Report, set: CriteriaSet, leaf: CriteriaNode, value: Decimal, at: Where, stage: string): boolean {
  const params = { code: leaf.code, value: value.toString(), max: leaf.max.toString(), stage };
  if (value.isNegative()) {
    report('score-below-zero', 'error', at, params);
    return false;
  }
  if (value.gt(leaf.max)) {
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
  if (typed.value !== undefined && row.self && checkScore(report, set, leaf, typed.value, row.self.at, 'self')) input.typedSelf = typed.value;
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
  } else if ((rule.kind === 'bands' || rule.kind === 'proportional') && row.measure) {
    const measure: Measure | undefined = parseMeasure(row.measure.content);
    computedFrom = row.measure;
    input.measure = describeContent(row.measure.content);
    if (!measure) {
      report('measure-unparsable', 'error', row.measure.at, { code: leaf.code, value: describeContent(row.measure.content) });
    } else if (looksLikeFraction(rule, measure, row.measure.content)) {
      report('measure-fraction', 'warning', row.measure.at, { code: leaf.code, value: measure.text, percent: measure.value.mul(Decimal.of(100n)).toString() });
    }
    if (!measure) {
      // reported above
    } else if (rule.kind === 'bands') {
      computed = bandPoints(rule, measure)?.points;
      if (computed === undefined) report('measure-out-of-range', 'error', row.measure.at, { code: leaf.code, value: measure.text });
    } else {
      computed = proportionalPoints(leaf.max, measure, set.precision, set.rounding);
      if (computed === undefined) report('measure-unparsable', 'error', row.measure.at, { code: leaf.code, value: measure.text });
    }
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
  } else if (rule.kind === 'bands' || rule.kind === 'proportional') {
    report('measure-missing', 'warning', row.self!.at, { code: leaf.code });
  }
  input.self = typedOk;
}

export function resolveEvidence(
  set: CriteriaSet,
  unitList: UnitList,
  rows: readonly EvidenceRow[],
  survey: readonly SurveyCell[],
  opts: { surveyGiven: boolean; evidenceFile: string; surveyFile?: string },
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
    }
    else if (origin !== row.origin) {
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
    if (!node || node.rule?.kind !== 'survey') {
      if (!reportedSurvey.has(`c:${cell.criterion}`)) report('survey-not-survey-leaf', 'error', cell.at, { code: cell.criterion });
      reportedSurvey.add(`c:${cell.criterion}`);
      continue;
    }
    if (!surveyRowOf.has(surveyUnit.code)) surveyRowOf.set(surveyUnit.code, cell.unitAt);
    let m = surveyByUnit.get(surveyUnit.code);
    if (!m) surveyByUnit.set(surveyUnit.code, (m = new Map()));
    m.set(cell.criterion, cell);
  }

  // Units whose only form is untouched: already reported once as form-blank.
  const blankUnits = new Set(rows.filter((r) => r.blankForm).map((r) => findUnit(r.unit)?.code));
  for (const r of rows) if (!r.blankForm) blankUnits.delete(findUnit(r.unit)?.code);

  const units: UnitInput[] = [];
  for (const unit of unitList.units) {
    const byLeaf = rowsByUnit.get(unit.code);
    const blankForm = blankUnits.has(unit.code);
    // A unit with no data at all is one problem, not one per criterion.
    const noData = !byLeaf && !originOf.has(unit.code);
    if (noData) report('unit-no-data', 'error', { file: opts.evidenceFile }, { unit: unit.code, name: unit.name });
    const leaves = new Map<string, LeafInput>();
    for (const leaf of set.leaves) {
      const found = byLeaf?.get(leaf.code);
      // The form computes option, band and proportional points with a formula
      // in the score column: the form's arithmetic, not a score the unit typed.
      // Points always come from the option or the measure.
      const computedRule = ['options', 'bands', 'proportional'].includes(leaf.rule!.kind);
      const row: EvidenceRow | undefined = found?.self?.formula && computedRule ? withoutSelf(found) : found;
      const na = notApplicableReason(unit, leaf, set);
      const input: LeafInput = {
        code: leaf.code,
        applicable: na === undefined,
        evidence: row?.evidence ?? '',
        note: row?.note ?? '',
        reason: row?.reason ?? '',
      };
      if (na) input.naReason = na.reason;
      leaves.set(leaf.code, input);
      const rule = leaf.rule!;
      const inAdjustment = leaf.part !== 'area';


      if (row) {
        const hasFormulaProblem = [row.self, row.appraised, row.measure, row.option].map((l) => formulaOrError(report, l, leaf.code, l === row.measure)).some(Boolean);
        if (hasFormulaProblem) continue;
      }

      const self = typedNumber(row?.self);
      const appraised = typedNumber(row?.appraised);
      if (!input.applicable) {
        for (const [loc, t] of [[row?.self, self], [row?.appraised, appraised]] as const) {
          if (loc && t.value !== undefined) report('score-on-not-applicable', 'error', loc.at, { code: leaf.code, unit: unit.code, reason: na!.reason });
        }
        if (row?.option && !isNotApplicableText(describeContent(row.option.content))) report('score-on-not-applicable', 'error', row.option.at, { code: leaf.code, unit: unit.code, reason: na!.reason });
        if (row?.measure && !isNotApplicableText(describeContent(row.measure.content))) report('score-on-not-applicable', 'error', row.measure.at, { code: leaf.code, unit: unit.code, reason: na!.reason });
        continue;
      }
      const before = diagnostics.length;
      for (const [loc, t] of [[row?.self, self], [row?.appraised, appraised]] as const) {
        if (loc && t.na) report('na-on-applicable', 'error', loc.at, { code: leaf.code, unit: unit.code });
      }

      if (rule.kind === 'survey') {
        const cell = surveyByUnit.get(unit.code)?.get(leaf.code);
        const value = cell && typedNumber({ content: cell.content, at: cell.at });
        if (cell && value?.value !== undefined) {
          if (checkScore(report, set, leaf, value.value, cell.at, 'survey')) input.survey = value.value;
        } else if (cell && value?.bad !== undefined) {
          report('score-unparsable', 'error', cell.at, { code: leaf.code, value: value.bad });
        } else if (cell && value?.na) {
          report('na-on-applicable', 'error', cell.at, { code: leaf.code, unit: unit.code });
        } else if (opts.surveyGiven) {
          report('survey-missing', 'error', cell?.at ?? surveyRowOf.get(unit.code) ?? { file: opts.surveyFile ?? opts.evidenceFile }, { code: leaf.code, unit: unit.code });
        } else if (!reportedSurvey.has('no-survey')) {
          reportedSurvey.add('no-survey');
          report('survey-file-missing', 'error', { file: opts.evidenceFile }, { code: leaf.code });
        }
        if (row?.self && self.value !== undefined) report('survey-self-ignored', 'warning', row.self.at, { code: leaf.code });
        if (row?.appraised && appraised.value !== undefined) report('survey-appraised-ignored', 'warning', row.appraised.at, { code: leaf.code });
        continue;
      }

      if (row) selfPoints(report, set, leaf, row, input);
      const rowFailed = diagnostics.slice(before).some((d) => d.severity === 'error');
      if (input.self === undefined && !rowFailed && !noData && !blankForm) {
        // Bonus and penalty items apply only when they happened: no entry means none.
        if (inAdjustment) input.self = Decimal.ZERO;
        else report('leaf-missing', 'error', row?.at ?? formOf.get(unit.code) ?? { file: opts.evidenceFile }, { code: leaf.code, unit: unit.code, name: leaf.name });
      }

      if (row?.appraised) {
        if (appraised.bad !== undefined) report('score-unparsable', 'error', row.appraised.at, { code: leaf.code, value: appraised.bad });
        else if (appraised.value !== undefined && checkScore(report, set, leaf, appraised.value, row.appraised.at, 'appraised')) input.appraised = appraised.value;
      }

      if (row && input.self !== undefined && input.self.gt(Decimal.ZERO) && !inAdjustment && row.evidence === '' && row.note === '') {
        report('evidence-missing', 'warning', row.evidenceAt ?? row.at, { code: leaf.code, unit: unit.code });
      }
      if (row?.appraised && input.appraised !== undefined && input.self !== undefined && !input.appraised.eq(input.self) && row.reason === '') {
        report('appraisal-no-reason', 'warning', row.appraised.at, { code: leaf.code, self: input.self.toString(), appraised: input.appraised.toString() });
      }
    }
    units.push({ unit, leaves });
  }
  return { input: { set, units }, diagnostics };
}
