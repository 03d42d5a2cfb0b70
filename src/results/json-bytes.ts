/**
 * JSON text written straight into UTF-8 bytes, chunk after chunk. A national
 * round's results are 60 MB of JSON: built as strings they were first
 * concatenated, then encoded to UTF-8 on their way out, and every piece was
 * garbage to collect. Here each key, number and string goes into a byte
 * buffer once; nothing is allocated per field but the odd string that needs
 * escaping.
 */
import type { Decimal } from '../core/decimal.js';
import { escapeForTerminal } from '../core/text.js';

/** Characters JSON.stringify escapes in a string: `"`, `\`, controls below U+0020 and surrogates (escaped when lone). */
const TO_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * TO_ESCAPE and every character escapeForTerminal writes as `\uXXXX` (C1
 * controls, DEL, bidi marks; test/results-writer.test.ts checks every UTF-16
 * code unit against escapeForTerminal itself).
 */
const TO_ESCAPE_FOR_TERMINAL = /["\\\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

/** A string as JSON.stringify writes it; one with nothing to escape, quoted as it is. */
export function jsonString(s: string): string {
  return TO_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/**
 * A string as escapeForTerminal(JSON.stringify(s)) writes it: the same JSON
 * value, with the characters a terminal could act on as JSON's own `\uXXXX`
 * escape, so the text needs no second scan on its way to stdout.
 * JSON.stringify leaves no raw ESC, so escapeForTerminal has no colour
 * sequence to let pass, and the escaped pieces make an escaped whole.
 */
export function terminalSafeJsonString(s: string): string {
  return TO_ESCAPE_FOR_TERMINAL.test(s) ? escapeForTerminal(JSON.stringify(s)) : `"${s}"`;
}

/** A number as JSON.stringify writes it (a value too large for a double is Infinity there, written null). */
function numberText(n: number): string {
  return Number.isFinite(n) ? String(n) : 'null';
}

/** Below 10^15 units a Decimal's digits are an exact double, and fewer than 16 significant digits. */
const PLAIN_UNITS = 1e15;
/** 10^0 … 10^15: a decimal's scale, and how many digits a number has. */
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);
/** Above this many decimals JavaScript may write a small number with an exponent (1e-7). */
const PLAIN_SCALE = 6;

/** A chunk is full at this many bytes; its buffer has a quarter more room, so that the unit that fills it fits. */
const CHUNK = 1 << 20;
const BUFFER = CHUNK + (CHUNK >> 2);
/** Strings shorter than this are encoded here; longer ones by TextEncoder, whose call costs more than a short loop. */
const SHORT = 64;

const encoder = new TextEncoder();

/**
 * Writes JSON text into byte chunks of about 1 MB. `take()` hands out a copy
 * of what was written since the last call.
 */
export class JsonBytes {
  private buf = new Uint8Array(BUFFER);
  private pos = 0;
  /** How a string is quoted: jsonString, or terminalSafeJsonString for stdout. */
  private readonly quoted: (s: string) => string;
  private readonly toEscape: RegExp;

  constructor(terminalSafe = false) {
    this.quoted = terminalSafe ? terminalSafeJsonString : jsonString;
    this.toEscape = terminalSafe ? TO_ESCAPE_FOR_TERMINAL : TO_ESCAPE;
  }

  /** Whether a chunk's worth waits to be taken. */
  get full(): boolean {
    return this.pos >= CHUNK;
  }

  /** A copy of the bytes written since the last take (the buffer is written again). */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.pos);
    this.pos = 0;
    return out;
  }

  /** Room for n more bytes: the buffer grows when a unit is larger than its spare quarter (a chunk ends only at take). */
  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    grown.set(this.buf.subarray(0, this.pos));
    this.buf = grown;
  }

  /** Text known to be ASCII (keys, punctuation, numbers), as it is. */
  ascii(s: string): void {
    const n = s.length;
    this.room(n);
    const { buf } = this;
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** Any text, as UTF-8 (a lone surrogate as U+FFFD, as Buffer and TextEncoder write it). */
  utf8(s: string): void {
    const n = s.length;
    this.room(n * 3);
    if (n >= SHORT) {
      this.pos += encoder.encodeInto(s, this.buf.subarray(this.pos)).written;
      return;
    }
    const { buf } = this;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) buf[p++] = c;
      else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      } else {
        if (c >= 0xd800 && c <= 0xdfff) {
          const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
          if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
            i++;
            buf[p++] = 0xf0 | (c >> 18);
            buf[p++] = 0x80 | ((c >> 12) & 0x3f);
            buf[p++] = 0x80 | ((c >> 6) & 0x3f);
            buf[p++] = 0x80 | (c & 0x3f);
            continue;
          }
          c = 0xfffd;
        }
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 0x3f);
        buf[p++] = 0x80 | (c & 0x3f);
      }
    }
    this.pos = p;
  }

  /** A JSON string, quoted and escaped as JSON.stringify (and, for stdout, escapeForTerminal) writes it. */
  string(s: string): void {
    if (this.toEscape.test(s)) {
      this.utf8(this.quoted(s));
      return;
    }
    this.room(1);
    this.buf[this.pos++] = 0x22;
    this.utf8(s);
    this.room(1);
    this.buf[this.pos++] = 0x22;
  }

  /** A number as JSON.stringify writes it. */
  number(n: number): void {
    // A whole number below 2^31 is most of them: its digits without a string.
    if ((n | 0) === n && n >= 0) this.digits(n);
    else this.ascii(numberText(n));
  }

  /** A number or null. */
  nullable(n: number | null): void {
    if (n === null) this.ascii('null');
    else this.number(n);
  }

  /**
   * A Decimal as JSON.stringify writes its toNumber(). Below 10^15 units and
   * at most 6 decimals the nearest double reads back as the same decimal and
   * JavaScript writes it without an exponent, so its shortest form is the
   * decimal's own digits (canonical: no trailing zero in the fraction);
   * anything else is written from toNumber().
   */
  decimal(v: Decimal): void {
    const u = v.safeUnits();
    const { scale } = v;
    if (u === undefined || scale > PLAIN_SCALE || !(u < PLAIN_UNITS && u > -PLAIN_UNITS)) {
      this.ascii(numberText(v.toNumber()));
      return;
    }
    // A sign, 15 digits, a point and 6 decimals at most.
    this.room(24);
    if (u < 0) this.buf[this.pos++] = 0x2d;
    const whole = Math.abs(u);
    if (scale === 0) {
      this.digits(whole);
      return;
    }
    const int = Math.floor(whole / POW10[scale]!);
    this.digits(int);
    this.buf[this.pos++] = 0x2e;
    // The fraction's digits, zeros in front included: scale of them.
    this.digits(whole - int * POW10[scale]!, scale);
  }

  /** A non-negative integer below 10^15 in decimal digits: as many as it has, or `width` with zeros in front. */
  private digits(n: number, width?: number): void {
    this.room(16);
    let len = width ?? 1;
    if (width === undefined) while (len < 16 && n >= POW10[len]!) len++;
    const end = this.pos + len;
    for (let p = end - 1; p >= this.pos; p--) {
      this.buf[p] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.pos = end;
  }
}
