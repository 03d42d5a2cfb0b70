/**
 * Reads evidence and survey inputs from disk: a folder of per-unit
 * workbooks, one workbook with a sheet per unit, a long-format table
 * (.xlsx or .csv), and a survey matrix. Inputs are opened read-only.
 * Returns plain rows and diagnostics; never throws for bad input.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Decimal } from '../core/decimal.js';
import { LIMITS } from '../core/limits.js';
import { foldForMatch, normalizeText } from '../core/text.js';
import { fatalDiagnostic, type Diagnostic } from '../diagnostics/index.js';
import { pathOnDisk } from '../io/nfc-path.js';
import { readBytesInput } from '../io/read-text.js';
import type { RawCell, ReadProblem, SheetSink } from '../io/spreadsheet.js';
import { readWorkbookBytes, recogniseWorkbook } from '../io/workbook-read.js';
import { cellText, columnLetter, isNotApplicableText, readCell, type CellContent } from './cells.js';
import { readCsvGrid } from './csv.js';
import { contentAt, findHeader, findUnitHeader, labelledValue, placeOf, whereIn, type Field, type Grid, type GridPlace, type HeaderMap, type Where } from './table.js';
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
  /** Answer-distribution layout only: the column's answer (e.g. "A"), the content being its count. */
  answer?: string;
  /** Answer-distribution layout only: the row's respondent group ("" when none is given). */
  group?: string;
  /** The unit's code cell in the survey file. */
  unitAt: Where;
}

export interface InputFile {
  role: 'criteria' | 'units' | 'evidence' | 'survey' | 'previous' | 'workspace' | 'appraisal';
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

const SPREADSHEET = /\.(xlsx|xlsm|ods)$/i;
const LEGACY = /\.xls$/i;
/** CSV tables are `.csv` only: a `.txt` note beside the forms is not data. */
const CSV = /\.csv$/i;
const SURVEY_CODE = /^[0-9A-Za-z]+(\.[0-9A-Za-z]+)+$/;

/** A sheet or CSV past the row or column limit, as a fatal diagnostic. */
function sizeLimit(grid: Grid): Diagnostic | undefined {
  const where = grid.sheet !== undefined ? { cell: { sheet: grid.sheet } } : {};
  const rows = grid.sheet !== undefined ? LIMITS.rows : LIMITS.csvRows;
  if (grid.rowCount > rows) return { code: 'limit-rows', severity: 'error', file: grid.file, ...where, params: { count: grid.rowCount, limit: rows }, fatal: true };
  if (grid.columnCount > LIMITS.columns) return { code: 'limit-columns', severity: 'error', file: grid.file, ...where, params: { count: grid.columnCount, limit: LIMITS.columns }, fatal: true };
  return undefined;
}

/** A reader's problem as a fatal diagnostic on `file`, at the sheet and cell when known. */
function problemDiagnostic(file: string, p: ReadProblem): Diagnostic {
  const where = p.sheet !== undefined ? { cell: { sheet: p.sheet, ...(p.cell ? { cell: p.cell } : {}) } } : {};
  return { code: p.code, severity: 'error', file, ...where, params: p.params, fatal: true };
}

/** Collects streamed rows into a sparse grid (values only; rows never written are absent). */
function gridCollector(file: string, sheet: string, done: (grid: Grid) => void): SheetSink {
  const values = new Map<number, readonly (RawCell | undefined)[]>();
  const formats = new Map<number, readonly (string | undefined)[]>();
  return {
    row(n, v, f) {
      values.set(n, v);
      if (f.some((x) => x !== undefined)) formats.set(n, f);
    },
    end({ rowCount, columnCount, merges }) {
      done({
        file,
        sheet,
        rowCount,
        columnCount,
        merges,
        value: (row, col) => values.get(row)?.[col],
        numFmt: (row, col) => formats.get(row)?.[col],
      });
    },
  };
}

/** Grids of a workbook (one per visible worksheet), read whole through parscore's own reader. */
export async function workbookGrids(bytes: Uint8Array, file: string): Promise<{ grids: Grid[]; diagnostics: Diagnostic[] }> {
  const grids: Grid[] = [];
  const problem = await readWorkbookBytes(bytes, (sheet) => gridCollector(file, sheet, (g) => grids.push(g)));
  return problem ? { grids: [], diagnostics: [problemDiagnostic(file, problem)] } : { grids, diagnostics: [] };
}

/** Grids of a workbook (.xlsx, .xlsm, .ods: one per visible worksheet) or a .csv file (one). */
export async function readGrids(absPath: string, file: string, opts: { streamAbove?: number } = {}): Promise<{ grids: Grid[]; input?: InputFile; diagnostics: Diagnostic[]; stream?: Buffer }> {
  const bytesInput = await readBytesInput(absPath, file, CSV.test(file) ? LIMITS.tableBytes : LIMITS.workbookBytes);
  if (!bytesInput.ok) return { grids: [], diagnostics: [bytesInput.diagnostic] };
  const input: InputFile = { role: 'evidence', path: file, sha256: bytesInput.sha256 };
  if (CSV.test(file)) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytesInput.bytes);
    } catch {
      return { grids: [], input, diagnostics: [fatalDiagnostic(file, 'csv-not-utf8')] };
    }
    const read = readCsvGrid(file, text);
    if ('problem' in read) return { grids: [], input, diagnostics: [read.problem] };
    const tooBig = sizeLimit(read.grid);
    return tooBig ? { grids: [], input, diagnostics: [tooBig] } : { grids: [read.grid], input, diagnostics: [] };
  }
  if (opts.streamAbove !== undefined && bytesInput.bytes.length > opts.streamAbove) {
    // Recognised now, so that an .xls or a damaged zip is named before any row is read.
    const found = recogniseWorkbook(bytesInput.bytes);
    if ('problem' in found) return { grids: [], input, diagnostics: [problemDiagnostic(file, found.problem)] };
    return { grids: [], input, diagnostics: [], stream: bytesInput.bytes };
  }
  const read = await workbookGrids(bytesInput.bytes, file);
  return { ...read, input };
}

/** Length of the text a cell finally holds: a string, rich text joined, a formula's saved text. */
function finalTextLength(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (v !== null && typeof v === 'object') {
    const o = v as { result?: unknown; richText?: { text?: unknown }[]; text?: unknown };
    if ('formula' in o || 'sharedFormula' in o) return finalTextLength(o.result);
    if (Array.isArray(o.richText)) return o.richText.reduce((n, r) => n + (typeof r.text === 'string' ? r.text.length : 0), 0);
    if ('text' in o) return finalTextLength(o.text);
  }
  return 0;
}

/** Score, measure and option columns: one cell per criterion, so a cell merged down over rows is an error. */
const MERGE_CHECKED: readonly Field[] = ['self', 'appraised', 'measure', 'option'];

/** A merged range spanning rows of a score, measure or option column below the header, as diagnostics. */
function mergesOverData(grid: Grid, header: HeaderMap): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const m of grid.merges ?? []) {
    if (m.bottom === m.top || m.bottom <= header.row) continue;
    const over = MERGE_CHECKED.some((f) => {
      const col = header.columns[f];
      return col !== undefined && col >= m.left && col <= m.right;
    });
    if (!over) continue;
    const range = `${columnLetter(m.left)}${m.top}:${columnLetter(m.right)}${m.bottom}`;
    found.push({ code: 'cell-merged-over-rows', severity: 'error', ...whereIn(grid, Math.max(m.top, header.row + 1), m.left), params: { range } });
  }
  return found;
}

const DATA_FIELDS: readonly Field[] = ['self', 'appraised', 'measure', 'option'];

/**
 * A cell read from a grid. Its place is kept as numbers and written out as
 * a location only when a problem is reported: a national round reads
 * millions of cells and reports few.
 */
class GridCell implements Located {
  constructor(
    readonly content: CellContent,
    private readonly place: GridPlace,
    private readonly row: number,
    private readonly col: number,
    readonly formula?: true,
  ) {}

  get at(): Where {
    return whereIn(this.place, this.row, this.col);
  }
}

/** A row read from a grid, its locations kept as numbers like GridCell's. */
class GridRow implements EvidenceRow {
  self?: Located;
  appraised?: Located;
  measure?: Located;
  option?: Located;
  blankForm?: true;

  constructor(
    readonly unit: string,
    readonly criterion: string,
    readonly origin: string,
    readonly evidence: string,
    readonly note: string,
    readonly reason: string,
    private readonly place: GridPlace,
    private readonly row: number,
    private readonly codeCol: number,
    private readonly evidenceCol: number | undefined,
  ) {}

  get at(): Where {
    return whereIn(this.place, this.row, this.codeCol);
  }

  get evidenceAt(): Where | undefined {
    return this.evidenceCol === undefined ? undefined : whereIn(this.place, this.row, this.evidenceCol);
  }
}

function located(grid: Grid, place: GridPlace, row: number, col: number | undefined): Located | undefined {
  if (col === undefined) return undefined;
  const content = contentAt(grid, row, col);
  if (content.kind === 'empty') return undefined;
  const raw = grid.value(row, col);
  const formula = typeof raw === 'object' && raw !== null && ('formula' in raw || 'sharedFormula' in raw);
  return new GridCell(content, place, row, col, formula ? true : undefined);
}

/** One string per distinct text: the same codes on every row are held once. */
function interner(): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    const known = seen.get(text);
    if (known !== undefined) return known;
    seen.set(text, text);
    return text;
  };
}

function normalizeCode(content: CellContent): string {
  return content.kind === 'number' ? content.value.toString() : cellText(content).replace(/\s+/g, '').replace(/\.$/, '');
}

/** Rows of a per-unit sheet (unit fixed) or a long table (unit per row). */
function extractRows(
  grid: Grid,
  header: HeaderMap,
  fixedUnit: string | undefined,
  origin: string,
  diagnostics: Diagnostic[],
  from = header.row + 1,
  to = grid.rowCount,
  place: GridPlace = placeOf(grid),
  intern: (text: string) => string = interner(),
): EvidenceRow[] {
  const rows: EvidenceRow[] = [];
  const c = header.columns;
  const mapped = Object.values(c);
  const councilCells: Where[] = [];
  for (let row = from; row <= to; row++) {
    // Text past the limit is reported, and the row left out.
    const long = mapped.find((col) => finalTextLength(grid.value(row, col)) > LIMITS.textLength);
    if (long !== undefined) {
      diagnostics.push({ code: 'limit-text-length', severity: 'error', ...whereIn(grid, row, long), params: { length: finalTextLength(grid.value(row, long)), limit: LIMITS.textLength } });
      continue;
    }
    const criterion = intern(normalizeCode(contentAt(grid, row, c.criterion)));
    if (criterion === '') continue;
    const unit = fixedUnit ?? intern(normalizeCode(contentAt(grid, row, c.unit)));
    if (unit === '') continue;
    const entry = new GridRow(
      unit,
      criterion,
      fixedUnit !== undefined ? origin : intern(`${origin}#${unit}`),
      cellText(contentAt(grid, row, c.evidence)),
      cellText(contentAt(grid, row, c.note)),
      cellText(contentAt(grid, row, c.reason)),
      place,
      row,
      c.criterion!,
      c.evidence,
    );
    const self = located(grid, place, row, c.self);
    const appraised = located(grid, place, row, c.appraised);
    const measure = located(grid, place, row, c.measure);
    const option = located(grid, place, row, c.option);
    if (fixedUnit !== undefined) {
      for (const loc of [appraised, located(grid, place, row, c.reason)]) {
        if (loc && !loc.formula && !(loc.content.kind === 'text' && isNotApplicableText(loc.content.text))) councilCells.push(loc.at);
      }
    }
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
      append(diagnostics, mergesOverData(grid, table.header));
      const sheetRows = extractRows(grid, table.header, table.unit, table.origin, diagnostics);
      if (table.unit !== undefined && sheetRows.length > 0 && sheetRows.every(isUntouched)) {
        // An untouched form is one problem, not one per criterion.
        // Reported once for the unit when its inputs are resolved (form-blank), unless a filled copy sets it aside.
        for (const row of sheetRows) row.blankForm = true;
      }
      append(rows, sheetRows);
    }
  }
  if (!found && grids.length > 0) diagnostics.push({ code: 'no-evidence-table', severity: 'error', file, params: {}, fatal: true });
  return { rows, diagnostics };
}

/** Workbooks larger than this are interpreted row by row: a national long table must not be held whole in memory. */
export const STREAM_THRESHOLD_BYTES = 4 * 1024 * 1024;

/**
 * Evidence rows from a large workbook, interpreted as its rows stream out
 * of the reader. Only the rows up to the header are kept; every later row
 * becomes evidence as it arrives.
 */
async function rowsFromStream(bytes: Buffer, file: string, unitCodes: UnitCodes): Promise<{ rows: EvidenceRow[]; diagnostics: Diagnostic[] }> {
  const rows: EvidenceRow[] = [];
  const diagnostics: Diagnostic[] = [];
  let found = false;
  const problem = await readWorkbookBytes(bytes, (sheet): SheetSink => {
    const head = new Map<number, readonly (RawCell | undefined)[]>();
    const headFormats = new Map<number, readonly (string | undefined)[]>();
    let current: { n: number; values: readonly (RawCell | undefined)[]; formats: readonly (string | undefined)[] } | undefined;
    const grid: Grid = {
      file,
      sheet,
      rowCount: 0,
      columnCount: 0,
      value: (r, c) => (current?.n === r ? current.values : head.get(r))?.[c],
      numFmt: (r, c) => (current?.n === r ? current.formats : headFormats.get(r))?.[c],
    };
    let table: SheetTable;
    let decided = false;
    const place = placeOf(grid);
    const intern = interner();
    return {
      row(n, values, formats) {
        grid.rowCount = n;
        grid.columnCount = Math.max(grid.columnCount, values.length - 1);
        if (decided) {
          if (table && !('problem' in table)) {
            current = { n, values, formats };
            append(rows, extractRows(grid, table.header, table.unit, table.origin, diagnostics, n, n, place, intern));
          }
          return;
        }
        head.set(n, values);
        headFormats.set(n, formats);
        table = sheetTable(grid, file, unitCodes);
        if (table) {
          decided = true;
          found = true;
          if ('problem' in table) diagnostics.push(table.problem);
          else append(rows, extractRows(grid, table.header, table.unit, table.origin, diagnostics, undefined, undefined, place, intern));
        } else if (n >= 40) decided = true;
      },
      end({ merges }) {
        if (table && !('problem' in table)) append(diagnostics, mergesOverData({ ...grid, merges }, table.header));
      },
    };
  });
  if (problem) return { rows: [], diagnostics: [problemDiagnostic(file, problem)] };
  if (!found) diagnostics.push({ code: 'no-evidence-table', severity: 'error', file, params: {}, fatal: true });
  return { rows, diagnostics };
}

/** Evidence from one file: per-unit sheets and/or long-format tables. */
export async function readEvidenceFile(absPath: string, file: string, unitCodes: UnitCodes, streamAbove = STREAM_THRESHOLD_BYTES): Promise<ReadResult> {
  const { grids, input, diagnostics, stream } = await readGrids(absPath, file, { streamAbove: CSV.test(file) ? undefined : streamAbove });
  const found = stream ? await rowsFromStream(stream, file, unitCodes) : rowsFromGrids(grids, file, unitCodes);
  return { rows: found.rows, survey: [], inputs: input ? [input] : [], diagnostics: [...diagnostics, ...found.diagnostics] };
}

/** Survey cells from grids already read. Pure. */
/** Which units and criteria of a survey matter to the round (by their codes as written). */
export interface SurveyFilter {
  unit(code: string): boolean;
  criterion(code: string): boolean;
}

export function surveyFromGrids(grids: readonly Grid[], file: string, keep?: SurveyFilter): { survey: SurveyCell[]; diagnostics: Diagnostic[] } {
  const survey: SurveyCell[] = [];
  // Cells of an unknown unit or criterion are kept once each, so they are still reported once;
  // the rest of such a row or column is not held: a survey's memory follows the round, not the file.
  const seenUnknown = new Set<string>();
  const wanted = (key: string, known: boolean): boolean => {
    if (known) return true;
    if (seenUnknown.has(key)) return false;
    seenUnknown.add(key);
    return true;
  };
  let found = false;
  for (const grid of grids) {
    const header = findUnitHeader(grid);
    if (!header) continue;
    found = true;
    const unitCol = header.columns.unit!;
    // Columns such as "Tên đơn vị" are not criteria: only dotted codes are read.
    const columns = [...header.others].map(([col, text]) => [col, text.replace(/\s+/g, '')] as const).filter(([, criterion]) => SURVEY_CODE.test(criterion));
    for (let row = header.row + 1; row <= grid.rowCount; row++) {
      const unit = normalizeCode(contentAt(grid, row, unitCol));
      if (unit === '') continue;
      const unitKnown = keep?.unit(unit) ?? true;
      for (const [col, criterion] of columns) {
        if (!(unitKnown ? wanted(`c:${criterion}`, keep?.criterion(criterion) ?? true) : wanted(`u:${unit}`, false))) continue;
        survey.push({ unit, criterion, content: contentAt(grid, row, col), at: whereIn(grid, row, col), unitAt: whereIn(grid, row, unitCol) });
      }
    }
  }
  const diagnostics: Diagnostic[] = !found && grids.length > 0 ? [{ code: 'no-survey-table', severity: 'error', file, params: {}, fatal: true }] : [];
  return { survey, diagnostics };
}

/**
 * Answer counts in the long layout: a row per unit, criterion and respondent
 * group ("Mã đơn vị", "Mã tiêu chí", "Nhóm"), a column per answer ("A", "B"…),
 * each cell a number of answers. Every other column becomes a cell with
 * `answer` set; the criterion's scale decides which are answers. Pure.
 */
export function surveyAnswersFromGrids(grids: readonly Grid[]): SurveyCell[] {
  const cells: SurveyCell[] = [];
  for (const grid of grids) {
    const header = findHeader(grid, ['unit']);
    if (!header) continue;
    const unitCol = header.columns.unit!;
    const criterionCol = header.columns.criterion!;
    const groupCol = [...header.others].find(([, text]) => GROUP_HEADERS.has(foldForMatch(text)))?.[0];
    for (let row = header.row + 1; row <= grid.rowCount; row++) {
      const unit = normalizeCode(contentAt(grid, row, unitCol));
      const criterion = normalizeCode(contentAt(grid, row, criterionCol));
      if (unit === '' || criterion === '') continue;
      const group = groupCol === undefined ? '' : cellText(contentAt(grid, row, groupCol));
      for (const [col, answer] of header.others) {
        if (col === groupCol) continue;
        const content = readCell(grid.value(row, col));
        if (content.kind === 'empty') continue;
        cells.push({ unit, criterion, content, at: whereIn(grid, row, col), unitAt: whereIn(grid, row, unitCol), answer, group });
      }
    }
  }
  return cells;
}

const GROUP_HEADERS = new Set(['nhom', 'nhomdoituong', 'group']);

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
