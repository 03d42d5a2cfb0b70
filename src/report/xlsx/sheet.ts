/**
 * How the report's sheets are drawn: one palette, one complete style per
 * cell, A4 pages with "Trang x/y" footers, and rows tall enough for the
 * wrapped text they hold (estimated by src/io/sheet-layout.ts, as the forms
 * do), so LibreOffice's PDF prints every word once.
 */
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type { Lang } from '../../core/lang.js';
import { a4PageSetup, pageNumberFooter, rowHeightFor, type WrappedCell } from '../../io/sheet-layout.js';

export const FONT = 'Times New Roman';
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEAD_FILL = 'FFDDEBF7';
export const BRANCH_FILL = 'FFF2F2F2';
export const LOST_FILL = 'FFFCE4D6';
export const NA_FILL = 'FFD9D9D9';
export const BANNER_FILL = 'FFFFF2CC';
export const RED = 'FFC00000';
const DEFAULT_SIZE = 11;
/** The height of a row given none (the default row height the workbook declares). */
const DEFAULT_ROW_PT = 15;
/** Long tables write their rows out every so many rows: memory holds a few hundred rows, not the round. */
export const COMMIT_EVERY = 200;

/** exceljs's writer of a worksheet's <extLst> (not part of its typed API): Excel 2010 data bar settings live there. */
interface ExtLstXform {
  prepare(model: { conditionalFormattings: unknown[] }, options: object): void;
  toXml(model: { conditionalFormattings: unknown[] }): string;
}
const loadCjs = createRequire(import.meta.url);

/**
 * exceljs's streaming sheet writes conditional formats but not their Excel
 * 2010 part (the worksheet's <extLst>), which its in-memory writer adds: a
 * data bar's length from 0 % to 100 % of the cell, and the id its rule
 * refers to (left empty otherwise). Written here as exceljs's own xform
 * writes it, last in the sheet, where the schema puts it.
 */
function writeExtensionsOnCommit(ws: ExcelJS.Worksheet): void {
  const sheet = ws as unknown as { conditionalFormatting: unknown[]; _write(text: string): void; _writeCloseWorksheet(): void };
  if (sheet.conditionalFormatting.length === 0) return;
  const Xform = loadCjs('exceljs/lib/xlsx/xform/sheet/ext-lst-xform.js') as new () => ExtLstXform;
  const xform = new Xform();
  const model = { conditionalFormattings: sheet.conditionalFormatting };
  // Gives each data bar rule its id before the sheet's own <conditionalFormatting> (which refers to it) is written.
  xform.prepare(model, {});
  const xml = xform.toXml(model);
  sheet._writeCloseWorksheet = function (): void {
    this._write(`${xml}</worksheet>`);
  };
}

/** A page header in the file format's codes: the text centred, bold, red. */
function pageMarkHeader(text: string): string {
  return `&C&"${FONT},Bold"&12&K${RED.slice(2)}${text.replace(/&/g, '&&')}`;
}

/** What a cell looks like. Every cell gets one complete style. */
export interface Look {
  bold?: boolean;
  size?: number;
  italic?: boolean;
  underline?: boolean;
  color?: string;
  fill?: string;
  border?: boolean;
  h?: 'left' | 'center' | 'right';
  v?: 'top' | 'middle';
  wrap?: boolean;
  numFmt?: string;
}

/**
 * Style objects shared by every cell that looks the same: exceljs
 * recognises a style it has seen by object identity, so sharing them keeps
 * writing the workbook close to writing bare values. A shared style must
 * never be mutated: cells change style by getting another one.
 */
const styles = new Map<string, Partial<ExcelJS.Style>>();
function look(l: Look): Partial<ExcelJS.Style> {
  const key = JSON.stringify(l);
  let style = styles.get(key);
  if (!style) {
    style = {
      font: {
        name: FONT,
        size: l.size ?? DEFAULT_SIZE,
        bold: l.bold ?? false,
        italic: l.italic ?? false,
        ...(l.underline ? { underline: true } : {}),
        ...(l.color ? { color: { argb: l.color } } : {}),
      },
      alignment: { horizontal: l.h ?? 'left', vertical: l.v ?? 'top', wrapText: l.wrap ?? false },
      ...(l.border ? { border: BORDER } : {}),
      ...(l.fill ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: l.fill } } as ExcelJS.Fill } : {}),
      ...(l.numFmt ? { numFmt: l.numFmt } : {}),
    };
    styles.set(key, style);
  }
  return style;
}

/** How a sheet prints: its table header rows (repeated on every page, frozen on screen), and the columns frozen beside them. */
export interface SheetSetup {
  lang: Lang;
  /** Printed in red at the top of every page (a report not final: sheetContext's `mark`). */
  mark: string | null;
  headerRows: { first: number; last: number };
  freezeCols?: number;
}

/**
 * A sheet being written to the streaming workbook: its column widths, and
 * the wrapped text of each row not yet written out, for the row heights.
 * Rows stay in memory until `commitThrough` (or `finish`) writes them to the
 * file, so a sheet module may still touch any row after the last commit
 * (merge it, set its height, break the page there) and memory holds at
 * most one sheet. Page setup, footer and frozen panes are given when the
 * sheet is created: the streaming writer writes them into the sheet's
 * opening XML (sheetPr, sheetViews), before any row.
 */
export class SheetWriter {
  readonly ws: ExcelJS.Worksheet;
  private readonly wrapped = new Map<number, WrappedCell[]>();
  private readonly minimum = new Map<number, number>();
  /** Rows 1..committed have been written to the file. */
  private committed = 0;

  get committedRows(): number {
    return this.committed;
  }

  constructor(
    wb: ExcelJS.Workbook,
    name: string,
    readonly widths: readonly number[],
    setup: SheetSetup,
  ) {
    const page = a4PageSetup('landscape', setup.headerRows) as Partial<ExcelJS.PageSetup>;
    this.ws = wb.addWorksheet(name, {
      // Columns are laid out close to the page width, but Calc measures widths a little wider than
      // Excel: fitting to one page wide keeps each table whole at a scale near 100 %.
      pageSetup: { ...page, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      headerFooter: {
        oddFooter: pageNumberFooter(setup.lang),
        evenFooter: pageNumberFooter(setup.lang),
        // A page printed alone still says it is not final ("&&" is a literal "&" in a header).
        ...(setup.mark ? { oddHeader: pageMarkHeader(setup.mark), evenHeader: pageMarkHeader(setup.mark) } : {}),
      },
      views: [{ state: 'frozen', ySplit: setup.headerRows.last, xSplit: setup.freezeCols ?? 0 }],
    });
    this.ws.columns = widths.map((width) => ({ width }));
  }

  /** Writes one cell; `span` columns wide when it will be merged (for its row height). */
  put(row: number, col: number, value: ExcelJS.CellValue, l: Look, span = 1): void {
    const cell = this.ws.getCell(row, col);
    const style = look(l);
    // Nothing to say is an empty cell (with its style), not an empty text: the streaming writer has no shared "" to point to.
    // Text of several lines goes in as one run of rich text: the streaming writer writes plain text as a formula's
    // result (t="str"), whose line breaks LibreOffice drops ("ỦY BAN NHÂN DÂNTỈNH MẪU"); a run, in the cell's font, keeps them.
    cell.value = value === '' ? null : typeof value === 'string' && value.includes('\n') ? { richText: [{ text: value, font: style.font! }] } : value;
    cell.style = style;
    if (l.wrap && typeof value === 'string' && value !== '') {
      let width = 0;
      for (let c = col; c < col + span; c++) width += this.widths[c - 1] ?? 9;
      let list = this.wrapped.get(row);
      if (!list) this.wrapped.set(row, (list = []));
      list.push({ text: value, width, fontSizePt: l.size ?? DEFAULT_SIZE });
    }
  }

  /** A cell merged across columns `col`..`last` (style first: merged cells keep their first cell's style). */
  merged(row: number, col: number, last: number, value: ExcelJS.CellValue, l: Look): void {
    this.put(row, col, value, { ...l, wrap: true }, last - col + 1);
    if (last > col) this.ws.mergeCells(row, col, row, last);
  }

  title(row: number, text: string, lastCol: number, size = 14): void {
    this.merged(row, 1, lastCol, text, { bold: true, size, h: 'center', v: 'middle' });
  }

  header(row: number, titles: readonly string[], startCol = 1): void {
    titles.forEach((t, i) => this.put(row, startCol + i, t, HEAD));
    this.atLeast(row, 30);
  }

  /** A body row: values with the table's look, some columns with their own. */
  row(row: number, values: readonly ExcelJS.CellValue[], base: Look, perColumn: Record<number, Look> = {}): void {
    values.forEach((v, i) => this.put(row, i + 1, v, { ...base, ...(perColumn[i + 1] ?? {}) }));
  }

  /** The height a row is given (points): estimated from its wrapped text, at least its minimum, else the sheet's default. */
  heightOf(row: number): number {
    return this.estimatedHeight(row) || DEFAULT_ROW_PT;
  }

  /** A row's height from its wrapped text and minimum; 0 when it has neither (the default then applies). */
  private estimatedHeight(row: number): number {
    return rowHeightFor(this.wrapped.get(row) ?? [], this.minimum.get(row) ?? 0);
  }

  atLeast(row: number, points: number): void {
    this.minimum.set(row, Math.max(points, this.minimum.get(row) ?? 0));
  }

  /** Gives rows up to `last` their heights and writes them to the file: they can no longer change. */
  commitThrough(last: number): void {
    if (last <= this.committed) return;
    const rows = new Set([...this.wrapped.keys(), ...this.minimum.keys()]);
    for (const r of rows) {
      if (r > last) continue;
      const height = this.estimatedHeight(r);
      if (height > 0) this.ws.getRow(r).height = height;
      this.wrapped.delete(r);
      this.minimum.delete(r);
    }
    this.ws.getRow(last).commit();
    this.committed = last;
  }

  /** Writes the rows left, then the sheet's closing parts (merges, filter, conditional formats, page setup). */
  finish(): ExcelJS.Worksheet {
    const rows = [...this.wrapped.keys(), ...this.minimum.keys()];
    for (const r of rows) {
      const height = this.estimatedHeight(r);
      if (height > 0) this.ws.getRow(r).height = height;
    }
    this.wrapped.clear();
    this.minimum.clear();
    writeExtensionsOnCommit(this.ws);
    this.ws.commit();
    return this.ws;
  }
}

export const HEAD: Look = { bold: true, h: 'center', v: 'middle', wrap: true, border: true, fill: HEAD_FILL };
export const BODY: Look = { border: true, wrap: true };
export const CENTER: Look = { h: 'center' };
export const BRANCH: Look = { bold: true, fill: BRANCH_FILL };
/** Numbers: right-aligned, with a number format (the viewer's locale gives the separators). */
export const numberLook = (numFmt: string): Look => ({ h: 'right', numFmt });
