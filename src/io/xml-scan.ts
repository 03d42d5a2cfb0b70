/**
 * A small streaming XML scanner for the parts of a workbook that can be
 * large (sheets, shared strings, styles). It reports start tags with their
 * attributes, end tags and text (CDATA included), with the five predefined
 * entities and character references decoded, line ends normalised, and the
 * structure checked: tags closed in order, one root, no text outside it.
 * A document type declaration is refused (no entity of the file's own is
 * ever expanded). It does not check names or characters the way a full
 * parser does: what it passes on is read as cell values, whose text is
 * cleaned on reading anyway.
 *
 * Why not saxes, which parses the small parts: on a national round's long
 * table saxes took two thirds of the reading time (issue 16); this scanner
 * finds markup with indexOf and reads attributes with one sticky regex.
 */

export interface XmlTag {
  name: string;
  attributes: Record<string, string>;
}

export interface XmlHandlers {
  open(tag: XmlTag): void;
  close(name: string): void;
  text(text: string): void;
}

/** The XML is not well formed; the message says where and why (in English, for the xlsx-corrupt detail). */
export class XmlError extends Error {}

/** A single start tag longer than this is refused rather than buffered. */
const MAX_TAG = 1 << 20;

const GT = 0x3e;
const SLASH = 0x2f;
const EQ = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
/** Where a tag or attribute name ends: white space, "/", ">" (and "<" or a quote, which no name holds). */
const isNameEnd = (c: number): boolean => isSpace(c) || c === SLASH || c === GT || c === 0x3c || c === DQUOTE || c === SQUOTE;

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeReference(ref: string): string {
  const named = ENTITIES[ref];
  if (named !== undefined) return named;
  const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : ref.startsWith('#') ? parseInt(ref.slice(1), 10) : NaN;
  if (!/^#(?:x[0-9A-Fa-f]+|[0-9]+)$/.test(ref) || !(code >= 0 && code <= 0x10ffff)) throw new XmlError(`unknown entity &${ref};`);
  return String.fromCodePoint(code);
}

/** Text or an attribute value with its references decoded. */
function decode(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  let from = 0;
  for (let amp = text.indexOf('&'); amp !== -1; amp = text.indexOf('&', from)) {
    const semi = text.indexOf(';', amp);
    if (semi === -1 || semi - amp > 12) throw new XmlError('an & that starts no entity');
    out += text.slice(from, amp) + decodeReference(text.slice(amp + 1, semi));
    from = semi + 1;
  }
  return out + text.slice(from);
}

const lineEnds = (text: string): string => (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);

export class XmlScanner {
  private pending = '';
  private readonly stack: string[] = [];
  private rootClosed = false;

  constructor(private readonly handlers: XmlHandlers) {}

  write(chunk: string): void {
    const buf = this.pending + chunk;
    this.pending = '';
    this.scan(buf, false);
  }

  /** The end of the document: whatever is still open or unfinished is an error. */
  close(): void {
    const rest = this.pending;
    this.pending = '';
    if (rest !== '') this.scan(rest, true);
    if (this.pending !== '') throw new XmlError('the document ends inside a tag');
    if (this.stack.length > 0) throw new XmlError(`unclosed tag <${this.stack.at(-1)}>`);
    if (!this.rootClosed) throw new XmlError('no root element');
  }

  private text(raw: string): void {
    if (raw === '') return;
    if (this.stack.length === 0) {
      if (/\S/.test(raw)) throw new XmlError('text outside the root element');
      return;
    }
    this.handlers.text(lineEnds(decode(raw)));
  }

  private scan(buf: string, final: boolean): void {
    let i = 0;
    const n = buf.length;
    while (i < n) {
      const lt = buf.indexOf('<', i);
      if (lt === -1) {
        // Text runs on into the next chunk: pass it on now, except an entity, or a CR LF, that may be cut in two.
        const amp = buf.lastIndexOf('&');
        let cut = !final && amp >= i && buf.indexOf(';', amp) === -1 ? amp : n;
        if (!final && cut === n && buf.charCodeAt(n - 1) === 0x0d) cut = n - 1;
        this.text(buf.slice(i, cut));
        this.pending = buf.slice(cut);
        return;
      }
      if (lt > i) this.text(buf.slice(i, lt));
      const next = this.markup(buf, lt, final);
      if (next === -1) {
        if (n - lt > MAX_TAG) throw new XmlError('a tag longer than 1 MB');
        this.pending = buf.slice(lt);
        return;
      }
      i = next;
    }
  }

  /** Handles the markup at `lt`; returns where scanning goes on, or -1 when it is not all in `buf` yet. */
  private markup(buf: string, lt: number, final: boolean): number {
    const c = buf.charCodeAt(lt + 1);
    if (Number.isNaN(c)) return final ? this.fail('the document ends inside a tag') : -1;
    if (c === 0x2f /* / */) {
      const end = buf.indexOf('>', lt);
      if (end === -1) return final ? this.fail('the document ends inside an end tag') : -1;
      const name = buf.slice(lt + 2, end).trim();
      const open = this.stack.pop();
      if (open !== name) this.fail(open === undefined ? `end tag </${name}> without a start tag` : `</${name}> closes <${open}>`);
      if (this.stack.length === 0) this.rootClosed = true;
      this.handlers.close(name);
      return end + 1;
    }
    if (c === 0x21 /* ! */ || c === 0x3f /* ? */) return this.special(buf, lt, final);
    return this.startTag(buf, lt, final);
  }

  /** A start tag at `lt`, read character by character (the hot path of a sheet); -1 when it is not all in `buf` yet. */
  private startTag(buf: string, lt: number, final: boolean): number {
    const n = buf.length;
    const more = (): number => (final ? this.fail('the document ends inside a tag') : -1);
    let j = lt + 1;
    while (j < n && !isNameEnd(buf.charCodeAt(j))) j++;
    if (j === n) return more();
    const name = buf.slice(lt + 1, j);
    if (name === '') return this.fail('a < that starts no tag');
    const attributes: Record<string, string> = {};
    let selfClosing = false;
    for (;;) {
      while (j < n && isSpace(buf.charCodeAt(j))) j++;
      if (j === n) return more();
      const ch = buf.charCodeAt(j);
      if (ch === GT) {
        j++;
        break;
      }
      if (ch === SLASH) {
        if (j + 1 === n) return more();
        if (buf.charCodeAt(j + 1) !== GT) return this.fail(`malformed tag <${name}>`);
        selfClosing = true;
        j += 2;
        break;
      }
      const keyStart = j;
      while (j < n && !isNameEnd(buf.charCodeAt(j)) && buf.charCodeAt(j) !== EQ) j++;
      const key = buf.slice(keyStart, j);
      while (j < n && isSpace(buf.charCodeAt(j))) j++;
      if (j === n) return more();
      if (key === '' || buf.charCodeAt(j) !== EQ) return this.fail(`malformed attribute in <${name}>`);
      j++;
      while (j < n && isSpace(buf.charCodeAt(j))) j++;
      if (j === n) return more();
      const quote = buf.charCodeAt(j);
      if (quote !== DQUOTE && quote !== SQUOTE) return this.fail(`unquoted attribute ${key} in <${name}>`);
      const close = buf.indexOf(quote === DQUOTE ? '"' : "'", j + 1);
      if (close === -1) return more();
      const raw = buf.slice(j + 1, close);
      if (raw.includes('<')) return this.fail(`a < in attribute ${key} of <${name}>`);
      if (Object.hasOwn(attributes, key)) return this.fail(`attribute ${key} given twice in <${name}>`);
      attributes[key] = /[\t\n\r]/.test(raw) ? decode(raw.replace(/\r\n|[\t\n\r]/g, ' ')) : decode(raw);
      j = close + 1;
      // Attributes are separated by white space.
      if (j < n && !isSpace(buf.charCodeAt(j)) && buf.charCodeAt(j) !== GT && buf.charCodeAt(j) !== SLASH) return this.fail(`malformed tag <${name}>`);
    }
    if (this.stack.length === 0 && this.rootClosed) this.fail('a second root element');
    this.stack.push(name);
    this.handlers.open({ name, attributes });
    if (selfClosing) {
      this.stack.pop();
      if (this.stack.length === 0) this.rootClosed = true;
      this.handlers.close(name);
    }
    return j;
  }

  /** Comments, CDATA and processing instructions; a document type declaration is refused. */
  private special(buf: string, lt: number, final: boolean): number {
    const until = (open: string, close: string): number => {
      if (buf.length - lt < open.length) return final ? this.fail('the document ends inside markup') : -1;
      const end = buf.indexOf(close, lt + open.length);
      if (end === -1) return final ? this.fail(`${open} is never closed`) : -1;
      return end;
    };
    if (buf.startsWith('<!--', lt)) {
      const end = until('<!--', '-->');
      return end === -1 ? -1 : end + 3;
    }
    if (buf.startsWith('<![CDATA[', lt)) {
      const end = until('<![CDATA[', ']]>');
      if (end === -1) return -1;
      if (this.stack.length === 0) this.fail('CDATA outside the root element');
      const text = buf.slice(lt + 9, end);
      if (text !== '') this.handlers.text(lineEnds(text));
      return end + 3;
    }
    if (buf.startsWith('<?', lt)) {
      const end = until('<?', '?>');
      return end === -1 ? -1 : end + 2;
    }
    // "<!DOCTYPE", or "<!" cut off before we can tell.
    if (!final && buf.length - lt < 9 && ('<![CDATA['.startsWith(buf.slice(lt)) || '<!--'.startsWith(buf.slice(lt)))) return -1;
    return this.fail('a document type declaration (not allowed in a workbook)');
  }

  private fail(message: string): never {
    throw new XmlError(message);
  }
}
