/**
 * A fast reader for the plain YAML data files are written in: block
 * mappings and sequences, one-line flow collections (`{ code: U1, name: … }`),
 * plain and simply quoted strings, decimal numbers, booleans and comments. A units file
 * of 4,000 units is read in a few milliseconds, where the `yaml` library,
 * which keeps a syntax tree for locations, takes half a second (issue 16).
 *
 * It returns undefined as soon as the text steps outside that subset or
 * anything in it would be a problem (a duplicate key, an empty value, a
 * value YAML would read as null or as a number of another notation, a tab, an anchor, a document
 * marker…); the caller then parses with `yaml`, which reports every problem
 * with its location. Whatever it accepts, it reads as `yaml` does (YAML 1.2,
 * core schema): test/yaml-plain.test.ts compares both on generated documents.
 */
import { LIMITS } from '../core/limits.js';

export type PlainValue = string | number | boolean | PlainValue[] | { [key: string]: PlainValue };

/** Thrown to leave the subset; caught once, at the top. */
class OutsideSubset extends Error {}

const outside = (): never => {
  throw new OutsideSubset();
};

interface Line {
  indent: number;
  /** From the first non-space character to the end of the line, trailing spaces removed. */
  text: string;
}

/** Characters that may not begin a plain scalar (YAML 1.2 c-indicator), and signs (numbers). */
const NOT_PLAIN_START = /^[-?:,[\]{}#&*!|>'"%@`+]/;
/** What the core schema reads as null. */
const NULL = /^(?:~|null|Null|NULL)$/;
/** Anything that could be one of the core schema's other numbers (octal, hex, exponent, .inf, .nan): left to the full parser. */
const NUMBER_LIKE = /^[-+.0-9][0-9a-zA-Z._+-]*$/;
/** Decimal numbers read alike by the core schema (parseInt / parseFloat) and Number: no exponent, no leading zeros, ≤ 15 digits each side. */
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,15})?$/;
/** Tabs, control characters, a byte-order mark, the Unicode line separators and a CR not before LF: left to the full parser. */
const UNUSUAL = /[\t\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff]|\r(?!\n)/;
/** The longest implicit key YAML allows. */
const MAX_KEY = 1024;

export function readPlainYaml(text: string): { [key: string]: PlainValue } | undefined {
  if (UNUSUAL.test(text)) return undefined;
  const lines: Line[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const body = spacesOff(line, 'start');
    if (body === '' || body.startsWith('#')) continue;
    const indent = line.length - body.length;
    // Document markers and directives.
    if (indent === 0 && (body.startsWith('---') || body.startsWith('...') || body.startsWith('%'))) return undefined;
    lines.push({ indent, text: spacesOff(body, 'end') });
  }
  if (lines.length === 0) return undefined;
  try {
    const reader = new Reader(lines);
    const value = reader.block(lines[0]!.indent, 0);
    if (!reader.done() || typeof value !== 'object' || Array.isArray(value)) return undefined;
    return value;
  } catch (err) {
    if (err instanceof OutsideSubset) return undefined;
    throw err;
  }
}

/**
 * Spaces removed from one end. YAML's white space is the space and the tab
 * only (tabs are left to the full parser): a no-break space is text, which
 * String.prototype.trim would drop.
 */
function spacesOff(s: string, end: 'start' | 'end'): string {
  if (end === 'start') {
    let i = 0;
    while (s.charCodeAt(i) === 32) i++;
    return i === 0 ? s : s.slice(i);
  }
  let j = s.length;
  while (j > 0 && s.charCodeAt(j - 1) === 32) j--;
  return j === s.length ? s : s.slice(0, j);
}

const isSeqItem = (text: string): boolean => text === '-' || text.startsWith('- ');

class Reader {
  private pos = 0;

  constructor(private readonly lines: Line[]) {}

  done(): boolean {
    return this.pos === this.lines.length;
  }

  /** The block node whose first line is the current one, at `indent`. */
  block(indent: number, depth: number): PlainValue {
    if (depth >= LIMITS.yamlDepth) outside();
    return isSeqItem(this.lines[this.pos]!.text) ? this.sequence(indent, depth) : this.mapping(indent, depth);
  }

  private sequence(indent: number, depth: number): PlainValue[] {
    const out: PlainValue[] = [];
    for (let line = this.lines[this.pos]; line !== undefined && line.indent === indent && isSeqItem(line.text); line = this.lines[this.pos]) {
      const rest = spacesOff(line.text.slice(1), 'start');
      if (rest === '') {
        this.pos++;
        out.push(this.nested(indent, depth, false));
      } else if (isSeqItem(rest)) {
        outside();
      } else if (!rest.startsWith('{') && !rest.startsWith('[') && splitKey(rest) !== undefined) {
        // `- code: U1` opens a mapping whose keys line up with `code`.
        const column = indent + line.text.length - rest.length;
        this.lines[this.pos] = { indent: column, text: rest };
        out.push(this.mapping(column, depth + 1));
      } else {
        out.push(inlineValue(rest, depth + 1));
        this.pos++;
      }
    }
    return out;
  }

  private mapping(indent: number, depth: number): { [key: string]: PlainValue } {
    const out: { [key: string]: PlainValue } = {};
    for (let line = this.lines[this.pos]; line !== undefined && line.indent === indent && !isSeqItem(line.text); line = this.lines[this.pos]) {
      const pair = splitKey(line.text) ?? outside();
      if (pair.key === '<<' || pair.key === '__proto__' || Object.hasOwn(out, pair.key)) outside();
      if (pair.rest === '' || pair.rest.startsWith('#')) {
        this.pos++;
        out[pair.key] = this.nested(indent, depth, true);
      } else {
        out[pair.key] = inlineValue(pair.rest, depth + 1);
        this.pos++;
      }
    }
    return out;
  }

  /** The value under `key:` or `-` left empty on its line: a block below it (for a key, a sequence may sit at the key's own indent). */
  private nested(indent: number, depth: number, underKey: boolean): PlainValue {
    const next = this.lines[this.pos];
    if (next !== undefined && next.indent > indent) return this.block(next.indent, depth + 1);
    if (underKey && next !== undefined && next.indent === indent && isSeqItem(next.text)) return this.sequence(indent, depth + 1);
    // Nothing below: YAML reads null, which no data file wants; the full parser says where.
    return outside();
  }
}

/** `key: rest` on a line: a plain or quoted key, then a colon and a space or the line's end. */
function splitKey(text: string): { key: string; rest: string } | undefined {
  let key: string;
  let after: number;
  if (text.startsWith('"') || text.startsWith("'")) {
    const q = quoted(text, 0);
    if (q === undefined) return undefined;
    key = q.value;
    after = q.end;
  } else {
    after = text.indexOf(': ');
    if (after < 0 && text.endsWith(':')) after = text.length - 1;
    if (after < 0) return undefined;
    key = text.slice(0, after);
    if (key !== spacesOff(spacesOff(key, 'start'), 'end') || key.includes('#') || typeof plainScalar(key, false) !== 'string') return undefined;
  }
  if (text[after] !== ':' || (after + 1 < text.length && text[after + 1] !== ' ') || key.length > MAX_KEY) return undefined;
  return { key, rest: spacesOff(text.slice(after + 1), 'start') };
}

/** A value written after `key:` or `-` on the same line (block context). */
function inlineValue(text: string, depth: number): PlainValue {
  if (text.startsWith('{') || text.startsWith('[')) {
    const flow = new Flow(text, depth);
    const value = flow.value();
    lineEnd(text, flow.at);
    return value;
  }
  if (text.startsWith('"') || text.startsWith("'")) {
    const q = quoted(text, 0) ?? outside();
    lineEnd(text, q.end);
    return q.value;
  }
  // A comment starts at a `#` after a space.
  const hash = text.indexOf(' #');
  return plainScalar(hash < 0 ? text : spacesOff(text.slice(0, hash), 'end'), false);
}

/** Only spaces and a comment may follow a quoted or flow value on its line. */
function lineEnd(text: string, at: number): void {
  const rest = text.slice(at);
  if (rest !== '' && !/^ +(?:#|$)/.test(rest)) outside();
}

/** A plain scalar as the core schema reads it: decimal numbers, booleans and text; anything else leaves the subset. */
function plainScalar(s: string, inFlow: boolean): string | number | boolean {
  if (PLAIN_NUMBER.test(s)) return Number(s);
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (s === '' || NULL.test(s) || NUMBER_LIKE.test(s) || NOT_PLAIN_START.test(s) || s.includes(': ') || s.endsWith(':')) return outside();
  if (inFlow && /[,[\]{}:#]/.test(s)) return outside();
  return s;
}

/** A one-line quoted scalar starting at `at`: double quotes without escapes, single quotes with `''`. */
function quoted(text: string, at: number): { value: string; end: number } | undefined {
  const mark = text[at]!;
  if (mark === '"') {
    const close = text.indexOf('"', at + 1);
    if (close < 0) return undefined;
    const value = text.slice(at + 1, close);
    return value.includes('\\') ? undefined : { value, end: close + 1 };
  }
  let value = '';
  for (let from = at + 1; ;) {
    const close = text.indexOf("'", from);
    if (close < 0) return undefined;
    value += text.slice(from, close);
    if (text[close + 1] !== "'") return { value, end: close + 1 };
    value += "'";
    from = close + 2;
  }
}

const COMMA = 0x2c;
const COLON = 0x3a;
const CLOSE_SQUARE = 0x5d;
const CLOSE_CURLY = 0x7d;

/** A flow collection closed on its own line. */
class Flow {
  at = 0;

  constructor(
    private readonly text: string,
    private readonly depth: number,
  ) {}

  value(depth = this.depth): PlainValue {
    if (depth >= LIMITS.yamlDepth) outside();
    const c = this.text[this.at];
    if (c === '{') return this.mapping(depth);
    if (c === '[') return this.sequence(depth);
    return this.scalar(false);
  }

  /** A quoted scalar, or a plain one up to a comma, a closing bracket or (a key) a colon. */
  private scalar(isKey: boolean): string | number | boolean {
    const c = this.text[this.at];
    if (c === '"' || c === "'") {
      const q = quoted(this.text, this.at) ?? outside();
      this.at = q.end;
      return q.value;
    }
    const start = this.at;
    for (const n = this.text.length; this.at < n; this.at++) {
      const c = this.text.charCodeAt(this.at);
      if (c === COMMA || c === CLOSE_SQUARE || c === CLOSE_CURLY || (isKey && c === COLON)) break;
    }
    return plainScalar(spacesOff(this.text.slice(start, this.at), 'end'), true);
  }

  /** Steps over an opening bracket; true when the collection is empty and closed right away. */
  private open(bracket: string): boolean {
    this.at++;
    this.spaces();
    if (this.text[this.at] !== bracket) return false;
    this.at++;
    return true;
  }

  private spaces(): void {
    while (this.text[this.at] === ' ') this.at++;
  }

  private mapping(depth: number): { [key: string]: PlainValue } {
    const out: { [key: string]: PlainValue } = {};
    if (this.open('}')) return out;
    for (;;) {
      const key = this.key();
      if (this.text[this.at] !== ':' || this.text[this.at + 1] !== ' ') outside();
      if (key === '<<' || key === '__proto__' || Object.hasOwn(out, key) || key.length > MAX_KEY) outside();
      this.at++;
      this.spaces();
      out[key] = this.value(depth + 1);
      if (this.close('}')) return out;
    }
  }

  private key(): string {
    const key = this.scalar(true);
    return typeof key === 'string' ? key : outside();
  }

  private sequence(depth: number): PlainValue[] {
    const out: PlainValue[] = [];
    if (this.open(']')) return out;
    for (;;) {
      out.push(this.value(depth + 1));
      if (this.close(']')) return out;
    }
  }

  /** After an entry: the closing bracket (true), or a comma and another entry to come (false). */
  private close(bracket: string): boolean {
    this.spaces();
    const c = this.text[this.at];
    this.at++;
    if (c === bracket) return true;
    if (c !== ',') outside();
    this.spaces();
    // A trailing comma, or the line ends inside the collection.
    if (this.text[this.at] === bracket || this.at >= this.text.length) outside();
    return false;
  }
}
