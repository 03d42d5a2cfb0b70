/**
 * Finding data in a sheet or CSV the way people lay it out: the header row
 * is found by its text (ignoring case, diacritics and spacing), columns by
 * header, rows by criterion code. Extra, reordered, blank or hidden rows and
 * columns do not matter.
 */
import { foldForMatch } from '../core/text.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { MergeRange } from '../io/spreadsheet.js';
import { cellText, columnLetter, readCell, type CellContent } from './cells.js';

/** A grid of raw cell values with its origin, from a worksheet or a CSV file. */
export interface Grid {
  file: string;
  /** Worksheet name; undefined for CSV. */
  sheet?: string;
  rowCount: number;
  columnCount: number;
  /** Raw value at a 1-based row and column. */
  value(row: number, col: number): unknown;
  /**
   * The cell's number-format code as the file stores it ("0%", "0.00%",
   * "dd/mm/yyyy", "@", "General"), or undefined (CSV, or none set). A
   * cell's format is part of its value: 0.95 shown as "95%" means 95 %.
   */
  numFmt?(row: number, col: number): string | undefined;
  /** Merged ranges as the file declares them (only the top-left cell holds the value). */
  merges?: readonly MergeRange[];
  /** CSV: the physical line a row starts on (a quoted field may span lines). */
  lineOf?(row: number): number;
}

export type Where = Pick<Diagnostic, 'file' | 'cell' | 'location'>;

/** What locates a cell of a grid, without the grid's cells: rows keep it after their grid is gone. */
export type GridPlace = Pick<Grid, 'file' | 'sheet' | 'lineOf'>;

/** The grid's place, as a small object of its own (a CSV's line numbers, not its cells). */
export function placeOf(grid: Grid): GridPlace {
  const place: GridPlace = { file: grid.file };
  if (grid.sheet !== undefined) place.sheet = grid.sheet;
  if (grid.lineOf) place.lineOf = grid.lineOf;
  return place;
}

export function whereIn(grid: GridPlace, row: number, col: number): Where {
  if (grid.sheet !== undefined) return { file: grid.file, cell: { sheet: grid.sheet, cell: `${columnLetter(col)}${row}` } };
  return { file: grid.file, location: { line: grid.lineOf?.(row) ?? row, column: col } };
}

export function contentAt(grid: Grid, row: number, col: number | undefined): CellContent {
  return col === undefined ? { kind: 'empty' } : readCell(grid.value(row, col), grid.numFmt?.(row, col));
}

export type Field = 'unit' | 'criterion' | 'self' | 'appraised' | 'measure' | 'option' | 'evidence' | 'note' | 'reason';

/** Header texts, folded; Vietnamese first, English aliases after. */
const HEADERS: Record<Field, readonly string[]> = {
  unit: ['madonvi', 'donvi', 'unit', 'unitcode'],
  criterion: ['matieuchi', 'ma', 'tieuchi', 'criterion', 'code'],
  self: ['diemtucham', 'diemtudanhgia', 'tucham', 'self', 'selfscore'],
  appraised: ['diemthamdinh', 'thamdinh', 'appraised', 'appraisedscore'],
  measure: ['solieu', 'measure'],
  option: ['luachon', 'option'],
  evidence: ['tailieukiemchung', 'evidence'],
  note: ['giaitrinh', 'note', 'explanation'],
  reason: ['lydodieuchinh', 'lydo', 'reason'],
};

const FIELD_BY_HEADER = new Map<string, Field>(Object.entries(HEADERS).flatMap(([field, names]) => names.map((n) => [n, field as Field] as const)));

export interface HeaderMap {
  row: number;
  columns: Partial<Record<Field, number>>;
  /** Other columns, by folded header text (survey matrices name criteria codes here). */
  others: Map<number, string>;
}

/** How far down a sheet the header row is looked for. */
const HEADER_SEARCH_ROWS = 40;

/**
 * The first row, within the search window, whose headers `accept` takes.
 * Headers of the fields `maps` allows become columns; every other header is kept in `others`.
 */
function scanHeader(grid: Grid, maps: (field: Field) => boolean, accept: (h: HeaderMap) => boolean): HeaderMap | undefined {
  const last = Math.min(grid.rowCount, HEADER_SEARCH_ROWS);
  for (let row = 1; row <= last; row++) {
    const columns: Partial<Record<Field, number>> = {};
    const others = new Map<number, string>();
    for (let col = 1; col <= grid.columnCount; col++) {
      const text = cellText(contentAt(grid, row, col));
      if (text === '') continue;
      const field = FIELD_BY_HEADER.get(foldForMatch(text));
      if (field !== undefined && maps(field) && columns[field] === undefined) columns[field] = col;
      else others.set(col, text);
    }
    const header = { row, columns, others };
    if (accept(header)) return header;
  }
  return undefined;
}

/** Finds the first row that names the criterion column and at least one of `needs`. */
export function findHeader(grid: Grid, needs: readonly Field[]): HeaderMap | undefined {
  return scanHeader(
    grid,
    () => true,
    (h) => h.columns.criterion !== undefined && needs.some((f) => h.columns[f] !== undefined),
  );
}

/** Finds a header row with a unit column and other columns (survey matrices). */
export function findUnitHeader(grid: Grid): HeaderMap | undefined {
  return scanHeader(
    grid,
    (f) => f === 'unit',
    (h) => h.columns.unit !== undefined && h.others.size > 0,
  );
}

/**
 * The value beside a label above the header row, e.g. "Mã đơn vị:" → "SNV".
 * Returns the value and where it is.
 */
export function labelledValue(grid: Grid, label: string, beforeRow: number): { text: string; row: number; col: number } | undefined {
  const want = foldForMatch(label);
  for (let row = 1; row < beforeRow; row++) {
    for (let col = 1; col <= grid.columnCount; col++) {
      if (foldForMatch(cellText(contentAt(grid, row, col))) !== want) continue;
      for (let c = col + 1; c <= grid.columnCount; c++) {
        const text = cellText(contentAt(grid, row, c));
        if (text !== '') return { text, row, col: c };
      }
    }
  }
  return undefined;
}
