/**
 * Results JSON checked in depth, after its shape (zod) and before anything
 * is built from it: a report (`report results.json`) or last year's ranks
 * (`previous:`). A hand-edited or hostile file gets located messages, never
 * an unexpected error and never a silent wrong number: the criteria tree
 * must be a tree (unique codes, known parents, no cycles, within the
 * limits), every unit must carry every leaf exactly once, display decimals
 * must be what a criteria set allows, ranks and indexes must be possible.
 *
 * Works on the parsed JSON, so it holds whatever shape the results model
 * takes around it; the reading functions call it after the schema check.
 */
import { LIMITS } from '../core/limits.js';
import { stripControls } from '../core/text.js';
import type { Diagnostic } from '../diagnostics/index.js';

/** Where in the JSON: keys and array indexes from the root. */
export type JsonPath = (string | number)[];

export interface ResultsFinding {
  code: 'results-out-of-range' | 'results-duplicate' | 'results-tree-cycle' | 'results-unknown-code' | 'results-missing-leaf';
  path: JsonPath;
  params: Record<string, string | number>;
}

/** More findings than this are summarised: a broken file is not a flood. */
const MAX_FINDINGS = 50;
/** Display decimals a criteria set allows (criteria schema: 0–4). */
const MAX_DECIMALS = 4;

/** Printable ASCII only: already NFC, no control characters (most keys, codes and figures of a results file). */
const PLAIN = /^[\x20-\x7e]*$/;

function cleanText(text: string): string {
  return PLAIN.test(text) ? text : stripControls(text.normalize('NFC'));
}

/**
 * Every string in parsed JSON in NFC without control characters, as input
 * text is everywhere else; objects are rebuilt, never modified in place.
 */
export function cleanJsonText(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(cleanJsonText);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = cleanText(k);
      // __proto__ as an own key from JSON.parse must stay data, never a prototype; other keys
      // are assigned plainly (defining every key made objects slow: 5 of 13 s reading 4,000 units).
      if (key === '__proto__') Object.defineProperty(out, key, { value: cleanJsonText(v), enumerable: true, writable: true, configurable: true });
      else out[key] = cleanJsonText(v);
    }
    return out;
  }
  return value;
}

/** What the checks read from a full results file (the fields the report builds from). */
interface TreeNode {
  code: string;
  parent: string | null;
  leaf: boolean;
}
interface FullResults {
  options: { decimals: number };
  criteria: { tree: TreeNode[] };
  units: { code: string; rank: number | null; previousRank: number | null; index: number | null; previousIndex: number | null; leaves: { code: string }[]; areas: { code: string }[] }[];
}

class Findings {
  readonly list: ResultsFinding[] = [];
  more = 0;
  add(code: ResultsFinding['code'], path: JsonPath, params: Record<string, string | number>): void {
    if (this.list.length < MAX_FINDINGS) this.list.push({ code, path, params });
    else this.more++;
  }
}

function checkRank(f: Findings, path: JsonPath, rank: number | null, units: number): void {
  if (rank !== null && (rank < 1 || rank > units)) f.add('results-out-of-range', path, { value: rank, min: 1, max: units });
}

function checkIndex(f: Findings, path: JsonPath, index: number | null): void {
  if (index !== null && index < 0) f.add('results-out-of-range', path, { value: index, min: 0, max: '' });
}

/** A full results file (`report results.json`): tree, units, leaves, decimals. */
export function validateResults(data: FullResults): ResultsFinding[] {
  const f = new Findings();
  const { decimals } = data.options;
  if (decimals < 0 || decimals > MAX_DECIMALS) f.add('results-out-of-range', ['options', 'decimals'], { value: decimals, min: 0, max: MAX_DECIMALS });

  const tree = data.criteria.tree;
  if (tree.length > LIMITS.nodes) {
    f.add('results-out-of-range', ['criteria', 'tree'], { value: tree.length, min: 1, max: LIMITS.nodes });
    return f.list;
  }
  const byCode = new Map<string, { node: TreeNode; i: number }>();
  tree.forEach((node, i) => {
    if (byCode.has(node.code)) f.add('results-duplicate', ['criteria', 'tree', i, 'code'], { code: node.code });
    else byCode.set(node.code, { node, i });
  });
  const children = new Map<string, number>();
  tree.forEach((node, i) => {
    if (node.parent === null) return;
    if (!byCode.has(node.parent)) f.add('results-unknown-code', ['criteria', 'tree', i, 'parent'], { code: node.parent });
    else children.set(node.parent, (children.get(node.parent) ?? 0) + 1);
  });
  // Every chain of parents must end at a root, within the depth limit. A cycle is reported once, at
  // its first node in the tree's order; nodes that only lead into it are not reported again.
  const onCycle = new Set<string>();
  let deepReported = false;
  for (const [code, { node, i }] of byCode) {
    if (onCycle.has(code)) continue;
    const chain = [code];
    const seen = new Set(chain);
    for (let parent = node.parent; parent !== null && byCode.has(parent); parent = byCode.get(parent)!.node.parent) {
      if (parent === code) {
        chain.push(code);
        for (const c of chain) onCycle.add(c);
        f.add('results-tree-cycle', ['criteria', 'tree', i, 'parent'], { code, chain: chain.join(' → ') });
        break;
      }
      if (seen.has(parent)) break;
      if (chain.length > LIMITS.treeDepth) {
        if (!deepReported) f.add('results-tree-cycle', ['criteria', 'tree', i, 'parent'], { code, chain: `${chain.join(' → ')} → …` });
        deepReported = true;
        break;
      }
      seen.add(parent);
      chain.push(parent);
    }
  }
  // Units are checked against a sound tree only: against a broken one every leaf would be reported again.
  if (f.list.length > 0) return withSummary(f);
  // A node marked as a leaf that has children is no leaf: units' entries for it are then reported as unknown leaves.
  const leaves = new Set([...byCode.values()].filter(({ node }) => node.leaf && !children.has(node.code)).map(({ node }) => node.code));

  const units = data.units;
  if (units.length > LIMITS.units) {
    f.add('results-out-of-range', ['units'], { value: units.length, min: 0, max: LIMITS.units });
    return f.list;
  }
  const unitCodes = new Set<string>();
  units.forEach((u, ui) => {
    if (unitCodes.has(u.code)) f.add('results-duplicate', ['units', ui, 'code'], { code: u.code });
    unitCodes.add(u.code);
    checkRank(f, ['units', ui, 'rank'], u.rank, units.length);
    checkRank(f, ['units', ui, 'previousRank'], u.previousRank, Number.MAX_SAFE_INTEGER);
    checkIndex(f, ['units', ui, 'index'], u.index);
    checkIndex(f, ['units', ui, 'previousIndex'], u.previousIndex);
    const got = new Set<string>();
    u.leaves.forEach((l, li) => {
      if (!leaves.has(l.code)) f.add('results-unknown-code', ['units', ui, 'leaves', li, 'code'], { code: l.code });
      else if (got.has(l.code)) f.add('results-duplicate', ['units', ui, 'leaves', li, 'code'], { code: l.code });
      got.add(l.code);
    });
    for (const leaf of leaves) if (!got.has(leaf)) f.add('results-missing-leaf', ['units', ui, 'leaves'], { unit: u.code, code: leaf });
    u.areas.forEach((a, ai) => {
      if (!byCode.has(a.code)) f.add('results-unknown-code', ['units', ui, 'areas', ai, 'code'], { code: a.code });
    });
  });
  return withSummary(f);
}

/** Last year's results as `previous:` reads them: unit codes once each, ranks from 1, indexes not negative. */
export function validatePrevious(data: { units: { code: string; rank: number | null; index: number | null }[] }): ResultsFinding[] {
  const f = new Findings();
  if (data.units.length > LIMITS.units) {
    f.add('results-out-of-range', ['units'], { value: data.units.length, min: 0, max: LIMITS.units });
    return f.list;
  }
  const seen = new Set<string>();
  data.units.forEach((u, i) => {
    const code = u.code.normalize('NFC').trim();
    if (seen.has(code)) f.add('results-duplicate', ['units', i, 'code'], { code });
    seen.add(code);
    checkRank(f, ['units', i, 'rank'], u.rank, data.units.length);
    checkIndex(f, ['units', i, 'index'], u.index);
  });
  return withSummary(f);
}

function withSummary(f: Findings): ResultsFinding[] {
  if (f.more > 0) f.list.push({ code: 'results-out-of-range', path: [], params: { value: `+${f.more}`, min: '', max: '' } });
  return f.list;
}

/** `units[3].leaves[0].code`, as a reader finds it in the file. */
function jsonPathText(path: JsonPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '$';
}

/**
 * Findings as diagnostics located at `file:line:col` when the file is small
 * enough to map (JSON is YAML, so the YAML source map finds the path; a
 * larger file's text is not given), and by JSON path always.
 */
export async function resultsDiagnostics(findings: readonly ResultsFinding[], file: string, text: string | undefined): Promise<Diagnostic[]> {
  if (findings.length === 0) return [];
  let locate: ((path: JsonPath) => Diagnostic['location']) | undefined;
  if (text !== undefined && text.length <= LIMITS.yamlBytes) {
    const { parseYamlSource, locate: yamlLocate } = await import('../yaml/index.js');
    const { source } = parseYamlSource(file, text);
    if (source.data !== undefined) locate = (path) => yamlLocate(source, path);
  }
  return findings.map((finding) => {
    const location = finding.path.length > 0 && locate ? locate(finding.path) : undefined;
    return { code: finding.code, severity: 'error', file, ...(location ? { location } : {}), params: { path: jsonPathText(finding.path), ...finding.params }, fatal: true };
  });
}
