/**
 * Safe YAML parsing with source positions, shared by every YAML input
 * (criteria sets, units, workspace files). Rejects what a data file never
 * needs: unknown tags, duplicate keys, alias expansion beyond a small limit.
 */
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { LIMITS } from '../core/limits.js';
import { dataLimits } from './limits.js';
import type { Diagnostic, SourceLocation } from '../diagnostics/index.js';

export type PathSegment = string | number;

export interface YamlSource {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** Plain data; undefined when the document could not be turned into data. */
  data: unknown;
}

/** The most aliases a document may expand; real criteria files use none. */
const MAX_ALIAS_COUNT = 100;

export function parseYamlSource(file: string, rawText: string): { source: YamlSource; diagnostics: Diagnostic[] } {
  // Editors on Windows save with a BOM and CRLF; neither should matter.
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const at = (offset: number | undefined): SourceLocation => offsetToLocation(lineCounter, offset ?? 0);
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (err) {
    // The parser recurses per level of nesting: a pathological file runs out of stack.
    if (!(err instanceof RangeError)) throw err;
    diagnostics.push({ code: 'limit-yaml-depth', severity: 'error', file, location: { line: 1, column: 1 }, params: { limit: LIMITS.yamlDepth }, fatal: true });
    return { source: { file, doc: parseDocument('', { lineCounter }), lineCounter, data: undefined }, diagnostics };
  }

  // After the first real syntax error the parser's later complaints are
  // mostly echoes of it; like a compiler, report the first one only.
  let syntaxReported = false;
  for (const err of doc.errors) {
    if (err.code !== 'DUPLICATE_KEY') {
      if (syntaxReported) continue;
      syntaxReported = true;
    }
    if (err.code === 'RESOURCE_EXHAUSTION') {
      diagnostics.push({ code: 'limit-yaml-depth', severity: 'error', file, location: at(err.pos[0]), params: { limit: LIMITS.yamlDepth }, fatal: true });
    } else if (err.code === 'DUPLICATE_KEY') {
      diagnostics.push({ code: 'yaml-duplicate-key', severity: 'error', file, location: at(err.pos[0]), params: { key: text.slice(err.pos[0], err.pos[1]).trim() } });
    } else {
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
      const tag = /Unresolved tag: (\S+)/.exec(warn.message)?.[1] ?? '';
      diagnostics.push({ code: 'yaml-unsafe-tag', severity: 'error', file, location: at(warn.pos[0]), params: { tag } });
    } else {
      diagnostics.push({ code: 'yaml-syntax', severity: 'error', file, location: at(warn.pos[0]), params: { detail: warn.message.split(' at line ')[0]!, yamlCode: warn.code } });
    }
  }

  let data: unknown;
  if (doc.errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      const source: YamlSource = { file, doc, lineCounter, data };
      const problems = dataLimits(data);
      if (problems.depth) {
        diagnostics.push({ code: 'limit-yaml-depth', severity: 'error', file, location: locate(source, problems.depth), params: { limit: LIMITS.yamlDepth }, fatal: true });
        data = undefined;
      }
      for (const p of problems.longText) {
        diagnostics.push({ code: 'limit-text-length', severity: 'error', file, location: locate(source, p.path), params: { length: p.length, limit: LIMITS.textLength } });
      }
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
  return { source: { file, doc, lineCounter, data }, diagnostics };
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

/** The text the user typed for a scalar at a path (e.g. "1.10" for `code: 1.10`). */
export function sourceTextAt(source: YamlSource, path: readonly PathSegment[]): string | undefined {
  const { node, complete } = nodeAt(source, path);
  if (!complete || !isScalar(node)) return undefined;
  return node.source ?? (node.value === null ? undefined : String(node.value));
}

