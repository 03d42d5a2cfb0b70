import type ExcelJS from 'exceljs';
import type { Lang } from '../../core/lang.js';
import { fixedFormat } from '../format.js';
import type { ResultsModel } from '../model.js';
import { WORDS, type ReportWords } from './words.js';

export interface ReportOptions {
  lang: Lang;
  generatedAt: Date;
  toolVersion: string;
  /** Where the results came from (a round or a results file), for the sources sheet. */
  source: string;
  /** One sheet per unit: always, never, or while LibreOffice can open the workbook (see MAX_UNIT_SHEETS). */
  unitSheets: UnitSheets;
}

export type UnitSheets = 'auto' | 'all' | 'none';

/**
 * The language a number format is written in: a Vietnamese report's numbers
 * print with the decimal comma its text uses ("50,417", as "−0,744" beside
 * it), also from a LibreOffice set to English (which renders a format in its
 * own language; the PDF came out "50.417"). Excel shows numbers with the
 * computer's separators either way. 42A is Vietnamese's locale id.
 */
const NUMBER_LOCALE: Record<Lang, string> = { vi: '[$-42A]', en: '' };

/** What every sheet module gets: the model, the options, the words, the number formats. */
export interface SheetContext {
  wb: ExcelJS.Workbook;
  model: ResultsModel;
  o: ReportOptions;
  w: ReportWords;
  /** Points: the criteria set's `precision` decimals. */
  pointsFmt: string;
  /** Indexes: the set's `decimals`. */
  indexFmt: string;
  /** Whether this report has a sheet per unit. */
  unitSheets: boolean;
  /** Printed at the top of every page when the results are not final (a draft, or units still provisional); null otherwise. */
  mark: string | null;
}

export function sheetContext(wb: ExcelJS.Workbook, model: ResultsModel, o: ReportOptions, unitSheets: boolean): SheetContext {
  const { precision, decimals } = model.results.options;
  const inLang = (fmt: string): string => `${NUMBER_LOCALE[o.lang]}${fmt}`;
  const w = WORDS[o.lang];
  const mark = model.results.draft ? w.pageMark.draft : model.units.some((u) => u.provisional) ? w.pageMark.provisional : null;
  return { wb, model, o, w, pointsFmt: inLang(fixedFormat(precision)), indexFmt: inLang(fixedFormat(decimals)), unitSheets, mark };
}
