/**
 * The Excel report a council attaches to its decision. Pure over the
 * results model: it writes the workbook, streamed, to the stream it is
 * given (the command makes that a temporary file renamed into place). One
 * module per sheet under xlsx/; words in xlsx/words.ts, styles and print
 * layout in xlsx/sheet.ts.
 *
 * Streamed so that memory does not grow with the round: each sheet is
 * written row block by row block and committed before the next one is
 * started, and the next one waits until the zip has taken the last one in
 * (exceljs's WorkbookWriter otherwise keeps every committed sheet's XML in
 * memory until the zip reaches it). Strings are written inline, not shared:
 * a shared-strings table holds every distinct text of the whole workbook
 * until the end.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ResultsModel } from './model.js';
import { adjustmentsSheet } from './xlsx/adjustments.js';
import { analysisSheet, unitFactsSheet } from './xlsx/analysis.js';
import { areasSheet } from './xlsx/areas.js';
import { sheetContext, type ReportOptions, type UnitSheets } from './xlsx/context.js';
import { criteriaSheet } from './xlsx/criteria.js';
import { rankingSheet } from './xlsx/ranking.js';
import { sourcesSheet } from './xlsx/sources.js';
import { unitSheet, unitSheetName } from './xlsx/unit.js';
import { REPORT_SHEETS } from './xlsx/words.js';
import { nameKey } from '../io/sheet-names.js';
import { markAsOutput } from '../io/output.js';

export { REPORT_SHEETS, unitSheetName, type ReportOptions, type UnitSheets };

/**
 * LibreOffice Calc opens at most 10,000 sheets (MAXTABCOUNT in
 * sc/inc/address.hxx); with the report's own sheets, this many units get a
 * sheet each and the workbook still opens (and converts to PDF).
 */
export const MAX_UNIT_SHEETS = 10_000 - Object.keys(REPORT_SHEETS.vi).length;

/** Whether each unit gets its own sheet: `auto` gives them while LibreOffice can still open the workbook. */
export function unitSheetsShown(mode: UnitSheets, units: number): boolean {
  return mode === 'all' || (mode === 'auto' && units <= MAX_UNIT_SHEETS);
}

/** The exceljs archiver inside the streaming workbook: it says when it has taken a part into the zip. */
interface ZipEvents {
  on(event: 'entry', listener: (entry: { name: string }) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
}

/** Resolves when the zip has compressed `ws` (its XML no longer held in memory); rejects on a zip error or an abort. */
function zipped(wb: ExcelJS.stream.xlsx.WorkbookWriter, ws: ExcelJS.Worksheet, signal: AbortSignal | undefined): Promise<void> {
  const zip = (wb as unknown as { zip: ZipEvents }).zip;
  const part = `xl/worksheets/sheet${ws.id}.xml`;
  return new Promise<void>((resolve, reject) => {
    const done = (): void => {
      zip.off('entry', onEntry);
      zip.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onEntry = (entry: { name: string }): void => {
      if (entry.name.replace(/^\/+/, '') !== part) return;
      done();
      // The workbook keeps every sheet it made (for the workbook's own parts at the end), and each
      // sheet its output buffer (64 KB): let the buffer go once the zip has the sheet.
      (ws as unknown as { _stream?: unknown })._stream = undefined;
      resolve();
    };
    const onError = (err: Error): void => {
      done();
      reject(err);
    };
    const onAbort = (): void => {
      done();
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    if (signal?.aborted) return onAbort();
    zip.on('entry', onEntry);
    zip.on('error', onError);
    signal?.addEventListener('abort', onAbort);
  });
}

/**
 * Writes the report as an .xlsx to `out`, which is ended when the workbook
 * is complete. `signal` stops the writing (e.g. when the file being written
 * failed); the promise then rejects.
 */
export async function writeReport(model: ResultsModel, o: ReportOptions, out: Writable, signal?: AbortSignal): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'parscore';
  wb.lastModifiedBy = 'parscore';
  wb.created = o.generatedAt;
  wb.modified = o.generatedAt;
  // Only outputs carry the mark, so `report -o` may refresh a report but never a returned form.
  markAsOutput(wb);
  const perUnit = unitSheetsShown(o.unitSheets, model.units.length);
  const ctx = sheetContext(wb, model, o, perUnit);
  const next = (ws: ExcelJS.Worksheet): Promise<void> => zipped(wb, ws, signal);
  await next(rankingSheet(ctx));
  await next(areasSheet(ctx));
  if (perUnit) {
    const taken = new Set<string>(Object.values(REPORT_SHEETS[o.lang]).map(nameKey));
    for (const u of model.units) await next(unitSheet(ctx, u, unitSheetName(u.json.code, taken)));
  }
  await next(adjustmentsSheet(ctx));
  await next(analysisSheet(ctx));
  await next(unitFactsSheet(ctx));
  await next(criteriaSheet(ctx));
  await next(sourcesSheet(ctx));
  signal?.throwIfAborted();
  await wb.commit();
}
