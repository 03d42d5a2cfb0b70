/**
 * Checks the rows read from evidence and survey files against the criteria
 * set and the units file, and turns them into per-unit, per-leaf scores for
 * the engine. Pure: every problem becomes a located diagnostic, all in one
 * pass.
 */
import { Decimal } from '../core/decimal.js';
import { foldForMatch } from '../core/text.js';
import { isLeaf, maxForTags, type CriteriaNode, type CriteriaSet, type Rule } from '../criteria/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { notApplicableReason, type Unit, type UnitList } from '../units/index.js';
import { isNotApplicableText } from './cells.js';
import type { LeafInput, ScoringInput, UnitInput } from './input.js';
import { answerPoints, checkScore, describeContent, formulaOrError, reporter, selfPoints, typedNumber, type Report } from './leaf-points.js';
import type { EvidenceRow, Located } from './rows.js';
import type { SurveyCell } from './survey.js';
import type { Where } from './table.js';
import type { CouncilDecision, UnitAppraisal } from './appraisal.js';
import { append } from '../core/append.js';

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

/** Nothing to report: shared by every leaf without problems, decisions or settled errors. */
const NONE: readonly never[] = Object.freeze([]);

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
  /** The place of each of the set's leaves (by their order) in a unit's rows. */
  leafSlot: readonly number[];
  /** Each unit's rows by leaf, at their codes' places: an array per unit, not a map (a national round has thousands of units). */
  rowsByUnit: Map<string, (EvidenceRow | undefined)[]>;
  /** Units whose only form is untouched: reported once as form-blank. */
  blankUnits: Set<string>;
  diagnostics: Diagnostic[];
}

/** A place for each distinct leaf code, in the set's order. */
function leafSlots(set: CriteriaSet): Map<string, number> {
  const slots = new Map<string, number>();
  for (const leaf of set.leaves) if (!slots.has(leaf.code)) slots.set(leaf.code, slots.size);
  return slots;
}

function indexRows(set: CriteriaSet, findUnit: (code: string) => Unit | undefined, rows: readonly EvidenceRow[]): RowIndex {
  const diagnostics: Diagnostic[] = [];
  const report = reporter(diagnostics);
  const originOf = new Map<string, string>();
  const formOf = new Map<string, Where>();
  const slots = leafSlots(set);
  const rowsByUnit = new Map<string, (EvidenceRow | undefined)[]>();
  const reported = new Set<string>();
  const blankUnits = new Set<string>();
  const filledUnits = new Set<string>();
  /** The row's unit, or undefined when its rows are left out (an unknown unit, a second source), reported once. */
  const admit = (row: EvidenceRow): Unit | undefined => {
    const unit = findUnit(row.unit);
    if (!unit) {
      const key = `${row.origin}|${row.unit}`;
      if (!reported.has(key)) report('unit-unknown', 'error', row.at, { unit: row.unit });
      reported.add(key);
      return undefined;
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
      return undefined;
    }
    return unit;
  };
  // Rows come a unit at a time: a row of the same unit text, origin and blankness as the one before is admitted
  // (or left out) as that one was, with nothing new to report.
  let last: { text: string; origin: string; blank: boolean; unit: Unit | undefined } | undefined;
  for (const row of rows) {
    const blank = row.blankForm === true;
    if (last?.text !== row.unit || last.origin !== row.origin || last.blank !== blank) last = { text: row.unit, origin: row.origin, blank, unit: admit(row) };
    const unit = last.unit;
    if (!unit) continue;
    const node = set.nodes.get(row.criterion);
    if (!node) {
      // A bonus or penalty part's own row holds a sum, like an area's.
      if (set.adjustments.some((p) => p.code === row.criterion)) continue;
      report('criterion-unknown', 'error', row.at, { code: row.criterion });
      continue;
    }
    if (!isLeaf(node)) continue; // area and criterion rows hold sums, not inputs
    let byLeaf = rowsByUnit.get(unit.code);
    if (!byLeaf) rowsByUnit.set(unit.code, (byLeaf = new Array<EvidenceRow | undefined>(slots.size).fill(undefined)));
    const slot = slots.get(node.code)!;
    if (byLeaf[slot] !== undefined) {
      report('leaf-duplicate', 'error', row.at, { code: node.code, unit: unit.code });
      continue;
    }
    byLeaf[slot] = row;
  }
  for (const code of filledUnits) blankUnits.delete(code);
  return { originOf, formOf, leafSlot: set.leaves.map((leaf) => slots.get(leaf.code)!), rowsByUnit, blankUnits, diagnostics };
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
  byLeaf: readonly (EvidenceRow | undefined)[] | undefined;
  form: Where | undefined;
  council: UnitAppraisal | undefined;
  survey: SurveyIndex;
  /** Whether any leaf may not apply to the unit (it has entries or tags that exclude some); else none is looked up. */
  naPossible: boolean;
  /** The problems of the leaf being resolved, and their reporter: one pair per unit, emptied for each leaf. */
  found: Diagnostic[];
  report: Report;
  /** The measure and option cells of the leaf being resolved: read from its row once (a row makes its cells when asked). */
  measure: Located | undefined;
  option: Located | undefined;
  /** Some leaf lacks survey points because no survey file was given. */
  surveyAbsent: boolean;
}

/** Rules whose points the form computes with a formula in the score column: the form's arithmetic, not a score the unit typed. */
const COMPUTED_RULES: ReadonlySet<string> = new Set(['options', 'bands', 'proportional', 'per-item', 'checklist']);

/**
 * A leaf's input as resolveLeaf starts it, every property there from the
 * start (those set later undefined), so that they stay inside the object.
 * Made by one object literal rather than a constructor: V8 sees that the
 * objects of a literal live on and soon makes them where long-lived objects
 * go, instead of copying each of a round's hundreds of thousands of leaves
 * out of the young generation, as it must for a class's instances.
 */
function newInput(code: string, applicable: boolean, evidence: string, note: string, reason: string): LeafInput {
  return {
    code,
    applicable,
    naReason: undefined,
    self: undefined,
    appraised: undefined,
    max: undefined,
    survey: undefined,
    typedSelf: undefined,
    option: undefined,
    measure: undefined,
    evidence,
    note,
    reason,
    decisions: NONE,
    settled: NONE,
    problems: NONE,
  };
}

/** A leaf resolved (`slot`: its place in the unit's rows), with the problems found in it; sets `u.surveyAbsent` when it lacks survey points because no survey file was given. */
function resolveLeaf(u: UnitContext, leaf: CriteriaNode, slot: number): LeafInput {
  const { set, unit, found, report } = u;
  if (found.length !== 0) found.length = 0;
  const row = u.byLeaf?.[slot];
  const rule = leaf.rule!;
  // Points always come from the option or the measure when the form computes them.
  const rowSelf = row?.self;
  const selfCell = rowSelf?.formula && COMPUTED_RULES.has(rule.kind) ? undefined : rowSelf;
  const na = u.naPossible ? notApplicableReason(unit, leaf, set) : undefined;
  const input = newInput(leaf.code, na === undefined, row?.evidence ?? '', row?.note ?? '', u.councilMode ? '' : (row?.reason ?? ''));
  if (na) input.naReason = na.reason;
  const unitMax = maxForTags(leaf, unit.tags);
  if (unitMax !== leaf.max && !unitMax.eq(leaf.max)) input.max = unitMax;
  const formAppraised = u.councilMode ? undefined : row?.appraised;
  const decisions = u.council?.decisions.get(leaf.code) ?? NONE;

  u.measure = row?.measure;
  u.option = row?.option;
  let cellsUnusable = false;
  if (row !== undefined) {
    // Each unusable cell is reported, in this order.
    const self = formulaOrError(report, selfCell, leaf.code);
    const appraised = formulaOrError(report, formAppraised, leaf.code);
    const measure = formulaOrError(report, u.measure, leaf.code, true);
    const option = formulaOrError(report, u.option, leaf.code);
    cellsUnusable = self || appraised || measure || option;
  }
  if (cellsUnusable) {
    // nothing more can be said about this leaf
  } else if (!input.applicable) {
    scoresOnNotApplicable(report, u, leaf, na!.reason, selfCell, formAppraised, decisions);
  } else if (rule.kind === 'survey') {
    if (surveyLeaf(report, u, leaf, rule, unitMax, selfCell, formAppraised, decisions, input)) u.surveyAbsent = true;
  } else {
    scoredLeaf(report, found, u, leaf, unitMax, row, selfCell, formAppraised, decisions, input);
  }
  const problems = settle(u, leaf, input, found);
  // `found` is the unit's scratch list: what it holds is copied out.
  input.problems = problems.length === 0 ? NONE : problems === found ? found.slice() : problems;
  return input;
}

/** A leaf that does not apply to the unit: every score, option or measure on it is an error. */
function scoresOnNotApplicable(
  report: Report,
  u: UnitContext,
  leaf: CriteriaNode,
  reason: string,
  selfCell: Located | undefined,
  formAppraised: Located | undefined,
  decisions: readonly CouncilDecision[],
): void {
  const params = { code: leaf.code, unit: u.unit.code, reason };
  for (const loc of [selfCell, formAppraised, ...decisions.map((d) => d.score)]) {
    if (loc && typedNumber(loc).value !== undefined) report('score-on-not-applicable', 'error', loc.at, params);
  }
  for (const loc of [u.option, u.measure]) {
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
  else if (row) selfPoints(report, set, leaf, u, selfCell, input);
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
function anythingEntered(set: CriteriaSet, unit: Unit, leafSlot: readonly number[], returned: readonly (EvidenceRow | undefined)[] | undefined, naPossible: boolean): boolean {
  if (!returned) return false;
  for (let i = 0; i < set.leaves.length; i++) {
    const leaf = set.leaves[i]!;
    const r = returned[leafSlot[i]!];
    if (!r || leaf.rule?.kind === 'survey' || (naPossible && notApplicableReason(unit, leaf, set))) continue;
    if (entered(r.self) || entered(r.option) || entered(r.measure)) return true;
  }
  return false;
}

/** A cell the unit typed something in other than "Không áp dụng". */
function entered(l: Located | undefined): boolean {
  return l !== undefined && !l.formula && l.content.kind !== 'empty' && !isNotApplicableText(describeContent(l.content));
}

/** Tags some node is skipped for: a unit with none of them and no entries of its own is assessed on every leaf. */
function skipTagsOf(set: CriteriaSet): ReadonlySet<string> {
  const tags = new Set<string>();
  for (const node of set.nodes.values()) for (const t of node.skipFor) tags.add(t);
  return tags;
}

/** One unit's inputs, with its own findings (unit-level first, then each leaf's), and whether it lacks survey points for lack of a survey file. */
function resolveUnit(
  set: CriteriaSet,
  unit: Unit,
  given: { status: 'submitted' | 'not-submitted' | 'exempt'; at: Where } | undefined,
  rows: RowIndex,
  survey: SurveyIndex,
  opts: ResolveOptions,
  skipTags: ReadonlySet<string>,
): { unitInput: UnitInput; diagnostics: Diagnostic[]; surveyAbsent: boolean } {
  const diagnostics: Diagnostic[] = [];
  const report = reporter(diagnostics);
  const notSubmitted = given?.status === 'not-submitted';
  const returned = rows.rowsByUnit.get(unit.code);
  const naPossible = unit.notApplicable.length > 0 || unit.tags.some((t) => skipTags.has(t));
  const form: UnitInput['form'] = !returned && !rows.originOf.has(unit.code) ? 'missing' : anythingEntered(set, unit, rows.leafSlot, returned, naPossible) ? 'returned' : 'blank';
  const found: Diagnostic[] = [];
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
    naPossible,
    found,
    report: reporter(found),
    measure: undefined,
    option: undefined,
    surveyAbsent: false,
  };
  if (notSubmitted) report('unit-not-submitted', 'warning', given!.at, { unit: unit.code, name: unit.name });
  else if (u.noData) report('unit-no-data', 'error', { file: opts.evidenceFile }, { unit: unit.code, name: unit.name });
  // An untouched form is one problem for the unit, not one per criterion.
  else if (u.blankForm) report('form-blank', 'error', u.form ?? { file: opts.evidenceFile }, { unit: unit.code });
  const leaves = new Map<string, LeafInput>();
  for (let i = 0; i < set.leaves.length; i++) {
    const leaf = set.leaves[i]!;
    const input = resolveLeaf(u, leaf, rows.leafSlot[i]!);
    leaves.set(leaf.code, input);
    append(diagnostics, input.problems);
  }
  const surveyAbsent = u.surveyAbsent;
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
  const skipTags = skipTagsOf(set);
  let surveyAbsent = false;
  for (const unit of unitList.units) {
    const given = opts.status?.get(unit.code);
    if (given?.status === 'exempt') {
      exempt.push(unit);
      continue;
    }
    const resolved = resolveUnit(set, unit, given, rowIndex, surveyIndex, opts, skipTags);
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
