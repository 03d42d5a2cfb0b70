/**
 * Print layout shared by every workbook parscore writes (forms, appraisal
 * workbooks, the report): A4 page setup, and row heights tall enough for
 * the wrapped text a row holds. Neither Excel nor LibreOffice grows a row
 * written by a library when the file is printed or converted to PDF, so a
 * row without a height overprints the rows below it.
 *
 * Pure: no exceljs import, so the layout rules can be tested on plain data.
 */

/**
 * Column widths are in "characters of the default font". Measured in
 * LibreOffice's PDF of parscore's workbooks: about 9.3 px (at 96 dpi) per
 * unit (110 units fill the width of an A4 landscape page); 9 keeps a little
 * margin, so an estimate errs towards one line too many, never too few.
 */
const PX_PER_WIDTH_UNIT = 9;
/** Padding Excel keeps inside a column, in px. */
const COLUMN_PADDING_PX = 5;
/**
 * Average advance of a character of running Vietnamese text, in ems.
 * Measured on Times New Roman (Liberation Serif) with diacritics and
 * spaces: about 0.46 em; 0.5 leaves room for words that do not break
 * where the estimate assumes.
 */
const AVERAGE_CHAR_EM = 0.5;
/** Line height as a multiple of the font size (LibreOffice uses about 1.15 for Times). */
const LINE_HEIGHT_EM = 1.2;
/** Extra points per row: cell padding above and below. */
const ROW_PADDING_PT = 4;
/** Excel's largest row height, in points. */
const MAX_ROW_HEIGHT_PT = 409;

/** How many characters of text at `fontSizePt` fit on one line of a column `width` wide. */
export function charsPerLine(width: number, fontSizePt: number): number {
  const px = Math.max(1, width * PX_PER_WIDTH_UNIT - COLUMN_PADDING_PX);
  const charPx = fontSizePt * AVERAGE_CHAR_EM * (96 / 72);
  return Math.max(1, Math.floor(px / charPx));
}

/**
 * Lines a text takes when wrapped in a column `width` wide: each paragraph
 * is broken at spaces as a word processor does; a word longer than a line
 * is cut.
 */
export function wrappedLines(text: string, width: number, fontSizePt: number): number {
  const perLine = charsPerLine(width, fontSizePt);
  let lines = 0;
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    let used = 0;
    let count = 1;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      const len = [...word].length;
      if (used === 0) {
        count += Math.floor(Math.max(0, len - 1) / perLine);
        used = len % perLine || perLine;
      } else if (used + 1 + len <= perLine) used += 1 + len;
      else {
        count += 1 + Math.floor(Math.max(0, len - 1) / perLine);
        used = len % perLine || perLine;
      }
    }
    lines += count;
  }
  return Math.max(1, lines);
}

/** One wrapped cell of a row: its text, its column's width and its font size. */
export interface WrappedCell {
  text: string;
  width: number;
  fontSizePt: number;
}

/** The height (points) a row needs so that every wrapped cell in it shows all its lines. */
export function rowHeightFor(cells: readonly WrappedCell[], minimumPt = 0): number {
  let height = minimumPt;
  for (const c of cells) {
    if (c.text === '') continue;
    const lines = wrappedLines(c.text, c.width, c.fontSizePt);
    height = Math.max(height, lines * c.fontSizePt * LINE_HEIGHT_EM + ROW_PADDING_PT);
  }
  return Math.min(MAX_ROW_HEIGHT_PT, Math.ceil(height));
}

/** Margins in inches, as exceljs and the file format take them. */
const A4_MARGINS = { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } as const;

/**
 * A4 page setup. Fitting to one page wide is not used: on a wide sheet it
 * shrinks text to 6–7 pt. Sheets are laid out to fit the page width at
 * 100 % instead (narrow columns, wrapping), and the title rows repeat on
 * every page.
 */
export function a4PageSetup(orientation: 'portrait' | 'landscape', titleRows?: { first: number; last: number }): Record<string, unknown> {
  return {
    paperSize: 9,
    orientation,
    fitToPage: false,
    scale: 100,
    margins: { ...A4_MARGINS },
    ...(titleRows ? { printTitlesRow: `${titleRows.first}:${titleRows.last}` } : {}),
  };
}

/** Height in points of an A4 page's body: the page less its top and bottom margins (where header and footer print). */
export function a4BodyHeightPt(orientation: 'portrait' | 'landscape'): number {
  return ((orientation === 'portrait' ? 11.69 : 8.27) - A4_MARGINS.top - A4_MARGINS.bottom) * 72;
}

/**
 * Where pages end when rows of these heights (points, row 1 first) print
 * at 100 % on pages `body` points tall, the title rows (`titleHeight`
 * points) repeated at the top of every page after the first: the last row
 * of each page but the last. A row taller than a page gets a page of its own.
 */
export function pageEnds(heights: readonly number[], titleHeight: number, body: number): number[] {
  const ends: number[] = [];
  let used = 0;
  let rowsOnPage = 0;
  heights.forEach((h, i) => {
    if (rowsOnPage > 0 && used + h > body) {
      // Row i (counting from 1) is the last of its page.
      ends.push(i);
      used = titleHeight;
      rowsOnPage = 0;
    }
    used += h;
    rowsOnPage++;
  });
  return ends;
}

/**
 * Usable width of an A4 page in column-width units, for laying out
 * columns: 210 × 297 mm, less the margins.
 */
export function a4UsableWidth(orientation: 'portrait' | 'landscape'): number {
  const inches = (orientation === 'portrait' ? 8.27 : 11.69) - A4_MARGINS.left - A4_MARGINS.right;
  return Math.floor((inches * 96 - COLUMN_PADDING_PX) / PX_PER_WIDTH_UNIT);
}

/** Footer with "Trang x/y" (or "Page x of y") centred, in the file format's header/footer codes. */
export function pageNumberFooter(lang: 'vi' | 'en'): string {
  return lang === 'vi' ? '&C&"Times New Roman,Regular"&10Trang &P/&N' : '&C&"Times New Roman,Regular"&10Page &P of &N';
}
