/**
 * A large JSON object read a piece at a time: the bytes are scanned once for
 * the top-level members and a list's elements, and only the pieces asked for
 * are decoded and parsed. A results file of a national round (hundreds of MB)
 * is then never one string nor one parsed tree in memory (issue 16).
 *
 * The scan checks only the structure between the pieces (braces, brackets,
 * commas, colons, strings); each piece is checked by JSON.parse when it is
 * read. Anything the scan does not expect gives `undefined`: the caller then
 * parses the whole text as before, so every malformed file gets JSON.parse's
 * own message, and the scan never accepts what JSON.parse would refuse.
 */

/** Bytes [start, end) of one JSON value. */
export interface JsonSpan {
  start: number;
  end: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

function skipSpace(bytes: Uint8Array, i: number): number {
  while (i < bytes.length && isSpace(bytes[i]!)) i++;
  return i;
}

/** The end of the string starting at `i` (a quote), or -1. */
function skipString(bytes: Uint8Array, i: number): number {
  for (let j = i + 1; j < bytes.length; j++) {
    const b = bytes[j]!;
    if (b === BACKSLASH) j++;
    else if (b === QUOTE) return j + 1;
  }
  return -1;
}

/** The end of the value starting at `i`, or -1. Inside objects and lists only strings and nesting are followed. */
function skipValue(bytes: Uint8Array, i: number): number {
  const first = bytes[i];
  if (first === undefined) return -1;
  if (first === QUOTE) return skipString(bytes, i);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    for (let j = i; j < bytes.length; j++) {
      const b = bytes[j]!;
      if (b === QUOTE) {
        j = skipString(bytes, j);
        if (j < 0) return -1;
        j--;
      } else if (b === OPEN_BRACE || b === OPEN_BRACKET) depth++;
      else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return -1;
  }
  // A number or true/false/null: up to the next delimiter; JSON.parse checks the word itself.
  let j = i;
  while (j < bytes.length) {
    const b = bytes[j]!;
    if (b === COMMA || b === CLOSE_BRACE || b === CLOSE_BRACKET || isSpace(b)) break;
    if (b === QUOTE || b === OPEN_BRACE || b === OPEN_BRACKET || b === COLON || b >= 0x80) return -1;
    j++;
  }
  return j > i ? j : -1;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The text of a span; throws a TypeError on bytes that are not UTF-8. */
export function spanText(bytes: Uint8Array, span: JsonSpan): string {
  return decoder.decode(bytes.subarray(span.start, span.end));
}

/** The value of a span, parsed; throws on bytes that are not UTF-8 or text that is not JSON. */
export function parseSpan(bytes: Uint8Array, span: JsonSpan): unknown {
  return JSON.parse(spanText(bytes, span)) as unknown;
}

/**
 * The members of the top-level object, in the file's order (a key given
 * twice keeps its last value, as JSON.parse does), or undefined when the
 * text is not one object as the scan expects it.
 */
export function objectMembers(bytes: Uint8Array): Map<string, JsonSpan> | undefined {
  let i = 0;
  // A leading byte-order mark, as Windows editors write one (TextDecoder drops it too).
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  i = skipSpace(bytes, i);
  if (bytes[i] !== OPEN_BRACE) return undefined;
  const members = new Map<string, JsonSpan>();
  i = skipSpace(bytes, i + 1);
  if (bytes[i] === CLOSE_BRACE) return skipSpace(bytes, i + 1) === bytes.length ? members : undefined;
  for (;;) {
    if (bytes[i] !== QUOTE) return undefined;
    const keyEnd = skipString(bytes, i);
    if (keyEnd < 0) return undefined;
    let key: unknown;
    try {
      key = parseSpan(bytes, { start: i, end: keyEnd });
    } catch {
      return undefined;
    }
    i = skipSpace(bytes, keyEnd);
    if (bytes[i] !== COLON) return undefined;
    i = skipSpace(bytes, i + 1);
    const end = skipValue(bytes, i);
    if (end < 0) return undefined;
    // A key given again keeps its first place and takes the new value, as in the object JSON.parse builds.
    members.set(key as string, { start: i, end });
    i = skipSpace(bytes, end);
    if (bytes[i] === COMMA) i = skipSpace(bytes, i + 1);
    else if (bytes[i] === CLOSE_BRACE) return skipSpace(bytes, i + 1) === bytes.length ? members : undefined;
    else return undefined;
  }
}

/**
 * The elements of the list at `span` (the first `max` of them; `count` says
 * how many there are), or undefined when it is not a list as the scan
 * expects it. Past `max` elements are only counted, so a list of millions of
 * tiny values costs no memory.
 */
export function listElements(bytes: Uint8Array, span: JsonSpan, max: number): { spans: JsonSpan[]; count: number } | undefined {
  if (bytes[span.start] !== OPEN_BRACKET) return undefined;
  const spans: JsonSpan[] = [];
  let count = 0;
  let i = skipSpace(bytes, span.start + 1);
  if (bytes[i] === CLOSE_BRACKET) return i + 1 === span.end ? { spans, count } : undefined;
  for (;;) {
    const end = skipValue(bytes, i);
    if (end < 0 || end > span.end) return undefined;
    if (count < max) spans.push({ start: i, end });
    count++;
    i = skipSpace(bytes, end);
    if (bytes[i] === COMMA) i = skipSpace(bytes, i + 1);
    else if (bytes[i] === CLOSE_BRACKET) return i + 1 === span.end ? { spans, count } : undefined;
    else return undefined;
  }
}
