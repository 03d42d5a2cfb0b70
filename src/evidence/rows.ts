/**
 * Evidence rows from grids: the per-unit sheets of the forms and long-format
 * tables (a row per unit × criterion), found by their headers. Rows keep
 * their cells' places as numbers; a location is written out only when a
 * problem is reported.
 */
import { Decimal } from '../core/decimal.js';
import { LIMITS } from '../core/limits.js';
import { foldForMatch, normalizeText } from '../core/text.js';
import type { Diagnostic } from '../diagnostics/index.js';
import path from 'node:path';
import type { RawCell, SheetSink } from '../io/spreadsheet.js';
import { readWorkbookBytes } from '../io/workbook-read.js';
import { cellText, columnLetter, isNotApplicableText, readCell, type CellContent } from './cells.js';
import { lineLookup, scanCsvFile } from './csv.js';
import { problemDiagnostic } from './grids.js';
import { findHeader, labelledValue, placeOf, whereIn, type Field, type Grid, type GridPlace, type HeaderMap, type Where } from './table.js';
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

/** Units' codes, to recognise a unit from a sheet or file name. */
export type UnitCodes = ReadonlySet<string>;

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

/** What every row of one table shares: where it is, and its columns. */
interface RowTable {
  place: GridPlace;
  columns: HeaderMap['columns'];
}

/** The bits of GridRow's `formulas`: which data cells hold a formula. */
const SELF = 1;
const APPRAISED = 2;
const MEASURE = 4;
const OPTION = 8;

/**
 * A row read from a grid. It keeps its data cells' contents (shared with
 * every cell of the same text) and its row number, not an object per cell:
 * a national round holds hundreds of thousands of rows until they are
 * resolved. Each cell is made as a Located when it is asked for.
 */
class GridRow implements EvidenceRow {
  blankForm?: true;

  constructor(
    readonly unit: string,
    readonly criterion: string,
    readonly origin: string,
    readonly evidence: string,
    readonly note: string,
    readonly reason: string,
    private readonly table: RowTable,
    private readonly row: number,
    private readonly selfContent: CellContent | undefined,
    private readonly appraisedContent: CellContent | undefined,
    private readonly measureContent: CellContent | undefined,
    private readonly optionContent: CellContent | undefined,
    /** SELF | APPRAISED | MEASURE | OPTION: the data cells that hold a formula. */
    private readonly formulas: number,
  ) {}

  get at(): Where {
    return whereIn(this.table.place, this.row, this.table.columns.criterion!);
  }

  get evidenceAt(): Where | undefined {
    const col = this.table.columns.evidence;
    return col === undefined ? undefined : whereIn(this.table.place, this.row, col);
  }

  get self(): Located | undefined {
    return this.cell(this.selfContent, this.table.columns.self, SELF);
  }

  get appraised(): Located | undefined {
    return this.cell(this.appraisedContent, this.table.columns.appraised, APPRAISED);
  }

  get measure(): Located | undefined {
    return this.cell(this.measureContent, this.table.columns.measure, MEASURE);
  }

  get option(): Located | undefined {
    return this.cell(this.optionContent, this.table.columns.option, OPTION);
  }

  private cell(content: CellContent | undefined, col: number | undefined, bit: number): Located | undefined {
    return content && new GridCell(content, this.table.place, this.row, col!, this.formulas & bit ? true : undefined);
  }
}

/**
 * What reading a table remembers from row to row. A national long table
 * repeats a few dozen criteria codes, a few thousand unit codes and the
 * same options and measures on hundreds of thousands of rows: each raw text
 * is read once, and the same text on a later row shares what was made of it.
 */
interface RowMemo {
  /** One string per distinct code or origin: the same codes on every row are held once. */
  intern(text: string): string;
  /** Codes by their cell's raw text. */
  codes: Map<string, string>;
  /** Data cells' contents by raw text (contents are never changed once read). */
  contents: Map<string, CellContent>;
  /** A long table's origin (`file#unit`) by unit code. */
  origins: Map<string, string>;
}

/** How many raw texts a memo keeps per kind (cleared whole when full), and how long they may be: memory stays bounded. */
const MEMO_SIZE = 1 << 16;
const MEMO_TEXT = 256;

function rowMemo(): RowMemo {
  const seen = new Map<string, string>();
  return {
    intern(text) {
      const known = seen.get(text);
      if (known !== undefined) return known;
      seen.set(text, text);
      return text;
    },
    codes: new Map(),
    contents: new Map(),
    origins: new Map(),
  };
}

function remember<V>(map: Map<string, V>, key: string, value: V): V {
  if (map.size >= MEMO_SIZE) map.clear();
  map.set(key, value);
  return value;
}

/** A cell's content from its raw value: what contentAt gives (a text's format never matters). */
function contentOf(grid: Grid, row: number, col: number, raw: unknown): CellContent {
  return raw === undefined || typeof raw === 'string' ? readCell(raw) : readCell(raw, grid.numFmt?.(row, col));
}

/** A data cell's content, shared with every earlier cell of the same text. */
function dataContent(grid: Grid, row: number, col: number, raw: unknown, memo: RowMemo): CellContent {
  if (typeof raw !== 'string' || raw.length > MEMO_TEXT) return contentOf(grid, row, col, raw);
  return memo.contents.get(raw) ?? remember(memo.contents, raw, readCell(raw));
}

function isFormula(raw: unknown): boolean {
  return typeof raw === 'object' && raw !== null && ('formula' in raw || 'sharedFormula' in raw);
}

/** A cell of the grid as a Located, undefined when empty (a free-text cell looked at as a cell: the council's reason). */
function located(grid: Grid, place: GridPlace, row: number, col: number | undefined): Located | undefined {
  if (col === undefined) return undefined;
  const raw = grid.value(row, col);
  if (raw === undefined || raw === '') return undefined;
  const content = contentOf(grid, row, col, raw);
  if (content.kind === 'empty') return undefined;
  return new GridCell(content, place, row, col, isFormula(raw) ? true : undefined);
}

export function normalizeCode(content: CellContent): string {
  return content.kind === 'number' ? content.value.toString() : cellText(content).replace(/\s+/g, '').replace(/\.$/, '');
}

/** The code in a cell (normalizeCode, interned), read once per distinct raw text. */
function codeAt(grid: Grid, row: number, col: number, memo: RowMemo): string {
  const raw = grid.value(row, col);
  if (typeof raw !== 'string' || raw.length > MEMO_TEXT) return memo.intern(normalizeCode(contentOf(grid, row, col, raw)));
  return memo.codes.get(raw) ?? remember(memo.codes, raw, memo.intern(normalizeCode(readCell(raw))));
}

/** A free-text cell (evidence, explanation, reason) as text: cellText of its content. */
function textAt(grid: Grid, row: number, col: number | undefined): string {
  if (col === undefined) return '';
  const raw = grid.value(row, col);
  return typeof raw === 'string' ? normalizeText(raw) : cellText(contentOf(grid, row, col, raw));
}

/** The first of `cols` whose text in `row` is past the limit. */
function tooLong(grid: Grid, row: number, cols: readonly number[]): number | undefined {
  for (const col of cols) if (finalTextLength(grid.value(row, col)) > LIMITS.textLength) return col;
  return undefined;
}

/** Reads the rows of a per-unit sheet (unit fixed) or a long table (unit per row) into `out`, one row at a time. */
class TableReader {
  private readonly memo = rowMemo();
  private readonly table: RowTable;
  /** Every mapped column, checked for text past the limit. */
  private readonly mapped: readonly number[];
  /** Council cells the department filled, reported by `finish`. */
  private councilCells: Where[] = [];
  /** Which data cells of the row being read hold a formula (GridRow's `formulas`). */
  private formulas = 0;

  constructor(
    private readonly grid: Grid,
    private readonly header: HeaderMap,
    private readonly fixedUnit: string | undefined,
    private readonly origin: string,
    private readonly out: EvidenceRow[],
    private readonly diagnostics: Diagnostic[],
  ) {
    this.table = { place: placeOf(grid), columns: header.columns };
    this.mapped = Object.values(header.columns).filter((col) => col !== undefined);
  }

  read(row: number): void {
    const { grid, memo, fixedUnit } = this;
    const c = this.header.columns;
    // Text past the limit is reported, and the row left out.
    const long = tooLong(grid, row, this.mapped);
    if (long !== undefined) {
      this.diagnostics.push({ code: 'limit-text-length', severity: 'error', ...whereIn(grid, row, long), params: { length: finalTextLength(grid.value(row, long)), limit: LIMITS.textLength } });
      return;
    }
    const criterion = codeAt(grid, row, c.criterion!, memo);
    if (criterion === '') return;
    const unit = fixedUnit ?? codeAt(grid, row, c.unit!, memo);
    if (unit === '') return;
    const origin = fixedUnit !== undefined ? this.origin : (memo.origins.get(unit) ?? remember(memo.origins, unit, memo.intern(`${this.origin}#${unit}`)));
    const evidence = textAt(grid, row, c.evidence);
    const note = textAt(grid, row, c.note);
    const reason = textAt(grid, row, c.reason);
    this.formulas = 0;
    const self = this.data(row, c.self, SELF);
    const appraised = this.data(row, c.appraised, APPRAISED);
    const measure = this.data(row, c.measure, MEASURE);
    const option = this.data(row, c.option, OPTION);
    const entry = new GridRow(unit, criterion, origin, evidence, note, reason, this.table, row, self, appraised, measure, option, this.formulas);
    if (fixedUnit !== undefined) {
      for (const loc of [entry.appraised, located(grid, this.table.place, row, c.reason)]) {
        if (loc && !loc.formula && !(loc.content.kind === 'text' && isNotApplicableText(loc.content.text))) this.councilCells.push(loc.at);
      }
    }
    this.out.push(entry);
  }

  /** A data cell's content (shared with earlier cells of the same text), undefined when empty; `bit` is set in `formulas` for a formula. */
  private data(row: number, col: number | undefined, bit: number): CellContent | undefined {
    if (col === undefined) return undefined;
    const raw = this.grid.value(row, col);
    if (raw === undefined || raw === '') return undefined;
    const content = dataContent(this.grid, row, col, raw, this.memo);
    if (content.kind === 'empty') return undefined;
    if (isFormula(raw)) this.formulas |= bit;
    return content;
  }

  /** Reports, once, the council cells the department filled in the rows read so far. */
  finish(): void {
    const councilCells = this.councilCells;
    if (councilCells.length === 0) return;
    this.councilCells = [];
    // The department's copy has the council's columns locked: values there were typed by
    // the department (or by someone who unprotected the sheet). Said once per sheet.
    const names = councilCells.map((w) => w.cell?.cell ?? `${w.location?.line ?? ''}`);
    const cells = names.length > 12 ? `${names.slice(0, 12).join(', ')} … (+${names.length - 12})` : names.join(', ');
    this.diagnostics.push({ code: 'council-filled-by-unit', severity: 'warning', ...councilCells[0]!, params: { unit: this.fixedUnit!, cells } });
  }
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
 * An untouched form is one problem, not one per criterion: its rows are
 * marked, and reported once for the unit when its inputs are resolved
 * (form-blank), unless a filled copy sets it aside.
 */
function markBlankForm(sheetRows: readonly EvidenceRow[]): void {
  if (sheetRows.length > 0 && sheetRows.every(isUntouched)) for (const row of sheetRows) row.blankForm = true;
}

/**
 * A sheet or CSV read as its rows arrive: the rows up to its header are
 * looked at to find the table, every later row becomes evidence at once.
 * The grid shows each row before `row` is told of it.
 */
class StreamedTable {
  /** The table, once found (or a problem with it). */
  table: SheetTable;
  /** Whether the search for the header is over (found, or past the rows it is looked for in). */
  decided = false;
  private reader: TableReader | undefined;

  constructor(
    private readonly grid: Grid,
    private readonly file: string,
    private readonly unitCodes: UnitCodes,
    private readonly out: EvidenceRow[],
    private readonly diagnostics: Diagnostic[],
  ) {}

  row(n: number): void {
    if (this.decided) {
      this.reader?.read(n);
      return;
    }
    const table = (this.table = sheetTable(this.grid, this.file, this.unitCodes));
    if (!table) {
      if (n >= 40) this.decided = true;
      return;
    }
    this.decided = true;
    if ('problem' in table) this.diagnostics.push(table.problem);
    else this.reader = new TableReader(this.grid, table.header, table.unit, table.origin, this.out, this.diagnostics);
  }

  /** Reports, once, the council cells the department filled in the rows read so far. */
  finish(): void {
    this.reader?.finish();
  }
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
      const sheetRows: EvidenceRow[] = [];
      const reader = new TableReader(grid, table.header, table.unit, table.origin, sheetRows, diagnostics);
      for (let row = table.header.row + 1; row <= grid.rowCount; row++) reader.read(row);
      reader.finish();
      if (table.unit !== undefined) markBlankForm(sheetRows);
      append(rows, sheetRows);
    }
  }
  if (!found && grids.length > 0) diagnostics.push({ code: 'no-evidence-table', severity: 'error', file, params: {}, fatal: true });
  return { rows, diagnostics };
}

/**
 * Evidence rows from a CSV file's text, interpreted as its rows are
 * scanned: the same as rowsFromGrids on its grid, without ever holding the
 * file's cells (a national long table has millions).
 */
export function rowsFromCsv(file: string, text: string, unitCodes: UnitCodes): { rows: EvidenceRow[]; diagnostics: Diagnostic[] } {
  const rows: EvidenceRow[] = [];
  const diagnostics: Diagnostic[] = [];
  /** The rows up to the header, while it is looked for; then only the row being read. */
  const head: string[][] = [];
  let current: string[] = [];
  const lines: number[] = [];
  const grid: Grid = {
    file,
    rowCount: 0,
    columnCount: 0,
    value: (r, c) => (r === grid.rowCount ? current : head[r - 1])?.[c - 1],
    lineOf: lineLookup(lines),
  };
  const feed = new StreamedTable(grid, file, unitCodes, rows, diagnostics);
  const problem = scanCsvFile(file, text, (fields, line) => {
    const n = ++grid.rowCount;
    grid.columnCount = Math.max(grid.columnCount, fields.length);
    lines.push(line);
    current = fields;
    if (!feed.decided) head.push(fields);
    feed.row(n);
  });
  if (problem) return { rows: [], diagnostics: [problem] };
  feed.finish();
  const table = feed.table;
  if (table === undefined) diagnostics.push({ code: 'no-evidence-table', severity: 'error', file, params: {}, fatal: true });
  else if (!('problem' in table) && table.unit !== undefined) markBlankForm(rows);
  return { rows, diagnostics };
}

/**
 * Evidence rows from a large workbook, interpreted as its rows stream out
 * of the reader. Only the rows up to the header are kept; every later row
 * becomes evidence as it arrives.
 */
export async function rowsFromStream(bytes: Buffer, file: string, unitCodes: UnitCodes): Promise<{ rows: EvidenceRow[]; diagnostics: Diagnostic[] }> {
  const rows: EvidenceRow[] = [];
  const diagnostics: Diagnostic[] = [];
  const feeds: StreamedTable[] = [];
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
    const feed = new StreamedTable(grid, file, unitCodes, rows, diagnostics);
    feeds.push(feed);
    return {
      row(n, values, formats) {
        grid.rowCount = n;
        grid.columnCount = Math.max(grid.columnCount, values.length - 1);
        if (feed.decided) current = { n, values, formats };
        else {
          head.set(n, values);
          headFormats.set(n, formats);
        }
        feed.row(n);
      },
      end({ merges }) {
        const table = feed.table;
        if (table && !('problem' in table)) append(diagnostics, mergesOverData({ ...grid, merges }, table.header));
        // Council cells filled by the department: said once per sheet, as for a workbook read whole.
        feed.finish();
      },
    };
  });
  if (problem) return { rows: [], diagnostics: [problemDiagnostic(file, problem)] };
  if (!feeds.some((feed) => feed.table !== undefined)) diagnostics.push({ code: 'no-evidence-table', severity: 'error', file, params: {}, fatal: true });
  return { rows, diagnostics };
}
