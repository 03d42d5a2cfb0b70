/**
 * What the spreadsheet readers (xlsx, ods) hand on: rows of raw cell
 * values, one sheet at a time, with each cell's number format, and the
 * limits they share. The readers stream; what is kept is up to the caller.
 */
import { LIMITS } from '../core/limits.js';
import type { DiagnosticCode } from '../diagnostics/index.js';

/**
 * A cell's value as the file holds it. Numbers shown with a date format
 * are Dates (as exceljs gives them); a formula carries the value the
 * spreadsheet program saved, or none (`stale` when it cannot be trusted).
 */
export type RawCell = number | string | boolean | Date | { error: string } | { formula: string; result?: number | string | boolean | Date | { error: string }; stale?: true };

/** A merged range, 1-based and inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Receives one sheet's rows, in order; only rows holding a value are given. */
export interface SheetSink {
  /** `values[col]` and `formats[col]`, 1-based columns; holes are empty cells. */
  row(row: number, values: readonly (RawCell | undefined)[], formats: readonly (string | undefined)[]): void;
  /** After the last row: the sheet's extent (last row and column holding a value) and its merged ranges. */
  end(info: { rowCount: number; columnCount: number; merges: readonly MergeRange[] }): void;
}

/** Called for every visible sheet, in the workbook's order; undefined skips the sheet. */
export type SheetVisitor = (name: string) => SheetSink | undefined;

/** Why a workbook cannot be read: a diagnostic code, its parameters, and the sheet/cell when known. */
export interface ReadProblem {
  code: DiagnosticCode;
  params: Record<string, string | number>;
  sheet?: string;
  cell?: string;
}

/** Stops a read from inside a parser callback. */
export class ReadStop extends Error {
  constructor(readonly problem: ReadProblem) {
    super(problem.code);
  }
}

/** Cells and rows read so far across every sheet of one workbook, checked as they arrive. */
export class ReadBudget {
  private cells = 0;
  private rows = 0;
  private elements = 0;
  private merges = 0;

  constructor(
    private readonly limits: Record<'cells' | 'sheetRows' | 'rows' | 'columns' | 'xmlElements', number> = {
      cells: LIMITS.cells,
      sheetRows: LIMITS.sheetRows,
      rows: LIMITS.rows,
      columns: LIMITS.columns,
      xmlElements: LIMITS.xmlElements,
    },
  ) {}

  /** A merged range declared in `sheet`. */
  merge(sheet: string): void {
    if (++this.merges > LIMITS.mergedRanges) throw new ReadStop({ code: 'limit-merges', params: { limit: LIMITS.mergedRanges }, sheet });
  }

  /** An XML element opened in any part. */
  element(): void {
    if (++this.elements > this.limits.xmlElements) throw new ReadStop({ code: 'limit-xml-elements', params: { limit: this.limits.xmlElements } });
  }

  /** A cell element (with or without a value) at `col` of `sheet`. */
  cell(sheet: string, col: number, count = 1): void {
    this.cells += count;
    if (this.cells > this.limits.cells) throw new ReadStop({ code: 'limit-cells', params: { count: this.cells, limit: this.limits.cells }, sheet });
    if (col > this.limits.columns) throw new ReadStop({ code: 'limit-columns', params: { count: col, limit: this.limits.columns }, sheet });
  }

  /** The sheet's rows advanced from `from` to `to` (its last row so far). */
  advance(sheet: string, from: number, to: number): void {
    if (to > this.limits.rows) throw new ReadStop({ code: 'limit-rows', params: { count: to, limit: this.limits.rows }, sheet });
    this.rows += Math.max(0, to - from);
    if (this.rows > this.limits.sheetRows) throw new ReadStop({ code: 'limit-sheet-rows', params: { limit: this.limits.sheetRows }, sheet });
  }
}

/** Built-in number formats of the xlsx format (ECMA-376 §18.8.30), by numFmtId. */
export const BUILTIN_NUM_FMTS: ReadonlyMap<number, string> = new Map([
  [0, 'General'],
  [1, '0'],
  [2, '0.00'],
  [3, '#,##0'],
  [4, '#,##0.00'],
  [9, '0%'],
  [10, '0.00%'],
  [11, '0.00E+00'],
  [12, '# ?/?'],
  [13, '# ??/??'],
  [14, 'mm-dd-yy'],
  [15, 'd-mmm-yy'],
  [16, 'd-mmm'],
  [17, 'mmm-yy'],
  [18, 'h:mm AM/PM'],
  [19, 'h:mm:ss AM/PM'],
  [20, 'h:mm'],
  [21, 'h:mm:ss'],
  [22, 'm/d/yy h:mm'],
  [37, '#,##0 ;(#,##0)'],
  [38, '#,##0 ;[Red](#,##0)'],
  [39, '#,##0.00 ;(#,##0.00)'],
  [40, '#,##0.00 ;[Red](#,##0.00)'],
  [45, 'mm:ss'],
  [46, '[h]:mm:ss'],
  [47, 'mmss.0'],
  [48, '##0.0E+0'],
  [49, '@'],
  // East Asian built-ins (ids 27–36, 50–58) are dates in every locale that defines them.
  ...[27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58].map((id) => [id, 'yyyy-mm-dd'] as [number, string]),
]);

/** Whether a number-format code shows a date or time (quoted text and [colour]/[locale] parts ignored). */
export function isDateFormat(code: string | undefined): boolean {
  if (code === undefined) return false;
  const bare = code
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  return /[ymdhsb]/i.test(bare.replace(/General/gi, ''));
}

/** An Excel serial day number as a Date (UTC), as exceljs converts it. */
export function excelSerialToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** "E14" (or "$E$14") → [14, 5]; undefined when not a cell reference. Hand-written: it runs for every cell. */
export function parseCellRef(ref: string): [row: number, col: number] | undefined {
  let i = 0;
  const n = ref.length;
  if (ref.charCodeAt(i) === 36) i++;
  let col = 0;
  const colStart = i;
  for (; i < n; i++) {
    let c = ref.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  if (i === colStart || i - colStart > 4) return undefined;
  if (ref.charCodeAt(i) === 36) i++;
  let row = 0;
  const rowStart = i;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    row = row * 10 + (c - 48);
  }
  if (i === rowStart || i - rowStart > 8) return undefined;
  return [row, col];
}
