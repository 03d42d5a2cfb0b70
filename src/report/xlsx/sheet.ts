/**
 * How the report's sheets are drawn: one palette, one complete style per
 * cell, A4 pages with "Trang x/y" footers, and rows tall enough for the
 * wrapped text they hold (estimated by src/io/sheet-layout.ts, as the forms
 * do), so LibreOffice's PDF prints every word once.
 */
import type ExcelJS from 'exceljs';
import type { Lang } from '../../core/lang.js';
import { a4PageSetup, pageNumberFooter, rowHeightFor, type WrappedCell } from '../../io/sheet-layout.js';

export const FONT = 'Times New Roman';
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const HEAD_FILL = 'FFDDEBF7';
export const BRANCH_FILL = 'FFF2F2F2';
export const LOST_FILL = 'FFFCE4D6';
export const NA_FILL = 'FFD9D9D9';
export const BANNER_FILL = 'FFFFF2CC';
export const RED = 'FFC00000';
const DEFAULT_SIZE = 11;

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

/** A sheet being written: its column widths, and the wrapped text of each row, for the row heights. */
export class SheetWriter {
  private readonly wrapped = new Map<number, WrappedCell[]>();
  private readonly minimum = new Map<number, number>();

  constructor(
    readonly ws: ExcelJS.Worksheet,
    readonly widths: readonly number[],
  ) {
    ws.columns = widths.map((width) => ({ width }));
  }

  /** Writes one cell; `span` columns wide when it will be merged (for its row height). */
  put(row: number, col: number, value: ExcelJS.CellValue, l: Look, span = 1): void {
    const cell = this.ws.getCell(row, col);
    cell.value = value;
    cell.style = look(l);
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

  atLeast(row: number, points: number): void {
    this.minimum.set(row, Math.max(points, this.minimum.get(row) ?? 0));
  }

  /** Page setup, footer, frozen panes, and the height of every row with wrapped text. */
  finish(o: { lang: Lang; headerRows: { first: number; last: number }; freezeCols?: number }): void {
    const setup = a4PageSetup('landscape', o.headerRows) as Partial<ExcelJS.PageSetup>;
    // Columns are laid out close to the page width, but Calc measures widths a little wider than
    // Excel: fitting to one page wide keeps each table whole at a scale near 100 %.
    this.ws.pageSetup = { ...setup, fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
    this.ws.headerFooter = { oddFooter: pageNumberFooter(o.lang), evenFooter: pageNumberFooter(o.lang) };
    this.ws.views = [{ state: 'frozen', ySplit: o.headerRows.last, xSplit: o.freezeCols ?? 0 }];
    const rows = new Set([...this.wrapped.keys(), ...this.minimum.keys()]);
    for (const r of rows) {
      const height = rowHeightFor(this.wrapped.get(r) ?? [], this.minimum.get(r) ?? 0);
      if (height > 0) this.ws.getRow(r).height = height;
    }
  }
}

export const HEAD: Look = { bold: true, h: 'center', v: 'middle', wrap: true, border: true, fill: HEAD_FILL };
export const BODY: Look = { border: true, wrap: true };
export const CENTER: Look = { h: 'center' };
export const BRANCH: Look = { bold: true, fill: BRANCH_FILL };
/** Numbers: right-aligned, with a number format (the viewer's locale gives the separators). */
export const numberLook = (numFmt: string): Look => ({ h: 'right', numFmt });
