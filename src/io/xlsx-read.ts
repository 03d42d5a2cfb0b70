/**
 * Reads an .xlsx workbook's values with a streaming XML parser, never
 * trusting what the file declares: only the sheets workbook.xml lists are
 * read; shared strings and styles are counted while they are parsed, before
 * anything is kept of them; sheets are streamed cell by cell against one
 * budget for the whole workbook (see ReadBudget). What Excel saved is read,
 * never recalculated.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { LIMITS } from '../core/limits.js';
import { BUILTIN_NUM_FMTS, excelSerialToDate, isDateFormat, parseCellRef, ReadBudget, ReadStop, type MergeRange, type RawCell, type SheetVisitor } from './spreadsheet.js';
import { ZipError, type Zip } from './zip.js';
import { XmlError, XmlScanner, type XmlTag } from './xml-scan.js';

const local = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Largest workbook.xml / rels part read whole. */
const SMALL_PART = 16 * 1024 * 1024;

/** Text in one cell or string past this is refused outright (the text limit reports the rest). */
const HARD_TEXT = LIMITS.textLength * 100;

/**
 * Runs `handlers` over a part streamed from the zip (sheets, shared strings and styles can be large: the fast scanner).
 * `sheet`: the worksheet the part is, if it is one, so that XML broken in it is reported on that sheet.
 */
async function parsePart(
  zip: Zip,
  part: string,
  budget: ReadBudget,
  sheet: string | undefined,
  handlers: { open?(tag: XmlTag): void; close?(name: string): void; text?(text: string): void },
): Promise<void> {
  const open = handlers.open;
  const scanner = new XmlScanner({
    open(tag) {
      budget.element();
      open?.(tag);
    },
    close: handlers.close ?? (() => undefined),
    text: handlers.text ?? (() => undefined),
  });
  const corrupt = (err: unknown): never => {
    if (err instanceof XmlError) throw new ReadStop({ code: 'xlsx-corrupt', params: { detail: `${part}: ${err.message}` }, ...(sheet !== undefined ? { sheet } : {}) });
    throw err;
  };
  const decoder = new TextDecoder('utf-8');
  await zip.stream(part, (chunk) => {
    try {
      scanner.write(decoder.decode(chunk, { stream: true }));
    } catch (err) {
      corrupt(err);
    }
  });
  try {
    scanner.write(decoder.decode());
    scanner.close();
  } catch (err) {
    corrupt(err);
  }
}

function parseSmall(zip: Zip, part: string, open: (tag: SaxesTagPlain) => void): boolean {
  const bytes = zip.readSmall(part, SMALL_PART);
  if (!bytes) return false;
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', open);
  parser.on('error', (err) => {
    throw new ReadStop({ code: 'xlsx-corrupt', params: { detail: `${part}: ${err.message}` } });
  });
  parser.write(new TextDecoder().decode(bytes)).close();
  return true;
}

/** "xl/workbook.xml" + "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml". */
function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function relsOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

interface Relationship {
  type: string;
  target: string;
}

function readRels(zip: Zip, part: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>();
  parseSmall(zip, relsOf(part), (tag) => {
    if (local(tag.name) !== 'Relationship') return;
    const { Id, Type, Target, TargetMode } = tag.attributes as Record<string, string | undefined>;
    if (Id === undefined || Target === undefined || TargetMode === 'External') return;
    rels.set(Id, { type: Type ?? '', target: resolvePart(part, Target) });
  });
  return rels;
}

/** Excel's escape for characters XML cannot hold: "_x001B_" → ESC. */
function unescapeXString(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** The shared-strings table, counted as it is parsed. */
async function readSharedStrings(zip: Zip, part: string, budget: ReadBudget): Promise<string[]> {
  const strings: string[] = [];
  let chars = 0;
  let runs = 0;
  let current: string[] | undefined;
  let currentLength = 0;
  let inT = false;
  let phonetic = 0;
  await parsePart(zip, part, budget, undefined, {
    open(tag) {
      const name = local(tag.name);
      if (name === 'si') {
        if (strings.length >= LIMITS.sharedStrings) throw new ReadStop({ code: 'limit-shared-strings', params: { limit: LIMITS.sharedStrings, chars: LIMITS.sharedStringChars } });
        current = [];
        currentLength = 0;
      } else if (name === 'r') {
        if (++runs > LIMITS.richTextRuns) throw new ReadStop({ code: 'limit-rich-text', params: { limit: LIMITS.richTextRuns } });
      } else if (name === 'rPh') phonetic++;
      else if (name === 't') inT = true;
    },
    close(raw) {
      const name = local(raw);
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si' && current) {
        strings.push(unescapeXString(current.join('')));
        current = undefined;
      }
    },
    text(text) {
      if (!inT || phonetic > 0 || !current) return;
      chars += text.length;
      currentLength += text.length;
      if (chars > LIMITS.sharedStringChars) throw new ReadStop({ code: 'limit-shared-strings', params: { limit: LIMITS.sharedStrings, chars: LIMITS.sharedStringChars } });
      if (currentLength > HARD_TEXT) throw new ReadStop({ code: 'limit-text-length', params: { length: currentLength, limit: LIMITS.textLength } });
      current.push(text);
    },
  });
  return strings;
}

/** The number-format code of each cell style (index = the cell's `s`). */
async function readStyles(zip: Zip, part: string, budget: ReadBudget): Promise<(string | undefined)[]> {
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let elements = 0;
  let inCellXfs = false;
  await parsePart(zip, part, budget, undefined, {
    open(tag) {
      if (++elements > LIMITS.styleElements) throw new ReadStop({ code: 'limit-styles', params: { limit: LIMITS.styleElements } });
      const name = local(tag.name);
      const a = tag.attributes as Record<string, string | undefined>;
      if (name === 'numFmt' && a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(Number(a.numFmtId), a.formatCode);
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfs.push(Number(a.numFmtId ?? 0));
    },
    close(name) {
      if (local(name) === 'cellXfs') inCellXfs = false;
    },
  });
  return xfs.map((id) => custom.get(id) ?? BUILTIN_NUM_FMTS.get(id));
}

/** A formula that reads a cell of this workbook (external `[1]Sheet!A1` references and text in quotes aside). */
function readsOwnCells(formula: string): boolean {
  const bare = formula.replace(/"[^"]*"/g, '').replace(/\[\d+\][^!]*!\$?[A-Za-z]{1,3}\$?\d+(:\$?[A-Za-z]{1,3}\$?\d+)?/g, '');
  return /(^|[^A-Za-z0-9_.])\$?[A-Za-z]{1,3}\$?\d+(?![A-Za-z0-9_(])/.test(bare) || /(^|[^A-Za-z0-9_.])\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}(?![A-Za-z0-9_(])/.test(bare);
}

interface WorkbookInfo {
  sheets: { name: string; part: string; visible: boolean }[];
  date1904: boolean;
  /** The workbook asks for every formula to be recalculated on opening: saved values may be stale. */
  recalcPending: boolean;
  sharedStrings?: string;
  styles?: string;
}

function readWorkbook(zip: Zip): WorkbookInfo {
  let main = 'xl/workbook.xml';
  for (const rel of readRels(zip, '').values()) if (rel.type.endsWith('/officeDocument')) main = rel.target;
  const rels = readRels(zip, main);
  const info: WorkbookInfo = { sheets: [], date1904: false, recalcPending: false };
  const found = parseSmall(zip, main, (tag) => {
    const name = local(tag.name);
    const a = tag.attributes as Record<string, string | undefined>;
    if (name === 'sheet') {
      const idKey = Object.keys(a).find((k) => k.includes(':') && local(k) === 'id');
      const rel = idKey !== undefined ? rels.get(a[idKey]!) : undefined;
      // A listed sheet with no part is damage, not an empty workbook: it must not vanish silently.
      if (!rel) throw new ReadStop({ code: 'xlsx-corrupt', params: { detail: `sheet "${a.name ?? ''}" has no part` } });
      if (!rel.type.endsWith('/worksheet')) return; // chart sheets and dialogs hold no cells
      const state = a.state ?? 'visible';
      info.sheets.push({ name: a.name ?? '', part: rel.target, visible: state === 'visible' });
    } else if (name === 'workbookPr') info.date1904 = a.date1904 === '1' || a.date1904 === 'true';
    else if (name === 'calcPr') info.recalcPending = a.fullCalcOnLoad === '1' || a.fullCalcOnLoad === 'true';
  });
  if (!found) throw new ReadStop({ code: 'xlsx-corrupt', params: { detail: `${main} is missing` } });
  for (const rel of rels.values()) {
    if (rel.type.endsWith('/sharedStrings')) info.sharedStrings = rel.target;
    else if (rel.type.endsWith('/styles')) info.styles = rel.target;
  }
  return info;
}

/**
 * Streams every visible sheet listed in workbook.xml to `visit`. Throws
 * ReadStop (a limit, a damaged part) or ZipError.
 */
export async function readXlsx(zip: Zip, visit: SheetVisitor, budget = new ReadBudget()): Promise<void> {
  const book = readWorkbook(zip);
  for (const s of book.sheets) if (!zip.has(s.part)) throw new ReadStop({ code: 'xlsx-corrupt', params: { detail: `${s.part} is missing` }, sheet: s.name });
  const styles = book.styles && zip.has(book.styles) ? await readStyles(zip, book.styles, budget) : [];
  const strings = book.sharedStrings && zip.has(book.sharedStrings) ? await readSharedStrings(zip, book.sharedStrings, budget) : [];
  for (const s of book.sheets) {
    if (!s.visible) continue;
    const sink = visit(s.name);
    if (!sink) continue;
    await readSheet(zip, s.part, s.name, { strings, styles, date1904: book.date1904, recalcPending: book.recalcPending }, sink, budget);
  }
}

interface SheetContext {
  strings: readonly string[];
  styles: readonly (string | undefined)[];
  date1904: boolean;
  recalcPending: boolean;
}

async function readSheet(zip: Zip, part: string, sheet: string, ctx: SheetContext, sink: NonNullable<ReturnType<SheetVisitor>>, budget: ReadBudget): Promise<void> {
  let rowNum = 0;
  let lastRowCounted = 0;
  let col = 0;
  let values: (RawCell | undefined)[] = [];
  let formats: (string | undefined)[] = [];
  let rowHasValue = false;
  let rowCount = 0;
  let columnCount = 0;
  const merges: MergeRange[] = [];
  const sharedFormulas = new Map<string, string>();
  // The cell being read.
  let type = '';
  let style: string | undefined;
  let ref = '';
  let v: string[] | undefined;
  let f: string[] | undefined;
  let fShared: string | undefined;
  let inlineText: string[] | undefined;
  let textLength = 0;
  let into: string[] | undefined;
  let phonetic = 0;
  let inSheetData = false;

  const tooLong = (): never => {
    throw new ReadStop({ code: 'limit-text-length', params: { length: textLength, limit: LIMITS.textLength }, sheet, cell: ref });
  };
  const corrupt = (detail: string): never => {
    throw new ReadStop({ code: 'xlsx-corrupt', params: { detail: `${part}: ${detail}` }, sheet, cell: ref });
  };

  const finishCell = (): void => {
    const fmt = style !== undefined ? ctx.styles[Number(style)] : undefined;
    const raw = v?.join('');
    let value: RawCell | undefined;
    if (type === 'inlineStr') value = inlineText ? unescapeXString(inlineText.join('')) : undefined;
    else if (raw === undefined) value = undefined;
    else if (type === 's') {
      const i = Number(raw);
      if (!Number.isInteger(i) || i < 0 || i >= ctx.strings.length) corrupt(`shared string ${raw} does not exist`);
      value = ctx.strings[i];
    } else if (type === 'str') value = unescapeXString(raw);
    else if (type === 'b') value = raw.trim() === '1' || raw.trim() === 'true';
    else if (type === 'e') value = { error: raw };
    else if (type === 'd') {
      const d = new Date(raw);
      value = Number.isNaN(d.getTime()) ? raw : d;
    } else {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) corrupt(`"${raw.slice(0, 40)}" is not a number`);
      value = isDateFormat(fmt) ? excelSerialToDate(n, ctx.date1904) : n;
    }
    if (f !== undefined) {
      let text = f.join('');
      if (fShared !== undefined) {
        if (text !== '') sharedFormulas.set(fShared, text);
        else text = sharedFormulas.get(fShared) ?? '';
      }
      const result = value as Exclude<RawCell, { formula: string }> | undefined;
      // A recalculation is pending and the formula reads this workbook's cells: its saved value may predate them.
      if (ctx.recalcPending && result !== undefined && readsOwnCells(text)) value = { formula: text, stale: true };
      else value = result === undefined ? { formula: text } : { formula: text, result };
    }
    if (value === undefined) return;
    values[col] = value;
    formats[col] = fmt;
    rowHasValue = true;
    if (col > columnCount) columnCount = col;
  };

  await parsePart(zip, part, budget, sheet, {
    open(tag) {
      const name = local(tag.name);
      const a = tag.attributes as Record<string, string | undefined>;
      switch (name) {
        case 'sheetData':
          inSheetData = true;
          return;
        case 'row': {
          if (!inSheetData) return;
          const r = a.r !== undefined ? Number(a.r) : rowNum + 1;
          if (!Number.isInteger(r) || r <= rowNum) corrupt(`row ${a.r} out of order`);
          rowNum = r;
          budget.advance(sheet, lastRowCounted, rowNum);
          lastRowCounted = rowNum;
          col = 0;
          values = [];
          formats = [];
          rowHasValue = false;
          return;
        }
        case 'c': {
          if (!inSheetData) return;
          ref = a.r ?? '';
          const at = a.r !== undefined ? parseCellRef(a.r) : undefined;
          if (a.r !== undefined && (!at || at[0] !== rowNum)) corrupt(`cell ${a.r} is not in row ${rowNum}`);
          const c = at ? at[1] : col + 1;
          if (c <= col) corrupt(`cell ${a.r} out of order`);
          col = c;
          budget.cell(sheet, col);
          type = a.t ?? 'n';
          style = a.s;
          v = f = inlineText = undefined;
          fShared = undefined;
          textLength = 0;
          return;
        }
        case 'v':
          into = v = [];
          return;
        case 'f':
          into = f = [];
          if (a.t === 'shared' && a.si !== undefined) fShared = a.si;
          return;
        case 'is':
          inlineText = [];
          return;
        case 't':
          if (inlineText && phonetic === 0) into = inlineText;
          return;
        case 'rPh':
          phonetic++;
          return;
        case 'mergeCell': {
          const [from, to] = (a.ref ?? '').split(':');
          const p = from !== undefined ? parseCellRef(from) : undefined;
          const q = to !== undefined ? parseCellRef(to) : p;
          if (!p || !q) return;
          budget.merge(sheet);
          merges.push({ top: Math.min(p[0], q[0]), left: Math.min(p[1], q[1]), bottom: Math.max(p[0], q[0]), right: Math.max(p[1], q[1]) });
          return;
        }
      }
    },
    close(raw) {
      const name = local(raw);
      switch (name) {
        case 'v':
        case 'f':
        case 't':
          into = undefined;
          return;
        case 'rPh':
          phonetic--;
          return;
        case 'c':
          if (inSheetData) finishCell();
          return;
        case 'row':
          if (!inSheetData) return;
          if (rowHasValue) {
            rowCount = rowNum;
            sink.row(rowNum, values, formats);
          }
          return;
        case 'sheetData':
          inSheetData = false;
          return;
      }
    },
    text(text) {
      if (!into) return;
      textLength += text.length;
      if (textLength > HARD_TEXT) tooLong();
      into.push(text);
    },
  });
  sink.end({ rowCount, columnCount, merges });
}

export { ZipError };
