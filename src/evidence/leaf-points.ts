/**
 * What a unit typed for one leaf, checked and turned into points: typed
 * scores (range, precision, step), options and measures by the leaf's rule,
 * survey answer counts. Each check reports through the `Report` it is
 * given; nothing here knows about units or rounds.
 */
import { Decimal } from '../core/decimal.js';
import { foldForMatch } from '../core/text.js';
import type { CriteriaNode, CriteriaSet, Rule } from '../criteria/index.js';
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
import { cellText, isNothingArisen, isNotApplicableText, parseDateMeasure, parseMeasure, parseNumberText, type CellContent, type Measure } from './cells.js';
import type { LeafInput } from './input.js';
import type { Located } from './rows.js';
import type { SurveyCell } from './survey.js';
import type { Where } from './table.js';

const ONE = Decimal.of(1n);

export type Report = (code: DiagnosticCode, severity: Severity, at: Where, params: Record<string, string | number>) => void;

/** What an absent or empty cell holds: no number, no "Không áp dụng", nothing unparsable. */
const NO_NUMBER: Readonly<{ value?: Decimal; na: boolean; bad?: string }> = Object.freeze({ na: false });

export function typedNumber(loc: Located | undefined): Readonly<{ value?: Decimal; na: boolean; bad?: string }> {
  if (!loc) return NO_NUMBER;
  const c = loc.content;
  if (c.kind === 'empty') return NO_NUMBER;
  if (c.kind === 'number') return { value: c.value, na: false };
  if (c.kind === 'text') {
    if (isNotApplicableText(c.text)) return { na: true };
    const v = parseNumberText(c.text);
    return v ? { value: v, na: false } : { na: false, bad: c.text };
  }
  return { na: false, bad: cellText(c) };
}

export function describeContent(c: CellContent): string {
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
export function checkScore(report: Report, set: CriteriaSet, leaf: CriteriaNode, value: Decimal, at: Where, stage: string, max: Decimal = leaf.max): boolean {
  // The parameters are written out only for a problem: most scores pass.
  const params = (): Record<string, string> => ({ code: leaf.code, value: value.toString(), max: max.toString(), stage });
  if (value.isNegative()) {
    report('score-below-zero', 'error', at, params());
    return false;
  }
  if (value.gt(max)) {
    report('score-above-max', 'error', at, params());
    return false;
  }
  if (value.decimals > set.precision) {
    report('score-precision', 'error', at, { ...params(), precision: set.precision });
    return false;
  }
  if (leaf.rule?.kind === 'manual' && leaf.rule.step && !value.isMultipleOf(leaf.rule.step)) {
    report('score-off-step', 'error', at, { ...params(), step: leaf.rule.step.toString() });
    return false;
  }
  return true;
}

export function formulaOrError(report: Report, loc: Located | undefined, code: string, isMeasure = false): boolean {
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
export function answerPoints(report: Report, set: CriteriaSet, leaf: CriteriaNode, rule: Extract<Rule, { kind: 'survey' }>, cells: readonly SurveyCell[], max: Decimal): Decimal | undefined {
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

/** The self-stage points of an applicable leaf from what the unit entered (`selfCell`: its typed score, if one counts; `row`: its option and measure cells). */
export function selfPoints(
  report: Report,
  set: CriteriaSet,
  leaf: CriteriaNode,
  row: { readonly option: Located | undefined; readonly measure: Located | undefined },
  selfCell: Located | undefined,
  input: LeafInput,
): void {
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

/** A report function that adds to `found`. */
export function reporter(found: Diagnostic[]): Report {
  return (code, severity, at, params) => found.push({ code, severity, ...at, params });
}
