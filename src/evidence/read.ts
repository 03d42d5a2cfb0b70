/**
 * Reads evidence and survey inputs from disk: a folder of per-unit
 * workbooks, one workbook with a sheet per unit, a long-format table
 * (.xlsx or .csv), and a survey matrix. Inputs are opened read-only.
 * Returns plain rows and diagnostics; never throws for bad input.
 * Opening files is grids.ts, finding rows rows.ts, survey cells survey.ts.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { foldForMatch } from '../core/text.js';
import { fatalDiagnostic, type Diagnostic } from '../diagnostics/index.js';
import { pathOnDisk } from '../io/nfc-path.js';
import { CSV, openTable, readGrids, type InputFile, type OpenedTable } from './grids.js';
import { rowsFromCsv, rowsFromGrids, rowsFromStream, type EvidenceRow, type UnitCodes } from './rows.js';
import { surveyAnswersFromGrids, surveyFromGrids, type SurveyCell, type SurveyFilter } from './survey.js';
import { append } from '../core/append.js';

export interface ReadResult {
  rows: EvidenceRow[];
  survey: SurveyCell[];
  inputs: InputFile[];
  diagnostics: Diagnostic[];
}

const SPREADSHEET = /\.(xlsx|xlsm|ods)$/i;
const LEGACY = /\.xls$/i;

/**
 * An untouched form beside a filled file for the same unit (a clerk saved
 * the filled copy under another name) is set aside with a warning instead
 * of making the unit's data appear twice.
 */
function setAsideBlankForms(result: ReadResult): void {
  const filled = new Set(result.rows.filter((r) => !r.blankForm).map((r) => foldForMatch(r.unit)));
  const usedBy = new Map(result.rows.filter((r) => !r.blankForm).map((r) => [foldForMatch(r.unit), r.origin]));
  const setAside = new Map<string, EvidenceRow>();
  for (const r of result.rows) if (r.blankForm && filled.has(foldForMatch(r.unit)) && !setAside.has(r.origin)) setAside.set(r.origin, r);
  for (const r of setAside.values()) {
    result.diagnostics.push({
      code: 'form-blank-ignored',
      severity: 'warning',
      file: r.at.file,
      ...(r.at.cell ? { cell: { sheet: r.at.cell.sheet } } : {}),
      params: { unit: r.unit, used: usedBy.get(foldForMatch(r.unit)) ?? '' },
    });
  }
  result.rows = result.rows.filter((r) => !(r.blankForm && filled.has(foldForMatch(r.unit))));
}

/** Workbooks larger than this are interpreted row by row: a national long table must not be held whole in memory. */
const STREAM_THRESHOLD_BYTES = 4 * 1024 * 1024;

/** The evidence rows of a table file once opened, however it was opened. */
async function rowsOf(table: OpenedTable | undefined, file: string, unitCodes: UnitCodes): Promise<{ rows: EvidenceRow[]; diagnostics: Diagnostic[] }> {
  if (table === undefined) return { rows: [], diagnostics: [] };
  if (table.kind === 'stream') return rowsFromStream(table.bytes, file, unitCodes);
  if (table.kind === 'csv') return rowsFromCsv(file, table.text, unitCodes);
  return rowsFromGrids(table.grids, file, unitCodes);
}

/** Evidence from one file: per-unit sheets and/or long-format tables. */
export async function readEvidenceFile(absPath: string, file: string, unitCodes: UnitCodes, streamAbove = STREAM_THRESHOLD_BYTES): Promise<ReadResult> {
  const { table, input, diagnostics } = await openTable(absPath, file, CSV.test(file) ? { csvText: true } : { streamAbove });
  const found = await rowsOf(table, file, unitCodes);
  return { rows: found.rows, survey: [], inputs: input ? [input] : [], diagnostics: [...diagnostics, ...found.diagnostics] };
}

/** Evidence from a folder (every workbook and CSV in it), a workbook, or a table. */
/** `onFile` is told each file as it is read (progress on a terminal). */
export async function readEvidence(givenPath: string, display: string, unitCodes: UnitCodes, onFile?: (shown: string) => void): Promise<ReadResult> {
  const absPath = pathOnDisk(givenPath);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(absPath);
  } catch {
    return { rows: [], survey: [], inputs: [], diagnostics: [fatalDiagnostic(display, 'file-not-found', { path: display })] };
  }
  if (!info.isDirectory()) {
    onFile?.(display);
    return readEvidenceFile(absPath, display, unitCodes);
  }
  const names = (await readdir(absPath)).filter((n) => !n.startsWith('~$') && !n.startsWith('.')).sort();
  const result: ReadResult = { rows: [], survey: [], inputs: [], diagnostics: [] };
  for (const name of names) {
    const shown = path.join(display, name);
    if (LEGACY.test(name)) {
      result.diagnostics.push(fatalDiagnostic(shown, 'xlsx-legacy'));
      continue;
    }
    if (!SPREADSHEET.test(name) && !CSV.test(name)) {
      // Notes, scans and sub-folders beside the forms are not read; said once each, never a stop.
      result.diagnostics.push({ code: 'evidence-file-ignored', severity: 'warning', file: shown, params: { path: shown } });
      continue;
    }
    onFile?.(shown);
    const one = await readEvidenceFile(path.join(absPath, name), shown, unitCodes);
    append(result.rows, one.rows);
    append(result.inputs, one.inputs);
    append(result.diagnostics, one.diagnostics);
  }
  setAsideBlankForms(result);
  if (result.inputs.length === 0 && !result.diagnostics.some((d) => d.severity === 'error')) {
    result.diagnostics.push(fatalDiagnostic(display, 'evidence-folder-empty', { path: display }));
  }
  return result;
}

/** A survey matrix: a row per unit, a column per survey-scored criterion. */
export async function readSurvey(absPath: string, display: string, keep?: SurveyFilter): Promise<ReadResult> {
  const { grids, input, diagnostics } = await readGrids(absPath, display);
  const found = surveyFromGrids(grids, display, keep);
  const answers = surveyAnswersFromGrids(grids);
  return { rows: [], survey: [...found.survey, ...answers], inputs: input ? [{ ...input, role: 'survey' }] : [], diagnostics: [...diagnostics, ...found.diagnostics] };
}
