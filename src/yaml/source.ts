/**
 * Safe YAML parsing with source positions, shared by every YAML input
 * (criteria sets, units, workspace files). Rejects what a data file never
 * needs: unknown tags, duplicate keys, alias expansion beyond a small limit.
 */
import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument, Scalar, visit, type Node, type Pair } from 'yaml';
import { LIMITS } from '../core/limits.js';
import { dataLimits } from './limits.js';
import { readPlainYaml } from './plain.js';
import type { Diagnostic, SourceLocation } from '../diagnostics/index.js';

export type PathSegment = string | number;

export interface YamlSource {
  file: string;
  /** The text as parsed (BOM dropped, CR-only line ends and structural no-break spaces read as such). */
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** Plain data; undefined when the document could not be turned into data. */
  data: unknown;
}

/** The most aliases a document may expand; real criteria files use none. */
const MAX_ALIAS_COUNT = 100;

export function parseYamlSource(file: string, rawText: string): { source: YamlSource; diagnostics: Diagnostic[] } {
  // Editors on Windows save with a BOM and CRLF; neither should matter.
  const withBom = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  // Old Mac editors end lines with CR alone, which YAML does not count as a
  // line break; read each as one. Same length, so every offset still holds.
  const crOnly = withBom.replace(/\r(?!\n)/g, '\n');
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number | undefined): SourceLocation => offsetToLocation(lineCounter, offset ?? 0);
  const { text, spaces } = replaceStructuralNbsp(crOnly);
  if (spaces.length === 0) {
    const plain = readPlainYaml(text);
    if (plain !== undefined) return plainSource(file, text, plain);
  }
  let doc: Document.Parsed;
  try {
    doc = parseDoc(text, lineCounter);
  } catch (err) {
    // The parser recurses per level of nesting: a pathological file runs out of stack.
    if (!(err instanceof RangeError)) throw err;
    diagnostics.push({ code: 'limit-yaml-depth', severity: 'error', file, location: { line: 1, column: 1 }, params: { limit: LIMITS.yamlDepth }, fatal: true });
    return { source: { file, text: '', doc: parseDocument('', { lineCounter }), lineCounter, data: undefined }, diagnostics };
  }

  for (const offset of spaces) {
    diagnostics.push({ code: 'yaml-nbsp', severity: 'error', file, location: at(offset), params: {} });
  }
  // After the first real syntax error the parser's later complaints are
  // echoes of it (duplicate keys included: the parser lost track of the
  // nesting); like a compiler, report the first one only.
  const firstSyntax = doc.errors.find((e) => e.code !== 'DUPLICATE_KEY')?.pos[0];
  let syntaxReported = false;
  for (const err of doc.errors) {
    if (err.code !== 'DUPLICATE_KEY') {
      if (syntaxReported) continue;
      syntaxReported = true;
    } else if (firstSyntax !== undefined && err.pos[0] >= firstSyntax) continue;
    if (err.code === 'RESOURCE_EXHAUSTION') {
      diagnostics.push({ code: 'limit-yaml-depth', severity: 'error', file, location: at(err.pos[0]), params: { limit: LIMITS.yamlDepth }, fatal: true });
    } else if (err.code === 'DUPLICATE_KEY') {
      diagnostics.push({ code: 'yaml-duplicate-key', severity: 'error', file, location: at(err.pos[0]), params: { key: keyTextAt(text, err.pos[0]) } });
    } else {
      const indented = err.code === 'BLOCK_AS_IMPLICIT_KEY' || err.code === 'MULTILINE_IMPLICIT_KEY' ? overIndentedKey(text, lineCounter, err.pos[0]) : undefined;
      if (indented) {
        diagnostics.push({ code: 'yaml-key-indent', severity: 'error', file, location: at(indented.offset), params: { key: indented.key }, fatal: true });
        continue;
      }
      diagnostics.push({
        code: 'yaml-syntax',
        severity: 'error',
        file,
        location: at(err.pos[0]),
        params: { detail: err.message.split(' at line ')[0]!.split('\n')[0]!, yamlCode: err.code },
        // A file that is not YAML cannot be checked at all: exit code 2.
        fatal: true,
      });
    }
  }
  for (const warn of doc.warnings) {
    if (warn.code === 'TAG_RESOLVE_FAILED') {
      const fullTag = /Unresolved tag: (\S+)/.exec(warn.message)?.[1] ?? '';
      // Named as typed: `!!float`, not `tag:yaml.org,2002:float`.
      const tag = fullTag.startsWith('tag:yaml.org,2002:') ? `!!${fullTag.slice('tag:yaml.org,2002:'.length)}` : fullTag;
      diagnostics.push({ code: 'yaml-unsafe-tag', severity: 'error', file, location: at(warn.pos[0]), params: { tag } });
    } else {
      diagnostics.push({ code: 'yaml-syntax', severity: 'error', file, location: at(warn.pos[0]), params: { detail: warn.message.split(' at line ')[0]!, yamlCode: warn.code } });
    }
  }

  let data: unknown;
  if (doc.errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      if (!withinLimits({ file, text, doc, lineCounter, data }, diagnostics)) data = undefined;
    } catch (err) {
      if (err instanceof RangeError && !/alias/i.test(err.message)) {
        diagnostics.push({ code: 'limit-yaml-depth', severity: 'error', file, location: at(0), params: { limit: LIMITS.yamlDepth }, fatal: true });
      } else if (err instanceof ReferenceError && /alias/i.test(err.message)) {
        diagnostics.push({ code: 'yaml-alias-limit', severity: 'error', file, location: at(0), params: { limit: MAX_ALIAS_COUNT }, fatal: true });
      } else {
        diagnostics.push({ code: 'yaml-syntax', severity: 'error', file, location: at(0), params: { detail: err instanceof Error ? err.message : String(err), yamlCode: 'TO_JS' }, fatal: true });
      }
    }
  }
  return { source: { file, text, doc, lineCounter, data }, diagnostics };
}

/** The full parse, with the decimal commas of flow mappings joined back (a syntax error leaves the document as it is). */
function parseDoc(text: string, lineCounter: LineCounter): Document.Parsed {
  // Merge keys (`<<: *base`) are part of YAML 1.1 and common in hand-written files.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, merge: true });
  if (doc.errors.length === 0) joinDecimalCommas(doc, text);
  return doc;
}

/** Reports data nested too deep or text too long; false when the data cannot be used (too deep). */
function withinLimits(source: YamlSource, diagnostics: Diagnostic[]): boolean {
  const { file } = source;
  const problems = dataLimits(source.data);
  if (problems.depth) {
    diagnostics.push({ code: 'limit-yaml-depth', severity: 'error', file, location: locate(source, problems.depth), params: { limit: LIMITS.yamlDepth }, fatal: true });
  }
  for (const p of problems.longText) {
    diagnostics.push({ code: 'limit-text-length', severity: 'error', file, location: locate(source, p.path), params: { length: p.length, limit: LIMITS.textLength } });
  }
  return problems.depth === undefined;
}

/**
 * Plain data read by the fast reader (plain.ts). The syntax tree is only
 * needed to say where a problem is: it is parsed, in full, the first time a
 * location is asked for.
 */
function plainSource(file: string, text: string, data: unknown): { source: YamlSource; diagnostics: Diagnostic[] } {
  let full: { doc: Document.Parsed; lineCounter: LineCounter } | undefined;
  const parsed = (): { doc: Document.Parsed; lineCounter: LineCounter } => {
    if (full === undefined) {
      const lineCounter = new LineCounter();
      full = { doc: parseDoc(text, lineCounter), lineCounter };
    }
    return full;
  };
  const source: YamlSource = {
    file,
    text,
    data,
    get doc() {
      return parsed().doc;
    },
    get lineCounter() {
      return parsed().lineCounter;
    },
  };
  const diagnostics: Diagnostic[] = [];
  if (!withinLimits(source, diagnostics)) source.data = undefined;
  return { source, diagnostics };
}

/**
 * A no-break space (U+00A0, pasted from Word or a web page) looks like a
 * space but YAML reads it as text, so `name:\u00a0Sở` is no key at all.
 * Where it stands for a space — in the indentation or right after `:` or
 * `-` — it is reported and read as a space, so the rest is still checked.
 */
function replaceStructuralNbsp(text: string): { text: string; spaces: number[] } {
  if (!text.includes('\u00a0')) return { text, spaces: [] };
  const spaces: number[] = [];
  const out = text.replace(
    /(^[ \u00a0]*)(\u00a0)|([:-])(\u00a0)/gm,
    (whole: string, indent: string | undefined, _n1: string | undefined, mark: string | undefined, _n2: string | undefined, offset: number) => {
      if (mark !== undefined) {
        spaces.push(offset + 1);
        return `${mark} `;
      }
      const lead = indent ?? '';
      for (let i = 0; i < whole.length; i++) if (whole[i] === '\u00a0') spaces.push(offset + i);
      return ' '.repeat(lead.length + 1);
    },
  );
  // One finding per line is enough to show where to look.
  const perLine = new Map<number, number>();
  for (const o of spaces) {
    const line = out.lastIndexOf('\n', o - 1);
    if (!perLine.has(line)) perLine.set(line, o);
  }
  return { text: out, spaces: [...perLine.values()] };
}

/** The whole key that starts at an offset: `max` in `max: 4`, `"a b"` in `"a b": 1`. */
function keyTextAt(text: string, offset: number): string {
  const rest = text.slice(offset, text.indexOf('\n', offset) === -1 ? undefined : text.indexOf('\n', offset));
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|.*?)\s*:(?:\s|$)/.exec(rest);
  const key = (m?.[1] ?? rest).trim();
  return /^["']/.test(key) ? key.slice(1, -1) : key;
}

/**
 * `title: T` followed by ` year: 2024` (one space too many) reads as a
 * two-line key, and the parser points at the line above. Finds the key
 * line that is indented deeper than the line with the error.
 */
function overIndentedKey(text: string, lineCounter: LineCounter, offset: number): { offset: number; key: string } | undefined {
  const line = lineCounter.linePos(offset).line;
  const starts = lineCounter.lineStarts;
  const lineText = (n: number): string | undefined => (n - 1 < starts.length ? text.slice(starts[n - 1], n < starts.length ? starts[n]! - 1 : undefined) : undefined);
  const indentOf = (s: string): number => /^ */.exec(s)![0].length;
  const here = lineText(line);
  if (here === undefined) return undefined;
  for (let n = line + 1; n <= starts.length; n++) {
    const next = lineText(n)!;
    if (next.trim() === '' || next.trim().startsWith('#')) continue;
    const m = /^( *)([^\s#:-][^:#]*?):(?:\s|$)/.exec(next);
    const hereIndent = indentOf(here.replace(/^( *)- /, '$1  '));
    if (m && m[1]!.length > hereIndent) return { offset: starts[n - 1]! + m[1]!.length, key: m[2]!.trim() };
    return undefined;
  }
  return undefined;
}

/**
 * In a flow mapping, `{ label: Chậm, points: 0,5 }` reads as `points: 0`
 * and a key `5`: the comma ends the value. Where a whole number is followed
 * by a comma and digits with no space between, joins them back into the
 * text the user typed ("0,5"), so the shape check names the decimal comma.
 */
function joinDecimalCommas(doc: Document.Parsed, text: string): void {
  visit(doc, {
    Map(_key, map) {
      if (!map.flow) return;
      for (let i = 0; i + 1 < map.items.length; i++) {
        const value = map.items[i]!.value;
        const next = map.items[i + 1]!;
        if (!isScalar(value) || !value.range || !isScalar(next.key) || !next.key.range) continue;
        if (next.value !== null && !(isScalar(next.value) && next.value.value === null && next.value.source === '')) continue;
        const whole = value.source ?? '';
        const frac = next.key.source ?? '';
        if (!/^-?\d+$/.test(whole) || !/^\d+$/.test(frac) || text.slice(value.range[1], next.key.range[0]) !== ',') continue;
        const joined = new Scalar(`${whole},${frac}`);
        joined.source = `${whole},${frac}`;
        joined.range = [value.range[0], next.key.range[1], next.key.range[1]];
        map.items[i]!.value = joined;
        map.items.splice(i + 1, 1);
      }
    },
  });
}

export function offsetToLocation(lineCounter: LineCounter, offset: number): SourceLocation {
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/**
 * Finds the YAML node at a data path. Returns the deepest node that exists
 * (the closest ancestor when the path goes further than the file), and the
 * pair whose value it is, so callers can point at a key instead.
 */
export function nodeAt(source: YamlSource, path: readonly PathSegment[]): { node: Node | null; pair?: Pair; complete: boolean } {
  let node: unknown = source.doc.contents;
  let pair: Pair | undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const found = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!found) return { node: node as Node, ...(pair ? { pair } : {}), complete: false };
      pair = found;
      node = found.value;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
      pair = undefined;
      node = node.items[seg];
    } else {
      return { node: (node as Node | null) ?? null, ...(pair ? { pair } : {}), complete: false };
    }
  }
  return { node: (node as Node | null) ?? null, ...(pair ? { pair } : {}), complete: true };
}

/** Source location for a data path; `key: true` points at the key of the last step. */
export function locate(source: YamlSource, path: readonly PathSegment[], opts: { key?: boolean } = {}): SourceLocation {
  const { node, pair, complete } = nodeAt(source, path);
  const target = opts.key && complete && pair && isScalar(pair.key) ? pair.key : node;
  const range = target?.range;
  if (!range) {
    const keyRange = pair && isScalar(pair.key) ? pair.key.range : undefined;
    return offsetToLocation(source.lineCounter, keyRange?.[0] ?? 0);
  }
  const start = offsetToLocation(source.lineCounter, range[0]);
  const end = offsetToLocation(source.lineCounter, range[1]);
  return { ...start, endLine: end.line, endColumn: end.column };
}

/**
 * Where the node at a path begins, without its end: for a finding about a
 * mapping as a whole (a key it lacks), so that an annotation marks the line
 * the mapping starts on, not every line it spans (for the top level, the
 * whole file).
 */
export function locateStart(source: YamlSource, path: readonly PathSegment[]): SourceLocation {
  const { line, column } = locate(source, path);
  return { line, column };
}

/** The text the user typed for a scalar at a path (e.g. "1.10" for `code: 1.10`). */
export function sourceTextAt(source: YamlSource, path: readonly PathSegment[]): string | undefined {
  const { node, complete } = nodeAt(source, path);
  if (!complete || !isScalar(node)) return undefined;
  return node.source ?? (node.value === null ? undefined : String(node.value));
}
