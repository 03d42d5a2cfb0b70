/**
 * A small RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF,
 * a BOM. The delimiter is found from the header line: Excel set to
 * Vietnamese regional settings saves with ";", others with "," or a tab.
 */
import { LIMITS } from '../core/limits.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { Grid } from './table.js';

function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  let best = ',';
  let bestCount = -1;
  for (const d of [',', ';', '\t']) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === d) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** What stops a CSV read: a limit, or a quote never closed (the line it opens on). */
export type CsvStop = { code: 'limit-rows' | 'limit-columns' | 'limit-cells'; count: number; limit: number; line: number } | { code: 'csv-unclosed-quote'; line: number; column: number };

export interface CsvLimits {
  rows: number;
  columns: number;
  cells: number;
}

const NO_LIMITS: CsvLimits = { rows: Infinity, columns: Infinity, cells: Infinity };

/**
 * Parses CSV text row by row, handing each row and the physical line it
 * starts on to `onRow`, and checking the limits as rows arrive. A quoted
 * field may span lines; one that never closes stops the read at the line
 * where it opens, so no row after it is silently swallowed.
 */
export function scanCsv(text: string, onRow: (fields: string[], line: number) => void, delimiter = detectDelimiter(text), limits: CsvLimits = NO_LIMITS): CsvStop | undefined {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let rows = 0;
  let cells = 0;
  while (i < n) {
    const rowLine = line;
    const fields: string[] = [];
    // One row: fields until an unquoted line break or the end.
    for (;;) {
      let field: string;
      if (text.charCodeAt(i) === 34 /* " */) {
        const openLine = line;
        const parts: string[] = [];
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) return { code: 'csv-unclosed-quote', line: openLine, column: fields.length + 1 };
          parts.push(text.slice(j, q));
          if (text.charCodeAt(q + 1) === 34) {
            parts.push('"');
            j = q + 2;
          } else {
            j = q + 1;
            break;
          }
        }
        field = parts.join('');
        for (let k = field.indexOf('\n'); k >= 0; k = field.indexOf('\n', k + 1)) line++;
        // A lone CR inside quotes is a line break too (old Mac files).
        for (let k = field.indexOf('\r'); k >= 0; k = field.indexOf('\r', k + 1)) if (field.charCodeAt(k + 1) !== 10) line++;
        // Text after the closing quote, up to the delimiter, is kept as typed.
        let k = j;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === d || c === 10 || c === 13) break;
          k++;
        }
        if (k > j) field += text.slice(j, k);
        i = k;
      } else {
        let k = i;
        while (k < n) {
          const c = text.charCodeAt(k);
          if (c === d || c === 10 || c === 13) break;
          k++;
        }
        field = text.slice(i, k);
        i = k;
      }
      fields.push(field);
      if (fields.length > limits.columns) return { code: 'limit-columns', count: fields.length, limit: limits.columns, line: rowLine };
      if (i < n && text.charCodeAt(i) === d) {
        i++;
        continue;
      }
      break;
    }
    if (i < n) {
      // A line break: CRLF, LF or CR.
      if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) i++;
      i++;
      line++;
    }
    rows++;
    cells += fields.length;
    if (rows > limits.rows) return { code: 'limit-rows', count: rows, limit: limits.rows, line: rowLine };
    if (cells > limits.cells) return { code: 'limit-cells', count: cells, limit: limits.cells, line: rowLine };
    onRow(fields, rowLine);
  }
  return undefined;
}

function gridOf(file: string, rows: string[][], lines: number[]): Grid {
  const columnCount = rows.reduce((m, r) => Math.max(m, r.length), 0);
  return {
    file,
    rowCount: rows.length,
    columnCount,
    value: (row, col) => rows[row - 1]?.[col - 1],
    lineOf: lineLookup(Int32Array.from(lines)),
  };
}

/** Physical lines by row, in a closure of its own: rows that keep it for their locations do not keep the cells. */
export function lineLookup(lines: ArrayLike<number>): (row: number) => number {
  return (row) => lines[row - 1] ?? row;
}

/** A CSV file as a grid, its rows located by physical line (no limits; throws on a quote never closed). */
export function csvGrid(file: string, text: string): Grid {
  const rows: string[][] = [];
  const lines: number[] = [];
  const stop = scanCsv(text, (r, line) => {
    rows.push(r);
    lines.push(line);
  });
  if (stop) throw new Error(`CSV: ${stop.code} at line ${stop.line}`);
  return gridOf(file, rows, lines);
}

/**
 * Scans a CSV file's text, handing each row and the physical line it starts
 * on to `onRow`, with the limits checked as rows arrive; a located fatal
 * diagnostic when the read stops.
 */
export function scanCsvFile(
  file: string,
  text: string,
  onRow: (fields: string[], line: number) => void,
  limits: CsvLimits = { rows: LIMITS.csvRows, columns: LIMITS.columns, cells: LIMITS.cells },
): Diagnostic | undefined {
  const stop = scanCsv(text, onRow, detectDelimiter(text), limits);
  if (!stop) return undefined;
  if (stop.code === 'csv-unclosed-quote') return { code: stop.code, severity: 'error', file, location: { line: stop.line, column: stop.column }, params: { line: stop.line }, fatal: true };
  return { code: stop.code, severity: 'error', file, location: { line: stop.line, column: 1 }, params: { count: stop.count, limit: stop.limit }, fatal: true };
}

/** A CSV file as a grid, with the limits checked as rows arrive; a located fatal diagnostic otherwise. */
export function readCsvGrid(file: string, text: string, limits?: CsvLimits): { grid: Grid } | { problem: Diagnostic } {
  const rows: string[][] = [];
  const lines: number[] = [];
  const problem = scanCsvFile(
    file,
    text,
    (r, line) => {
      rows.push(r);
      lines.push(line);
    },
    limits,
  );
  return problem ? { problem } : { grid: gridOf(file, rows, lines) };
}
