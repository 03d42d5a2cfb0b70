/**
 * The Excel report a council attaches to its decision. Pure: results model
 * in, workbook out (the command writes it). One module per sheet under
 * xlsx/; words in xlsx/words.ts, styles and print layout in xlsx/sheet.ts.
 */
import ExcelJS from 'exceljs';
import type { ResultsModel } from './model.js';
import { adjustmentsSheet } from './xlsx/adjustments.js';
import { analysisSheet } from './xlsx/analysis.js';
import { areasSheet } from './xlsx/areas.js';
import { sheetContext, type ReportOptions } from './xlsx/context.js';
import { criteriaSheet } from './xlsx/criteria.js';
import { rankingSheet } from './xlsx/ranking.js';
import { sourcesSheet } from './xlsx/sources.js';
import { unitSheet, unitSheetName } from './xlsx/unit.js';
import { REPORT_SHEETS } from './xlsx/words.js';
import { nameKey } from '../io/sheet-names.js';

export { REPORT_SHEETS, unitSheetName, type ReportOptions };

export function buildReport(model: ResultsModel, o: ReportOptions): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'parscore';
  wb.lastModifiedBy = 'parscore';
  wb.created = o.generatedAt;
  wb.modified = o.generatedAt;
  const ctx = sheetContext(wb, model, o);
  rankingSheet(ctx);
  areasSheet(ctx);
  const taken = new Set<string>(Object.values(REPORT_SHEETS[o.lang]).map(nameKey));
  for (const u of model.units) unitSheet(ctx, u, unitSheetName(u.json.code, taken));
  adjustmentsSheet(ctx);
  analysisSheet(ctx);
  criteriaSheet(ctx);
  sourcesSheet(ctx);
  return wb;
}
