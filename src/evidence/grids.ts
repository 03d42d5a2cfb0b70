/**
 * Opening a table file within the limits: a workbook (.xlsx, .xlsm, .ods:
 * a grid per visible worksheet) or a CSV (one grid); a large workbook is
 * handed on as bytes, to be interpreted row by row as it streams.
 */
import { LIMITS } from '../core/limits.js';
import { fatalDiagnostic, type Diagnostic } from '../diagnostics/index.js';
import { readBytesInput } from '../io/read-text.js';
import type { RawCell, ReadProblem, SheetSink } from '../io/spreadsheet.js';
import { readWorkbookBytes, recogniseWorkbook } from '../io/workbook-read.js';
import { readCsvGrid } from './csv.js';
import type { Grid } from './table.js';

export interface InputFile {
  role: 'criteria' | 'units' | 'evidence' | 'survey' | 'previous' | 'workspace' | 'appraisal';
  path: string;
  sha256: string;
}

/** CSV tables are `.csv` only: a `.txt` note beside the forms is not data. */
export const CSV = /\.csv$/i;

/** A sheet or CSV past the row or column limit, as a fatal diagnostic. */
function sizeLimit(grid: Grid): Diagnostic | undefined {
  const where = grid.sheet !== undefined ? { cell: { sheet: grid.sheet } } : {};
  const rows = grid.sheet !== undefined ? LIMITS.rows : LIMITS.csvRows;
  if (grid.rowCount > rows) return { code: 'limit-rows', severity: 'error', file: grid.file, ...where, params: { count: grid.rowCount, limit: rows }, fatal: true };
  if (grid.columnCount > LIMITS.columns) return { code: 'limit-columns', severity: 'error', file: grid.file, ...where, params: { count: grid.columnCount, limit: LIMITS.columns }, fatal: true };
  return undefined;
}

/** A reader's problem as a fatal diagnostic on `file`, at the sheet and cell when known. */
export function problemDiagnostic(file: string, p: ReadProblem): Diagnostic {
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

/** What a table file holds once opened: its grids, (a large workbook) its bytes to stream, or (a CSV left to scan) its text. */
export type OpenedTable = { kind: 'grids'; grids: Grid[] } | { kind: 'stream'; bytes: Buffer } | { kind: 'csv'; text: string };

/**
 * Opens a table file; `streamAbove`: workbooks larger than this many bytes
 * are left as bytes to stream; `csvText`: a CSV is left as its text, for
 * its rows to be interpreted as they are scanned.
 */
export async function openTable(absPath: string, file: string, opts: { streamAbove?: number; csvText?: boolean } = {}): Promise<{ table?: OpenedTable; input?: InputFile; diagnostics: Diagnostic[] }> {
  const bytesInput = await readBytesInput(absPath, file, CSV.test(file) ? LIMITS.tableBytes : LIMITS.workbookBytes);
  if (!bytesInput.ok) return { diagnostics: [bytesInput.diagnostic] };
  const input: InputFile = { role: 'evidence', path: file, sha256: bytesInput.sha256 };
  if (CSV.test(file)) {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytesInput.bytes);
    } catch {
      return { input, diagnostics: [fatalDiagnostic(file, 'csv-not-utf8')] };
    }
    // Within the limits as scanned: the row and column limits are the scan's own (sizeLimit never adds to them for a CSV).
    if (opts.csvText) return { table: { kind: 'csv', text }, input, diagnostics: [] };
    const read = readCsvGrid(file, text);
    if ('problem' in read) return { input, diagnostics: [read.problem] };
    const tooBig = sizeLimit(read.grid);
    return tooBig ? { input, diagnostics: [tooBig] } : { table: { kind: 'grids', grids: [read.grid] }, input, diagnostics: [] };
  }
  if (opts.streamAbove !== undefined && bytesInput.bytes.length > opts.streamAbove) {
    // Recognised now, so that an .xls or a damaged zip is named before any row is read.
    const found = recogniseWorkbook(bytesInput.bytes);
    if ('problem' in found) return { input, diagnostics: [problemDiagnostic(file, found.problem)] };
    return { table: { kind: 'stream', bytes: bytesInput.bytes }, input, diagnostics: [] };
  }
  const read = await workbookGrids(bytesInput.bytes, file);
  return { table: { kind: 'grids', grids: read.grids }, input, diagnostics: read.diagnostics };
}

/** The grids of a table file, read whole (survey files, the council's workbooks). */
export async function readGrids(absPath: string, file: string): Promise<{ grids: Grid[]; input?: InputFile; diagnostics: Diagnostic[] }> {
  const { table, input, diagnostics } = await openTable(absPath, file);
  const grids = table?.kind === 'grids' ? table.grids : [];
  return input ? { grids, input, diagnostics } : { grids, diagnostics };
}
