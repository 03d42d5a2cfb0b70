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
import { cellText, columnLetter, isNotApplicableText, type CellContent } from './cells.js';
import { problemDiagnostic } from './grids.js';
import { contentAt, findHeader, labelledValue, placeOf, whereIn, type Field, type Grid, type GridPlace, type HeaderMap, type Where } from './table.js';
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

export function normalizeCode(content: CellContent): string {
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

/**
 * Evidence rows from a large workbook, interpreted as its rows stream out
 * of the reader. Only the rows up to the header are kept; every later row
 * becomes evidence as it arrives.
 */
export async function rowsFromStream(bytes: Buffer, file: string, unitCodes: UnitCodes): Promise<{ rows: EvidenceRow[]; diagnostics: Diagnostic[] }> {
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
