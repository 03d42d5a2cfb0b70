/**
 * Reads an OpenDocument spreadsheet (.ods, LibreOffice's own format):
 * content.xml streamed with a streaming XML parser. Repeated rows and
 * cells are expanded only when they hold a value (LibreOffice writes a
 * sheet's empty tail as one row repeated a million times). Hidden sheets
 * are skipped. Cells get number-format codes like xlsx's, so a percentage
 * reads as "0%" and a date as a date, whichever format it came from.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { LIMITS } from '../core/limits.js';
import { ReadBudget, ReadStop, type MergeRange, type RawCell, type SheetSink, type SheetVisitor } from './spreadsheet.js';
import type { Zip } from './zip.js';
import type { DiagnosticCode } from '../diagnostics/index.js';

/** Number-format codes given to ODS value types (as the xlsx built-ins 10, 14 and 21 read). */
const ODS_FORMATS: Record<string, string | undefined> = {
  percentage: '0%',
  date: 'yyyy-mm-dd',
  time: 'hh:mm:ss',
  currency: '#,##0.00',
};

const HARD_TEXT = LIMITS.textLength * 100;

/** "PT12H30M15S" → a fraction of a day. */
function durationDays(text: string): number | undefined {
  const m = /^-?P(?:(\d+)D)?T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(text);
  if (!m) return undefined;
  const [d, h, min, s] = [m[1], m[2], m[3], m[4]].map((x) => Number(x ?? 0));
  return d! + (h! + (min! + s! / 60) / 60) / 24;
}

/** A date-value ("2025-08-08" or "2025-08-08T10:00:00") as a UTC Date. */
function odsDate(text: string): Date | undefined {
  const m = /^(-?\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(\.\d+)?)?/.exec(text);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), Math.round(Number(m[7] ?? 0) * 1000)));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function cellRef(row: number, col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row}`;
}

export async function readOds(zip: Zip, visit: SheetVisitor, budget = new ReadBudget()): Promise<void> {
  if (!zip.has('content.xml')) throw new ReadStop({ code: 'xlsx-corrupt', params: { detail: 'content.xml is missing' } });
  const hiddenStyles = new Set<string>();
  let styleName: string | undefined;

  // The table being read; undefined outside a table or in a skipped one.
  let sheet: string | undefined;
  let sink: SheetSink | undefined;
  let skipDepth = 0;
  let rowNum = 0;
  let lastRowCounted = 0;
  let col = 0;
  let rowCount = 0;
  let columnCount = 0;
  let merges: MergeRange[] = [];
  let rowRepeat = 1;
  let values: (RawCell | undefined)[] = [];
  let formats: (string | undefined)[] = [];
  let rowHasValue = false;
  // The cell being read.
  let cell: { repeat: number; type: string | undefined; attrs: Record<string, string | undefined>; paragraphs: string[]; text: string[] | undefined; length: number } | undefined;
  let annotation = 0;

  const stop = (code: DiagnosticCode, params: Record<string, string | number>): never => {
    throw new ReadStop({ code, params, ...(sheet !== undefined ? { sheet, cell: cellRef(Math.max(rowNum, 1), Math.max(col, 1)) } : {}) });
  };

  const cellValue = (c: NonNullable<typeof cell>): RawCell | undefined => {
    const a = c.attrs;
    const text = c.paragraphs.length > 0 ? c.paragraphs.join('\n') : undefined;
    let value: RawCell | undefined;
    switch (c.type) {
      case 'float':
      case 'percentage':
      case 'currency': {
        const n = Number(a['office:value']);
        value = a['office:value'] !== undefined && Number.isFinite(n) ? n : text;
        break;
      }
      case 'date':
        value = (a['office:date-value'] !== undefined ? odsDate(a['office:date-value']) : undefined) ?? text;
        break;
      case 'time': {
        const days = a['office:time-value'] !== undefined ? durationDays(a['office:time-value']) : undefined;
        // As xlsx reads a time-formatted number: a Date on Excel's day zero.
        value = days !== undefined ? new Date(Date.UTC(1899, 11, 30) + Math.round(days * 86_400_000)) : text;
        break;
      }
      case 'boolean':
        value = a['office:boolean-value'] === 'true';
        break;
      case 'string':
        value = a['office:string-value'] ?? text ?? '';
        break;
      default:
        value = text;
    }
    if (typeof value === 'string' && value.startsWith('Err:') && a['table:formula'] !== undefined) value = { error: value };
    if (a['table:formula'] !== undefined) {
      const formula = a['table:formula'];
      return value === undefined ? { formula } : { formula, result: value as Exclude<RawCell, { formula: string }> };
    }
    return value;
  };

  const parser = new SaxesParser({ xmlns: false });
  parser.on('error', (err) => {
    throw new ReadStop({ code: 'xlsx-corrupt', params: { detail: `content.xml: ${err.message}` } });
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    budget.element();
    const a = tag.attributes as Record<string, string | undefined>;
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    switch (tag.name) {
      case 'style:style':
        styleName = a['style:family'] === 'table' ? a['style:name'] : undefined;
        return;
      case 'style:table-properties':
        if (styleName !== undefined && a['table:display'] === 'false') hiddenStyles.add(styleName);
        return;
      case 'table:table': {
        const name = a['table:name'] ?? '';
        const hidden = a['table:style-name'] !== undefined && hiddenStyles.has(a['table:style-name']);
        const s = hidden ? undefined : visit(name);
        if (!s) {
          skipDepth = 1;
          return;
        }
        sheet = name;
        sink = s;
        rowNum = lastRowCounted = rowCount = columnCount = 0;
        merges = [];
        return;
      }
      case 'table:table-row': {
        if (!sink) return;
        rowRepeat = Math.max(1, Number(a['table:number-rows-repeated'] ?? 1) || 1);
        rowNum++;
        col = 0;
        values = [];
        formats = [];
        rowHasValue = false;
        return;
      }
      case 'table:table-cell':
      case 'table:covered-table-cell': {
        if (!sink) return;
        const repeat = Math.max(1, Number(a['table:number-columns-repeated'] ?? 1) || 1);
        cell = { repeat, type: a['office:value-type'], attrs: a, paragraphs: [], text: undefined, length: 0 };
        const rows = Number(a['table:number-rows-spanned'] ?? 1);
        const cols = Number(a['table:number-columns-spanned'] ?? 1);
        if (tag.name === 'table:table-cell' && (rows > 1 || cols > 1)) {
          merges.push({ top: rowNum, left: col + 1, bottom: rowNum + rows - 1, right: col + cols });
          budget.merge(sheet!);
        }
        return;
      }
      case 'office:annotation':
        annotation++;
        return;
      case 'text:p':
        if (cell && annotation === 0) cell.text = [];
        return;
      case 'text:s':
        if (cell?.text) cell.text.push(' '.repeat(Math.min(Number(a['text:c'] ?? 1) || 1, 1000)));
        return;
      case 'text:tab':
        if (cell?.text) cell.text.push('\t');
        return;
      case 'text:line-break':
        if (cell?.text) cell.text.push('\n');
        return;
    }
  });
  parser.on('text', (text) => {
    if (skipDepth > 0 || !cell?.text || annotation > 0) return;
    cell.length += text.length;
    if (cell.length > HARD_TEXT) stop('limit-text-length', { length: cell.length, limit: LIMITS.textLength });
    cell.text.push(text);
  });
  parser.on('closetag', (tag) => {
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    switch (tag.name) {
      case 'style:style':
        styleName = undefined;
        return;
      case 'office:annotation':
        annotation--;
        return;
      case 'text:p':
        if (cell?.text && annotation === 0) {
          cell.paragraphs.push(cell.text.join(''));
          cell.text = undefined;
        }
        return;
      case 'table:table-cell':
      case 'table:covered-table-cell': {
        if (!sink || !cell) return;
        const value = tag.name === 'table:covered-table-cell' ? undefined : cellValue(cell);
        const first = col + 1;
        col += cell.repeat;
        if (value !== undefined && !(typeof value === 'string' && value === '')) {
          // A repeated cell holding a value is as many cells: each counts.
          budget.cell(sheet!, col, cell.repeat);
          const fmt = cell.type !== undefined ? ODS_FORMATS[cell.type] : undefined;
          for (let c = first; c <= col; c++) {
            values[c] = value;
            formats[c] = fmt;
          }
          rowHasValue = true;
          if (col > columnCount) columnCount = col;
        }
        cell = undefined;
        return;
      }
      case 'table:table-row': {
        if (!sink) return;
        const last = rowNum + rowRepeat - 1;
        if (rowHasValue) {
          budget.advance(sheet!, lastRowCounted, last);
          lastRowCounted = last;
          for (let r = rowNum; r <= last; r++) {
            if (r > rowNum) budget.cell(sheet!, columnCount, values.length);
            sink.row(r, values, formats);
          }
          rowCount = last;
        }
        // An empty row repeated a million times is only a count.
        rowNum = last;
        return;
      }
      case 'table:table':
        if (!sink) return;
        sink.end({ rowCount, columnCount, merges: merges.filter((m) => m.top <= rowCount) });
        sink = undefined;
        sheet = undefined;
        return;
    }
  });
  const decoder = new TextDecoder('utf-8');
  await zip.stream('content.xml', (chunk) => {
    parser.write(decoder.decode(chunk, { stream: true }));
  });
  parser.write(decoder.decode());
  parser.close();
}
