/**
 * Loads a whole scoring round: workspace, criteria, units, evidence, survey
 * and last year's results, with every problem from every file. The one
 * place that reads round inputs from disk; scoring itself stays pure.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadCriteria, type CriteriaSet } from '../criteria/index.js';
import { fatalDiagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { InputFile } from '../evidence/grids.js';
import { readEvidence, readSurvey } from '../evidence/read.js';
import type { ScoringInput } from '../evidence/input.js';
import { resolveEvidence } from '../evidence/resolve.js';
import { LIMITS } from '../core/limits.js';
import { pathOnDisk } from '../io/nfc-path.js';
import { readTextInput } from '../io/read-text.js';
import type { PreviousEntry } from '../scoring/engine.js';
import { readPreviousFile } from '../results/results-read.js';
import { loadUnits, type UnitList } from '../units/index.js';
import { roundSizeProblem } from '../units/size.js';
import { loadWorkspace, PATH_KEYS, portablePath, type PathKey, type Workspace } from './workspace.js';
import { append } from '../core/append.js';
import { readAppraisals, type UnitAppraisal } from '../evidence/appraisal.js';
import type { Where } from '../evidence/table.js';

/** Where `parscore appraisal` writes the council's workbooks, inside the round. */
export const APPRAISAL_DIR = 'appraisal';

const WORKSPACE_FILE = 'parscore.yaml';

export interface RoundRequest {
  cwd: string;
  /** A folder holding parscore.yaml, or the workspace file itself. */
  target?: string;
  /** Paths given on the command line, relative to cwd; they win over the workspace. */
  overrides: Partial<Record<PathKey, string>>;
  /** Told each input file as it is read (for progress on a terminal). */
  onFile?: (shown: string) => void;
}

export interface Round {
  workspace?: Workspace;
  set: CriteriaSet;
  units: UnitList;
  input: ScoringInput;
  previous?: PreviousEntry[];
  criteriaFile: { path: string; sha256: string };
  inputs: InputFile[];
}

export async function loadRound(req: RoundRequest): Promise<{ round?: Round; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const inputs: InputFile[] = [];
  let workspace: Workspace | undefined;

  // 1. The workspace file, if there is one.
  let wsAbs: string | undefined;
  if (req.target !== undefined) {
    const abs = pathOnDisk(path.resolve(req.cwd, portablePath(req.target)));
    wsAbs = existsSync(abs) && statSync(abs).isDirectory() ? path.join(abs, WORKSPACE_FILE) : abs;
  } else if (existsSync(path.join(req.cwd, WORKSPACE_FILE))) {
    wsAbs = path.join(req.cwd, WORKSPACE_FILE);
  }
  const needsWorkspace = !(req.overrides.criteria && req.overrides.units && req.overrides.evidence);
  if (wsAbs !== undefined && (existsSync(wsAbs) || needsWorkspace)) {
    const shown = path.relative(req.cwd, wsAbs) || WORKSPACE_FILE;
    const text = await readTextInput(wsAbs, shown, LIMITS.yamlBytes);
    if (!text.ok) {
      diagnostics.push(text.diagnostic.code === 'file-not-found' ? fatalDiagnostic(shown, 'workspace-not-found', { path: shown }) : text.diagnostic);
      return { diagnostics };
    }
    const loaded = loadWorkspace(wsAbs, shown, text.text, req.cwd);
    append(diagnostics, loaded.diagnostics);
    if (!loaded.workspace) return { diagnostics: diagnostics.map((d) => ({ ...d, fatal: d.severity === 'error' ? true : d.fatal })) };
    workspace = loaded.workspace;
    inputs.push({ role: 'workspace', path: shown, sha256: text.sha256 });
  } else if (needsWorkspace) {
    diagnostics.push(fatalDiagnostic(WORKSPACE_FILE, 'workspace-not-found', { path: WORKSPACE_FILE }));
    return { diagnostics };
  }

  const paths: Partial<Record<PathKey, { abs: string; shown: string }>> = { ...(workspace?.paths ?? {}) };
  for (const key of PATH_KEYS) {
    const given = req.overrides[key];
    if (given !== undefined) paths[key] = { abs: path.resolve(req.cwd, portablePath(given)), shown: portablePath(given) };
  }
  if (diagnostics.some((d) => d.fatal)) return { diagnostics };

  // 2. Criteria and units: without them nothing else can be checked.
  const criteriaPath = paths.criteria!;
  req.onFile?.(criteriaPath.shown);
  const criteriaText = await readTextInput(criteriaPath.abs, criteriaPath.shown, LIMITS.yamlBytes);
  if (!criteriaText.ok) return { diagnostics: [...diagnostics, criteriaText.diagnostic] };
  const criteria = loadCriteria(criteriaPath.shown, criteriaText.text);
  append(diagnostics, criteria.diagnostics);
  inputs.push({ role: 'criteria', path: criteriaPath.shown, sha256: criteriaText.sha256 });

  const unitsPath = paths.units!;
  req.onFile?.(unitsPath.shown);
  const unitsText = await readTextInput(unitsPath.abs, unitsPath.shown, LIMITS.yamlBytes);
  if (!unitsText.ok) return { diagnostics: [...diagnostics, unitsText.diagnostic] };
  const units = loadUnits(unitsPath.shown, unitsText.text, criteria.set);
  append(diagnostics, units.diagnostics);
  inputs.push({ role: 'units', path: unitsPath.shown, sha256: unitsText.sha256 });
  if (!criteria.set || !units.units) return { diagnostics };
  // The round's year is the year assessed, on every form, report and file name; the criteria
  // set's year is its methodology's and may differ (a 2021 method used in 2025).
  const set: CriteriaSet = workspace ? { ...criteria.set, year: workspace.year } : criteria.set;
  const tooBig = roundSizeProblem(set, units.units);
  if (tooBig) return { diagnostics: [...diagnostics, tooBig] };

  // Unit statuses written in parscore.yaml.
  const status = new Map<string, { status: 'submitted' | 'not-submitted' | 'exempt'; at: Where }>();
  for (const [code, given] of workspace?.status ?? []) {
    const unit = units.units.byCode.get(code) ?? units.units.units.find((u) => u.code.toLowerCase() === code.toLowerCase());
    const at: Where = { file: workspace!.file, location: given.location };
    if (!unit) diagnostics.push({ code: 'status-unit-unknown', severity: 'error', ...at, params: { unit: code } });
    else status.set(unit.code, { status: given.status, at });
  }

  // 3. Evidence, survey and last year's results: read all, report all.
  const unitCodes = new Set(units.units.byCode.keys());
  const evidence = await readEvidence(paths.evidence!.abs, paths.evidence!.shown, unitCodes, req.onFile);
  append(diagnostics, evidence.diagnostics);
  append(inputs, evidence.inputs);
  if (paths.survey) req.onFile?.(paths.survey.shown);
  // Only the round's units and survey-scored criteria are held (an unknown one is kept once, to be reported).
  const foldCode = (code: string): string => code.normalize('NFC').toLocaleUpperCase('vi');
  const unitFolds = new Set(units.units.units.map((u) => foldCode(u.code)));
  const surveyLeaves = new Set(set.leaves.filter((l) => l.rule?.kind === 'survey').map((l) => l.code));
  const keepSurvey = { unit: (code: string) => unitFolds.has(foldCode(code)), criterion: (code: string) => surveyLeaves.has(code) };
  const survey = paths.survey ? await readSurvey(paths.survey.abs, paths.survey.shown, keepSurvey) : undefined;
  if (survey) {
    append(diagnostics, survey.diagnostics);
    append(inputs, survey.inputs);
  }
  let previous: PreviousEntry[] | undefined;
  if (paths.previous) {
    req.onFile?.(paths.previous.shown);
    // Read lean, a unit at a time (results-read.ts): a national file is hundreds of MB.
    const read = await readPreviousFile(paths.previous.abs, paths.previous.shown);
    if (read.sha256 !== undefined) inputs.push({ role: 'previous', path: paths.previous.shown, sha256: read.sha256 });
    if (read.ok) previous = read.entries;
    else append(diagnostics, read.diagnostics);
  }
  // The council's workbooks: `appraisal:` in parscore.yaml, or the round's appraisal/ folder.
  let appraisals: Map<string, UnitAppraisal> | undefined;
  const appraisalPath =
    paths.appraisal ??
    (workspace && existsSync(path.join(workspace.dir, APPRAISAL_DIR))
      ? { abs: path.join(workspace.dir, APPRAISAL_DIR), shown: path.relative(req.cwd, path.join(workspace.dir, APPRAISAL_DIR)) }
      : undefined);
  if (appraisalPath && existsSync(appraisalPath.abs)) {
    const read = await readAppraisals(appraisalPath.abs, appraisalPath.shown);
    append(diagnostics, read.diagnostics);
    append(inputs, read.inputs);
    appraisals = new Map();
    for (const a of read.appraisals) {
      const unit = units.units.byCode.get(a.unit) ?? units.units.units.find((u) => u.code.toLowerCase() === a.unit.toLowerCase());
      if (!unit) diagnostics.push({ code: 'unit-unknown', severity: 'error', ...a.at, params: { unit: a.unit } });
      else if (appraisals.has(unit.code)) diagnostics.push({ code: 'unit-duplicate', severity: 'error', ...a.at, params: { unit: unit.code, first: appraisals.get(unit.code)!.origin } });
      else appraisals.set(unit.code, a);
    }
  } else if (paths.appraisal) {
    // Named but not written yet: the council has decided nothing so far, and the forms' council columns are not read.
    appraisals = new Map();
  }
  if (diagnostics.some((d) => d.fatal)) return { diagnostics };

  const resolved = resolveEvidence(set, units.units, evidence.rows, survey?.survey ?? [], {
    surveyGiven: survey !== undefined,
    evidenceFile: paths.evidence!.shown,
    status,
    ...(appraisals ? { appraisals } : {}),
    ...(paths.survey ? { surveyFile: paths.survey.shown } : {}),
    ...(workspace ? { roundFile: workspace.file } : {}),
  });
  append(diagnostics, resolved.diagnostics);
  const round: Round = {
    set,
    units: units.units,
    input: resolved.input,
    criteriaFile: { path: criteriaPath.shown, sha256: criteriaText.sha256 },
    inputs,
  };
  if (workspace) round.workspace = workspace;
  if (previous) round.previous = previous;
  return { round, diagnostics };
}
