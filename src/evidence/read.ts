/**
 * Reads evidence and survey inputs from disk: a folder of per-unit
 * workbooks, one workbook with a sheet per unit, a long-format table
 * (.xlsx or .csv), and a survey matrix. Inputs are opened read-only.
 * Returns plain rows and diagnostics; never throws for bad input.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Workbook, Worksheet } from 'exceljs';
import { Decimal } from '../core/decimal.js';
import { LIMITS } from '../core/limits.js';
import { foldForMatch, normalizeText } from '../core/text.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { pathOnDisk } from '../io/nfc-path.js';
import { readBytesInput } from '../io/read-text.js';
import { inspectXlsx } from '../io/xlsx-guard.js';
import { cellText, isNotApplicableText, type CellContent } from './cells.js';
import { csvGrid } from './csv.js';
import { contentAt, findHeader, findUnitHeader, labelledValue, whereIn, type Field, type Grid, type HeaderMap, type Where } from './table.js';
import { append } from '../core/append.js';

export interface Located {
  content: CellContent;
  at: Where;
  /** The cell holds a formula (the form computes option, band and proportional points itself). */
  formula?: true;
}

/** One unit × criterion row as found in a file, not yet interpreted. */
export interface EvidenceRow {
  unit: string;
  criterion: string;
  /** Where the row is (its code cell). */
  at: Where;
  /** Which sheet or file the unit's data came from, to report duplicates. */
  origin: string;
  self?: Located;
  appraised?: Located;
  measure?: Located;
  option?: Located;
  evidence: string;
  note: string;
  reason: string;
  /** The evidence cell, when the sheet has an evidence column. */
  evidenceAt?: Where;
  /** The row belongs to a form nothing was entered in (reported once as `form-blank`). */
  blankForm?: true;
}

export interface SurveyCell {
  unit: string;
  criterion: string;
  content: CellContent;
  at: Where;
  /** The unit's code cell in the survey file. */
  unitAt: Where;
}

export interface InputFile {
  role: 'criteria' | 'units' | 'evidence' | 'survey' | 'previous' | 'workspace';
  path: string;
  sha256: string;
}

export interface ReadResult {
  rows: EvidenceRow[];
  survey: SurveyCell[];
  inputs: InputFile[];
  diagnostics: Diagnostic[];
}

/** Units' codes, to recognise a unit from a sheet or file name. */
export type UnitCodes = ReadonlySet<string>;

function fatal(file: string, code: string, params: Record<string, string | number> = {}): Diagnostic {
  return { code, severity: 'error', file, params, fatal: true };
}

const SPREADSHEET = /\.(xlsx|xlsm)$/i;
const LEGACY = /\.xls$/i;
const CSV = /\.(csv|txt)$/i;
const SURVEY_CODE = /^[0-9A-Za-z]+(\.[0-9A-Za-z]+)+$/;

/** A sheet or CSV past the row or column limit, as a fatal diagnostic. */
function sizeLimit(grid: Grid): Diagnostic | undefined {
  const where = grid.sheet !== undefined ? { cell: { sheet: grid.sheet } } : {};
  if (grid.rowCount > LIMITS.rows) return { code: 'limit-rows', severity: 'error', file: grid.file, ...where, params: { count: grid.rowCount, limit: LIMITS.rows }, fatal: true };
  if (grid.columnCount > LIMITS.columns) return { code: 'limit-columns', severity: 'error', file: grid.file, ...where, params: { count: grid.columnCount, limit: LIMITS.columns }, fatal: true };
  return undefined;
}

/** Grids of an .xlsx file (one per worksheet) or a .csv file (one). */
export async function readGrids(absPath: string, file: string, opts: { streamAbove?: number } = {}): Promise<{ grids: Grid[]; input?: InputFile; diagnostics: Diagnostic[]; stream?: Buffer }> {
  const bytesInput = await readBytesInput(absPath, file, CSV.test(file) ? LIMITS.tableBytes : LIMITS.workbookBytes);
  if (!bytesInput.ok) return { grids: [], diagnostics: [bytesInput.diagnostic] };
  const input: InputFile = { role: 'evidence', path: file, sha256: bytesInput.sha256 };
  if (CSV.test(file)) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytesInput.bytes);
    } catch {
      return { grids: [], input, diagnostics: [fatal(file, 'csv-not-utf8')] };
    }
    const grid = csvGrid(file, text);
    const tooBig = sizeLimit(grid);
    return tooBig ? { grids: [], input, diagnostics: [tooBig] } : { grids: [grid], input, diagnostics: [] };
  }
  const problem = inspectXlsx(bytesInput.bytes, LEGACY.test(file));
  if (problem) {
    const { code, ...params } = problem;
    const readable = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, code.endsWith('parts') || k === 'count' ? v : (v / 1048576).toFixed(1)]));
    return { grids: [], input, diagnostics: [fatal(file, code, readable)] };
  }
  if (opts.streamAbove !== undefined && bytesInput.bytes.length > opts.streamAbove) return { grids: [], input, diagnostics: [], stream: bytesInput.bytes };
  let workbook: Workbook;
  try {
    const ExcelJS = (await import('exceljs')).default;
    workbook = new ExcelJS.Workbook();
    // Only values are read: styles, validations, drawings and links are skipped.
    await workbook.xlsx.load(bytesInput.bytes as unknown as ArrayBuffer, {
      ignoreNodes: ['dataValidations', 'hyperlinks', 'conditionalFormatting', 'drawing', 'legacyDrawing', 'picture', 'extLst', 'tableParts', 'headerFooter', 'rowBreaks', 'pageSetup', 'printOptions', 'pageMargins', 'autoFilter', 'sheetProtection'],
    });
  } catch (err) {
    return { grids: [], input, diagnostics: [fatal(file, 'xlsx-corrupt', { detail: err instanceof Error ? err.message : String(err) })] };
  }
  const grids = workbook.worksheets.filter((ws) => ws.state === 'visible' || ws.state === undefined).map((ws) => worksheetGrid(file, ws));
  const tooBig = grids.map(sizeLimit).filter((d): d is Diagnostic => d !== undefined);
  return tooBig.length > 0 ? { grids: [], input, diagnostics: tooBig } : { grids, input, diagnostics: [] };
}

export function worksheetGrid(file: string, ws: Worksheet): Grid {
  return {
    file,
    sheet: ws.name,
    rowCount: ws.rowCount,
    columnCount: ws.columnCount,
    value: (row, col) => ws.findCell(row, col)?.value,
    numFmt: (row, col) => ws.findCell(row, col)?.numFmt || undefined,
  };
}

const DATA_FIELDS: readonly Field[] = ['self', 'appraised', 'measure', 'option'];

function located(grid: Grid, row: number, col: number | undefined): Located | undefined {
  if (col === undefined) return undefined;
  const content = contentAt(grid, row, col);
  if (content.kind === 'empty') return undefined;
  const raw = grid.value(row, col);
  const formula = typeof raw === 'object' && raw !== null && ('formula' in raw || 'sharedFormula' in raw);
  return formula ? { content, at: whereIn(grid, row, col), formula } : { content, at: whereIn(grid, row, col) };
}

function normalizeCode(content: CellContent): string {
  return content.kind === 'number' ? content.value.toString() : cellText(content).replace(/\s+/g, '').replace(/\.$/, '');
}

/** Rows of a per-unit sheet (unit fixed) or a long table (unit per row). */
function extractRows(grid: Grid, header: HeaderMap, fixedUnit: string | undefined, origin: string, diagnostics: Diagnostic[], from = header.row + 1, to = grid.rowCount): EvidenceRow[] {
  const rows: EvidenceRow[] = [];
  const c = header.columns;
  const mapped = Object.values(c);
  const councilCells: Where[] = [];
  for (let row = from; row <= to; row++) {
    // Text past the limit is reported, and the row left out.
    const long = mapped.find((col) => {
      const v = grid.value(row, col);
      return typeof v === 'string' && v.length > LIMITS.textLength;
    });
    if (long !== undefined) {
      diagnostics.push({ code: 'limit-text-length', severity: 'error', ...whereIn(grid, row, long), params: { length: String(grid.value(row, long)).length, limit: LIMITS.textLength } });
      continue;
    }
    const criterion = normalizeCode(contentAt(grid, row, c.criterion));
    if (criterion === '') continue;
    const unit = fixedUnit ?? normalizeCode(contentAt(grid, row, c.unit));
    if (unit === '') continue;
    const entry: EvidenceRow = {
      unit,
      criterion,
      at: whereIn(grid, row, c.criterion!),
      origin: fixedUnit !== undefined ? origin : `${origin}#${unit}`,
      evidence: cellText(contentAt(grid, row, c.evidence)),
      note: cellText(contentAt(grid, row, c.note)),
      reason: cellText(contentAt(grid, row, c.reason)),
    };
    const self = located(grid, row, c.self);
    const appraised = located(grid, row, c.appraised);
    const measure = located(grid, row, c.measure);
    const option = located(grid, row, c.option);
    if (fixedUnit !== undefined) {
      for (const loc of [appraised, located(grid, row, c.reason)]) {
        if (loc && !loc.formula && !(loc.content.kind === 'text' && isNotApplicableText(loc.content.text))) councilCells.push(loc.at);
      }
    }
    if (c.evidence !== undefined) entry.evidenceAt = whereIn(grid, row, c.evidence);
    if (self) entry.self = self;
    if (appraised) entry.appraised = appraised;
    if (measure) entry.measure = measure;
    if (option) entry.option = option;
    rows.push(entry);
  }
  if (councilCells.length > 0) {
    // The department's copy has the council's columns locked: values there were typed by
    // the department (or by someone who unprotected the sheet). Said once per sheet.
    const names = councilCells.map((w) => w.cell?.cell ?? `${w.location?.line ?? ''}`);
    const cells = names.length > 12 ? `${names.slice(0, 12).join(', ')} … (+${names.length - 12})` : names.join(', ');
    diagnostics.push({ code: 'council-filled-by-unit', severity: 'warning', ...councilCells[0]!, params: { unit: fixedUnit!, cells } });
  }
  return rows;
}

/** Which unit a per-unit sheet belongs to: its header block, else the sheet or file name. */
function identifyUnit(grid: Grid, header: HeaderMap, unitCodes: UnitCodes): string | undefined {
  const labelled = labelledValue(grid, 'Mã đơn vị', header.row) ?? labelledValue(grid, 'Unit code', header.row);
  if (labelled) return normalizeText(labelled.text);
  const byFold = new Map([...unitCodes].map((u) => [foldForMatch(u), u]));
  if (grid.sheet !== undefined) {
    const hit = byFold.get(foldForMatch(grid.sheet));
    if (hit) return hit;
  }
  const base = path.basename(grid.file).replace(/\.[^.]+$/, '');
  const prefix = /^([A-Za-z0-9_-]+?)(?=[\s._-]|$)/.exec(base)?.[1];
  return prefix !== undefined ? byFold.get(foldForMatch(prefix)) : undefined;
}

/** The table found in a sheet: its header and, for a per-unit sheet, its unit. */
type SheetTable = { header: HeaderMap; unit: string | undefined; origin: string } | { problem: Diagnostic } | undefined;

function sheetTable(grid: Grid, file: string, unitCodes: UnitCodes): SheetTable {
  const header = findHeader(grid, DATA_FIELDS);
  if (!header) return undefined;
  const origin = grid.sheet !== undefined ? `${file} › ${grid.sheet}` : file;
  if (header.columns.unit !== undefined) return { header, unit: undefined, origin };
  const unit = identifyUnit(grid, header, unitCodes);
  if (unit === undefined) return { problem: { code: 'unit-not-identified', severity: 'error', ...whereIn(grid, header.row, 1), params: {} } };
  return { header, unit, origin };
}

/**
 * Nothing typed in the row: no answer, score, evidence or explanation. The
 * form's own formulas (empty until an answer is given, subtotals of 0) and
 * its words in the score column ("Không áp dụng", "Điểm điều tra XHH") do
 * not count.
 */
function isUntouched(row: EvidenceRow): boolean {
  const typed = (l: Located | undefined): boolean => l !== undefined && !l.formula;
  // The form's formulas show nothing, or 0, until an answer is given; a formula with another value in a score cell is an entry.
  const self = row.self?.content;
  const typedScore = self !== undefined && self.kind !== 'text' && (!row.self!.formula || (self.kind === 'number' && !self.value.eq(Decimal.ZERO)));
  return !typedScore && !typed(row.measure) && !typed(row.option) && !typed(row.appraised) && row.evidence === '' && row.note === '';
}

/**
 * An untouched form beside a filled file for the same unit (a clerk saved
 * the filled copy under another name) is set aside with a warning instead
 * of making the unit's data appear twice.
 */
function setAsideBlankForms(result: ReadResult): void {
  const filled = new Set(result.rows.filter((r) => !r.blankForm).map((r) => foldForMatch(r.unit)));
  const usedBy = new Map(result.rows.filter((r) => !r.blankForm).map((r) => [foldForMatch(r.unit), r.origin]));
  result.rows = result.rows.filter((r) => !(r.blankForm && filled.has(foldForMatch(r.unit))));
  result.diagnostics = result.diagnostics.map((d) =>
    d.code === 'form-blank' && filled.has(foldForMatch(String(d.params.unit))) ? { ...d, code: 'form-blank-ignored', severity: 'warning', params: { ...d.params, used: usedBy.get(foldForMatch(String(d.params.unit))) ?? '' } } : d,
  );
}

/** Evidence rows from grids already read: per-unit sheets and/or long-format tables. Pure. */
export function rowsFromGrids(grids: readonly Grid[], file: string, unitCodes: UnitCodes): { rows: EvidenceRow[]; diagnostics: Diagnostic[] } {
  const rows: EvidenceRow[] = [];
  const diagnostics: Diagnostic[] = [];
  let found = false;
  for (const grid of grids) {
    const table = sheetTable(grid, file, unitCodes);
    if (!table) continue;
    found = true;
    if ('problem' in table) diagnostics.push(table.problem);
    else {
      const sheetRows = extractRows(grid, table.header, table.unit, table.origin, diagnostics);
      if (table.unit !== undefined && sheetRows.length > 0 && sheetRows.every(isUntouched)) {
        // An untouched form is one problem, not one per criterion.
        for (const row of sheetRows) row.blankForm = true;
        diagnostics.push({ code: 'form-blank', severity: 'error', file: grid.file, ...(grid.sheet !== undefined ? { cell: { sheet: grid.sheet } } : {}), params: { unit: table.unit } });
      }
      append(rows, sheetRows);
    }
  }
  if (!found && grids.length > 0) diagnostics.push({ code: 'no-evidence-table', severity: 'error', file, params: {}, fatal: true });
  return { rows, diagnostics };
}

/** Workbooks larger than this are read as a stream: a national long table must not be held whole in memory. */
export const STREAM_THRESHOLD_BYTES = 4 * 1024 * 1024;

/**
 * Evidence rows from a large workbook, read row by row with exceljs's
 * streaming reader. Only the rows up to the header are kept; every later
 * row becomes evidence as it arrives.
 */
async function rowsFromStream(bytes: Buffer, file: string, unitCodes: UnitCodes): Promise<{ rows: EvidenceRow[]; diagnostics: Diagnostic[] }> {
  const ExcelJS = (await import('exceljs')).default;
  const { Readable } = await import('node:stream');
  const rows: EvidenceRow[] = [];
  const diagnostics: Diagnostic[] = [];
  let found = false;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'ignore' });
  for await (const sheet of reader) {
    const ws = sheet as unknown as AsyncIterable<{ number: number; values: unknown[] }> & { name: string; state?: string };
    if (ws.state !== undefined && ws.state !== 'visible') {
      for await (const _ of ws) void _;
      continue;
    }
    const head = new Map<number, unknown[]>();
    let current: { n: number; values: unknown[] } | undefined;
    const grid: Grid = {
      file,
      sheet: ws.name,
      rowCount: 0,
      columnCount: 0,
      value: (r, c) => (current?.n === r ? current.values : head.get(r))?.[c],
    };
    let table: SheetTable;
    let decided = false;
    for await (const row of ws) {
      grid.rowCount = row.number;
      grid.columnCount = Math.max(grid.columnCount, row.values.length - 1);
      const tooBig = sizeLimit(grid);
      if (tooBig) {
        diagnostics.push(tooBig);
        return { rows: [], diagnostics };
      }
      if (decided) {
        if (table && !('problem' in table)) {
          current = { n: row.number, values: row.values };
          append(rows, extractRows(grid, table.header, table.unit, table.origin, diagnostics, row.number, row.number));
        }
        continue;
      }
      head.set(row.number, row.values);
      table = sheetTable(grid, file, unitCodes);
      if (table) {
        decided = true;
        found = true;
        if ('problem' in table) diagnostics.push(table.problem);
        else append(rows, extractRows(grid, table.header, table.unit, table.origin, diagnostics));
      } else if (row.number >= 40) decided = true;
    }
  }
  if (!found) diagnostics.push({ code: 'no-evidence-table', severity: 'error', file, params: {}, fatal: true });
  return { rows, diagnostics };
}

/** Evidence from one file: per-unit sheets and/or long-format tables. */
export async function readEvidenceFile(absPath: string, file: string, unitCodes: UnitCodes, streamAbove = STREAM_THRESHOLD_BYTES): Promise<ReadResult> {
  const { grids, input, diagnostics, stream } = await readGrids(absPath, file, { streamAbove: CSV.test(file) ? undefined : streamAbove });
  const found = stream ? await streamOrCorrupt(stream, file, unitCodes) : rowsFromGrids(grids, file, unitCodes);
  return { rows: found.rows, survey: [], inputs: input ? [input] : [], diagnostics: [...diagnostics, ...found.diagnostics] };
}

async function streamOrCorrupt(bytes: Buffer, file: string, unitCodes: UnitCodes): Promise<{ rows: EvidenceRow[]; diagnostics: Diagnostic[] }> {
  try {
    return await rowsFromStream(bytes, file, unitCodes);
  } catch (err) {
    return { rows: [], diagnostics: [fatal(file, 'xlsx-corrupt', { detail: err instanceof Error ? err.message : String(err) })] };
  }
}

/** Survey cells from grids already read. Pure. */
export function surveyFromGrids(grids: readonly Grid[], file: string): { survey: SurveyCell[]; diagnostics: Diagnostic[] } {
  const survey: SurveyCell[] = [];
  let found = false;
  for (const grid of grids) {
    const header = findUnitHeader(grid);
    if (!header) continue;
    found = true;
    const unitCol = header.columns.unit!;
    for (let row = header.row + 1; row <= grid.rowCount; row++) {
      const unit = normalizeCode(contentAt(grid, row, unitCol));
      if (unit === '') continue;
      for (const [col, headerText] of header.others) {
        const criterion = headerText.replace(/\s+/g, '');
        // Columns such as "Tên đơn vị" are not criteria: only dotted codes are read.
        if (!SURVEY_CODE.test(criterion)) continue;
        survey.push({ unit, criterion, content: contentAt(grid, row, col), at: whereIn(grid, row, col), unitAt: whereIn(grid, row, unitCol) });
      }
    }
  }
  const diagnostics: Diagnostic[] = !found && grids.length > 0 ? [{ code: 'no-survey-table', severity: 'error', file, params: {}, fatal: true }] : [];
  return { survey, diagnostics };
}

/** Evidence from a folder (every workbook and CSV in it), a workbook, or a table. */
export async function readEvidence(givenPath: string, display: string, unitCodes: UnitCodes): Promise<ReadResult> {
  const absPath = pathOnDisk(givenPath);
  let info;
  try {
    info = await stat(absPath);
  } catch {
    return { rows: [], survey: [], inputs: [], diagnostics: [fatal(display, 'file-not-found', { path: display })] };
  }
  if (!info.isDirectory()) return readEvidenceFile(absPath, display, unitCodes);
  const names = (await readdir(absPath)).filter((n) => !n.startsWith('~$') && !n.startsWith('.')).sort();
  const result: ReadResult = { rows: [], survey: [], inputs: [], diagnostics: [] };
  for (const name of names) {
    const shown = path.join(display, name);
    if (LEGACY.test(name)) {
      result.diagnostics.push(fatal(shown, 'xlsx-legacy'));
      continue;
    }
    if (!SPREADSHEET.test(name) && !CSV.test(name)) continue;
    const one = await readEvidenceFile(path.join(absPath, name), shown, unitCodes);
    append(result.rows, one.rows);
    append(result.inputs, one.inputs);
    append(result.diagnostics, one.diagnostics);
  }
  setAsideBlankForms(result);
  if (result.inputs.length === 0 && result.diagnostics.length === 0) {
    result.diagnostics.push(fatal(display, 'evidence-folder-empty', { path: display }));
  }
  return result;
}

/** A survey matrix: a row per unit, a column per survey-scored criterion. */
export async function readSurvey(absPath: string, display: string): Promise<ReadResult> {
  const { grids, input, diagnostics } = await readGrids(absPath, display);
  const found = surveyFromGrids(grids, display);
  return { rows: [], survey: found.survey, inputs: input ? [{ ...input, role: 'survey' }] : [], diagnostics: [...diagnostics, ...found.diagnostics] };
}
