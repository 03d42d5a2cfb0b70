/**
 * Reading what people type into cells: numbers with a comma or a point,
 * numbers stored as text, "Không áp dụng", measures like 45/50 or 90 %.
 * Pure: works on plain values, whatever the file format.
 */
import { parseTypedDay } from '../core/date.js';
import { Decimal } from '../core/decimal.js';
import { foldForMatch, normalizeText } from '../core/text.js';
import type { Measure } from '../criteria/rule-eval.js';

/** A cell's content, as parscore understands it. */
export type CellContent =
  | { kind: 'empty' }
  /** `percent`: the cell is formatted as a percentage, so 0.95 is shown (and meant) as 95 %. */
  | { kind: 'number'; value: Decimal; percent?: true }
  /**
   * A number the spreadsheet shows as a date or time: Excel and LibreOffice
   * turn "8/8" typed into a General cell into 8 August. Never a valid
   * score, option or measure; `typed` is what the user most likely typed.
   */
  | { kind: 'date'; day: number; month: number; year: number; typed: string; shown: string }
  | { kind: 'text'; text: string }
  | { kind: 'formula-without-result' }
  | { kind: 'error'; text: string };

/** A measured value: defined with the rules that evaluate it. */
export type { Measure };

const NA_WORDS = new Set(['khongapdung', 'kad', 'na', 'khongdanhgia', 'kdg', 'notapplicable']);

export function isNotApplicableText(text: string): boolean {
  return mayBeWord(text) && NA_WORDS.has(foldForMatch(text));
}

/**
 * Whether `text` folded (foldForMatch) may hold a letter, and so be one of
 * the words looked for: ASCII digits, signs and punctuation fold to digits
 * only. Numbers and measures are most of the cells a round reads.
 */
export function mayBeWord(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const lower = c | 0x20;
    if (c >= 128 || (lower >= 97 && lower <= 122)) return true;
  }
  return false;
}

/**
 * A double read from a file, as the decimal the user meant: 15 significant
 * digits is what a double carries, so float noise from spreadsheet
 * formulas (1.0900000000000001) goes and typed digits stay.
 */
function decimalFromCellNumber(n: number): Decimal | undefined {
  if (!Number.isFinite(n)) return undefined;
  return Decimal.fromNumber(Number(n.toPrecision(15)));
}

/** Digits, with at most one point between digits ("85", "8.5"): a number Decimal.parse reads as it is. */
export function isPlainNumber(text: string): boolean {
  let point = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c !== 46 || point !== -1 || i === 0 || i === text.length - 1) return false;
    point = i;
  }
  return text.length > 0;
}

/** "8,5", " 8.5 ", "-0,25", "+2" → decimal; anything else → undefined. */
export function parseNumberText(raw: string): Decimal | undefined {
  // A round's scores and measures repeat: each distinct text is read once (decimals never change).
  if (raw.length > NUMBER_TEXT) return readNumberText(raw);
  const known = numbers.get(raw);
  if (known !== undefined || numbers.has(raw)) return known;
  if (numbers.size >= NUMBER_CACHE) numbers.clear();
  const value = readNumberText(raw);
  numbers.set(raw, value);
  return value;
}

/** How many distinct texts parseNumberText remembers (cleared whole when full), and how long they may be: memory stays bounded. */
const NUMBER_CACHE = 4096;
const NUMBER_TEXT = 64;
const numbers = new Map<string, Decimal | undefined>();

function readNumberText(raw: string): Decimal | undefined {
  // Most numbers typed are plain digits: nothing to strip or replace.
  if (isPlainNumber(raw)) return Decimal.parse(raw);
  const text = raw.replace(/[\s\u00a0]/g, '');
  if (!/^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/.test(text)) return undefined;
  return Decimal.parse(text.replace(',', '.').replace(/^\+/, ''));
}

/** A number-format code without its literal text, escapes and [colour]/[locale] parts. */
function formatTokens(numFmt: string): string {
  return numFmt
    .split(';')[0]!
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?:h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '');
}

/** "0%", "0.00%", "#,##0.0 %": the number is a fraction shown as a percentage. */
export function isPercentFormat(numFmt: string | undefined): boolean {
  return numFmt !== undefined && formatTokens(numFmt).includes('%');
}

/** "dd/mm/yyyy", "m/d/yy", "[$-42A]d mmmm", "h:mm": the number is a date or a time. */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (numFmt === undefined || /^general$/i.test(numFmt.trim()) || numFmt.trim() === '@') return false;
  return /[dmyhs]/i.test(formatTokens(numFmt).replace(/general/gi, ''));
}

/** Whether a date format writes the month before the day (US "m/d/yy"), else day first. */
function monthFirst(numFmt: string | undefined): boolean {
  if (numFmt === undefined) return false;
  const t = formatTokens(numFmt).toLowerCase();
  const d = t.indexOf('d');
  const m = t.indexOf('m');
  return m !== -1 && d !== -1 && m < d;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A date as content, with what was most likely typed ("8/8" for 8 August) in the cell's order of day and month. */
function dateContent(date: Date, numFmt: string | undefined): CellContent {
  const day = date.getUTCDate();
  const month = date.getUTCMonth() + 1;
  const year = date.getUTCFullYear();
  const mFirst = monthFirst(numFmt);
  const typed = mFirst ? `${month}/${day}` : `${day}/${month}`;
  const shown = mFirst ? `${pad2(month)}/${pad2(day)}` : `${pad2(day)}/${pad2(month)}`;
  return { kind: 'date', day, month, year, typed, shown };
}

/** Excel's serial day number (1900 system, with its 29 Feb 1900) as a UTC date. */
function dateFromSerial(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86400000));
}

/**
 * Turns a cell's raw value (from a workbook or a CSV field) and its
 * number-format code into content. The one place a number's format is
 * interpreted: a percent-formatted number is marked as a percentage, a
 * date-formatted one (or a Date the reader already made) becomes a date.
 */
export function readCell(value: unknown, numFmt?: string): CellContent {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') {
    if (Number.isFinite(value) && isDateFormat(numFmt) && !isPercentFormat(numFmt)) return dateContent(dateFromSerial(value), numFmt);
    const d = decimalFromCellNumber(value);
    if (!d) return { kind: 'error', text: String(value) };
    return isPercentFormat(numFmt) ? { kind: 'number', value: d, percent: true } : { kind: 'number', value: d };
  }
  if (typeof value === 'string') {
    const text = normalizeText(value);
    return text === '' ? { kind: 'empty' } : { kind: 'text', text };
  }
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'error', text: String(value) } : dateContent(value, numFmt);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) {
      // Formulas are never evaluated: the value Excel saved is used, or none.
      if (v.result === undefined || v.result === null) return { kind: 'formula-without-result' };
      if (typeof v.result === 'object' && v.result !== null && 'error' in v.result) return { kind: 'error', text: String((v.result as { error: unknown }).error) };
      return readCell(v.result, numFmt);
    }
    if (Array.isArray(v.richText)) {
      return readCell((v.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join(''));
    }
    if ('error' in v) return { kind: 'error', text: String(v.error) };
    if ('text' in v) return readCell(v.text); // hyperlink cells: their text only
  }
  return { kind: 'text', text: normalizeText(String(value)) };
}

/** The cell as text for free-text columns (evidence, explanations, labels). */
export function cellText(content: CellContent): string {
  switch (content.kind) {
    case 'text':
      return content.text;
    case 'number':
      return content.value.toString();
    case 'date':
      return `${content.shown}/${content.year}`;
    default:
      return '';
  }
}

/** "45/50", "90%", "90,5 %", "0.9" (a number), 0.9 formatted as a percentage (90 %) → a measure. */
export function parseMeasure(content: CellContent): Measure | undefined {
  if (content.kind === 'number') {
    if (content.percent) {
      const value = content.value.mul(Decimal.of(100n));
      return { value, percent: true, text: `${value.toString()}%` };
    }
    return { value: content.value, percent: false, text: content.value.toString() };
  }
  if (content.kind !== 'text') return undefined;
  // Cells of the same text share their content as read (rows.ts): a round's repeated measures are parsed once.
  const known = textMeasures.get(content);
  if (known !== undefined) return known ?? undefined;
  const measure = textMeasure(content);
  textMeasures.set(content, measure ?? null);
  return measure;
}

/** Measures of text contents already parsed (null: not a measure); measures are never changed once made. */
const textMeasures = new WeakMap<CellContent, Measure | null>();

function textMeasure(content: Extract<CellContent, { kind: 'text' }>): Measure | undefined {
  const text = content.text.replace(/[\s\u00a0]/g, '');
  const ratio = text.includes('/') ? /^([^/]+)\/([^/]+)$/.exec(text) : null;
  if (ratio) {
    const a = parseNumberText(ratio[1]!);
    const b = parseNumberText(ratio[2]!);
    if (!a || !b?.gt(Decimal.ZERO) || a.isNegative()) return undefined;
    return { value: a, of: b, percent: false, text: content.text };
  }
  if (text.endsWith('%')) {
    const v = parseNumberText(text.slice(0, -1));
    return v ? { value: v, percent: true, text: content.text } : undefined;
  }
  const v = parseNumberText(text);
  return v ? { value: v, percent: false, text: content.text } : undefined;
}

/** Column letters for a 1-based column number: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// — rules —

const NONE_WORDS = new Set(['khongphatsinh', 'kps']);

/** "Không phát sinh", "KPS" or 0/0: nothing arose this year (no dossiers, no petitions…). */
export function isNothingArisen(content: CellContent): boolean {
  if (content.kind !== 'text') return false;
  if (mayBeWord(content.text) && NONE_WORDS.has(foldForMatch(content.text))) return true;
  if (!content.text.includes('/')) return false;
  // A ratio that reads as a measure has a denominator above 0 (parseMeasure's cache: a round's measures repeat).
  if (parseMeasure(content) !== undefined) return false;
  const ratio = /^([^/]+)\/([^/]+)$/.exec(content.text.replace(/[\s\u00a0]/g, ''));
  return ratio !== null && parseNumberText(ratio[1]!)?.isZero() === true && parseNumberText(ratio[2]!)?.isZero() === true;
}

/** A date typed as 31/01/2024 (or ISO, as a date cell arrives): the measure is its day number. */
export function parseDateMeasure(content: CellContent): Measure | undefined {
  if (content.kind !== 'text') return undefined;
  const day = parseTypedDay(content.text);
  return day === undefined ? undefined : { value: Decimal.of(BigInt(day)), percent: false, text: content.text };
}
