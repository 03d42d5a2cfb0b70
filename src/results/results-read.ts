/**
 * Results files read back: whole for `report results.json`, lean for
 * `previous:`. A national round's file (hundreds of MB) is read a unit at a
 * time (io/json-split.ts): never one string, never parsed whole, and each
 * unit checked, expanded and kept (report) or cut to the four fields last
 * year's ranks need (previous). Both versions 2 and 3 read to the same full
 * shape (ResultsJson), then are checked in depth (results-validate.ts).
 */
import { LIMITS } from '../core/limits.js';
import { fatalDiagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics/index.js';
import { listElements, objectMembers, parseSpan, spanText, type JsonSpan } from '../io/json-split.js';
import { readBytesInput } from '../io/read-text.js';
import type { PreviousEntry } from '../scoring/engine.js';
import {
  compactUnitSchema,
  expandUnit,
  previousEntries,
  previousResultsSchema,
  RESULTS_SCHEMA_VERSION,
  resultsFileSchema,
  resultsJsonSchema,
  treeDefaults,
  unitJsonSchema,
  type CompactUnitJson,
  type MissingDefault,
  type ResultsJson,
} from './results-json.js';
import { cleanJsonText, resultsDiagnostics, validatePrevious, validateResults, type ResultsFinding } from './results-validate.js';

/** A JSON document whose `units` list is read an element at a time. */
interface JsonDocument {
  /** The top-level value, `units` left out when it is a list (then given by `units`). */
  top: unknown;
  units?: { count: number; at: (i: number) => unknown };
}

type Failure = { problem: 'not-utf8' } | { problem: 'not-json'; detail: string };

function parseWhole(bytes: Uint8Array): { value: unknown } | Failure {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    // Not UTF-8, or (a file of hundreds of MB the scan could not split) longer than a string can be.
    if ((err as NodeJS.ErrnoException).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') return { problem: 'not-utf8' };
    return { problem: 'not-json', detail: err instanceof Error ? err.message : String(err) };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (err) {
    return { problem: 'not-json', detail: err instanceof Error ? err.message : String(err) };
  }
}

/** An own property, safe for any key (`__proto__` from a file stays data). */
function setData(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The document a piece at a time when the scan finds one object with a
 * `units` list; otherwise parsed whole, as JSON.parse reads it. At most
 * `maxUnits` units are kept (the rest only counted).
 */
function openDocument(bytes: Uint8Array, maxUnits: number): JsonDocument | Failure {
  const members = objectMembers(bytes);
  const unitsSpan = members?.get('units');
  const list = unitsSpan ? listElements(bytes, unitsSpan, maxUnits) : undefined;
  if (members && list) {
    const top: Record<string, unknown> = {};
    try {
      for (const [key, span] of members) if (key !== 'units') setData(top, key, parseSpan(bytes, span));
    } catch {
      return wholeFailure(bytes);
    }
    const spans: JsonSpan[] = list.spans;
    return { top, units: { count: list.count, at: (i) => parseSpan(bytes, spans[i]!) } };
  }
  const whole = parseWhole(bytes);
  if ('problem' in whole) return whole;
  const value = whole.value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && Array.isArray((value as { units?: unknown }).units)) {
    const all = (value as { units: unknown[] }).units;
    const top: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) if (key !== 'units') setData(top, key, v);
    return { top, units: { count: all.length, at: (i) => all[i] } };
  }
  return { top: value };
}

/** What is wrong with a file whose pieces did not parse: JSON.parse's own words on the whole. */
function wholeFailure(bytes: Uint8Array): Failure {
  const whole = parseWhole(bytes);
  return 'problem' in whole ? whole : { problem: 'not-json', detail: 'JSON' };
}

/** The whole text, only when small enough to locate findings by line (results-validate). */
function smallText(bytes: Uint8Array): string | undefined {
  if (bytes.length > LIMITS.yamlBytes) return undefined;
  try {
    return spanText(bytes, { start: 0, end: bytes.length });
  } catch {
    return undefined;
  }
}

const issueText = (issues: readonly { path: PropertyKey[]; message: string }[]): string =>
  issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.')}: ${i.message}`)
    .join('; ');

export type ResultsRead = { ok: true; json: ResultsJson } | { ok: false; diagnostics: Diagnostic[] };

/**
 * A results file for `report results.json`: version 2 or 3, read to the full
 * shape with schemaVersion 3, checked in depth. Every problem is a located,
 * fatal diagnostic (`results-*`, `file-*`).
 */
export async function readResultsFile(abs: string, shown: string): Promise<ResultsRead> {
  const input = await readBytesInput(abs, shown, LIMITS.resultsBytes);
  if (!input.ok) return { ok: false, diagnostics: [input.diagnostic] };
  return readResultsBytes(input.bytes, shown);
}

/** A results file already in memory (`rank --json` output in tests), as readResultsFile reads it. */
export async function readResultsBytes(bytes: Uint8Array, shown: string): Promise<ResultsRead> {
  const fail = (code: DiagnosticCode, params: Record<string, string | number>): ResultsRead => ({ ok: false, diagnostics: [fatalDiagnostic(shown, code, params)] });
  const failure = (f: Failure): ResultsRead => (f.problem === 'not-utf8' ? fail('file-not-utf8', {}) : fail('results-not-json', { detail: f.detail }));
  const doc = openDocument(bytes, LIMITS.units);
  if ('problem' in doc) return failure(doc);
  const top = doc.top as Record<string, unknown>;
  // The units are checked one by one below; the rest of the file here, with an empty list in their place.
  const shellInput = doc.units && top !== null && typeof top === 'object' ? { ...(cleanJsonText(top) as object), units: [] } : cleanJsonText(top);
  const shell = resultsFileSchema.safeParse(shellInput);
  if (!shell.success) return fail('results-invalid', { detail: issueText(shell.error.issues) });
  const units = doc.units!;
  if (units.count > LIMITS.units)
    return {
      ok: false,
      diagnostics: await resultsDiagnostics([{ code: 'results-out-of-range', path: ['units'], params: { value: units.count, min: 0, max: LIMITS.units } }], shown, smallText(bytes)),
    };

  const v3 = shell.data.schemaVersion === 3;
  const tree = treeDefaults(shell.data.criteria.tree);
  const unknown: ResultsFinding[] = [];
  const read: ResultsJson['units'] = [];
  for (let i = 0; i < units.count; i++) {
    let raw: unknown;
    try {
      raw = units.at(i);
    } catch {
      return failure(wholeFailure(bytes));
    }
    const unit = (v3 ? compactUnitSchema : unitJsonSchema).safeParse(cleanJsonText(raw));
    if (!unit.success) return fail('results-invalid', { detail: issueText(unit.error.issues.map((x) => ({ ...x, path: ['units', i, ...x.path] }))) });
    if (!v3) read.push(unit.data as ResultsJson['units'][number]);
    else {
      // A leaf's or an area's code the tree does not hold is reported by validateResults; a branch's or a lostMost entry's here.
      const missing = (m: MissingDefault) => {
        if (m.path[0] === 'nodes' || m.path[0] === 'facts') unknown.push({ code: 'results-unknown-code', path: ['units', i, ...m.path], params: { code: m.code } });
      };
      read.push(expandUnit(unit.data as CompactUnitJson, tree, missing));
    }
  }
  // In the full shape's key order, so the file reads back as the value toResultsJson built.
  const json: Record<string, unknown> = {};
  for (const key of Object.keys(resultsJsonSchema.shape)) {
    if (key === 'schemaVersion') json[key] = RESULTS_SCHEMA_VERSION;
    else if (key === 'units') json[key] = read;
    else if ((shell.data as Record<string, unknown>)[key] !== undefined) json[key] = (shell.data as Record<string, unknown>)[key];
  }
  const results = json as ResultsJson;
  // Shape is not enough: a tree with a cycle or a unit missing a leaf would build a wrong report.
  const findings = [...validateResults(results), ...unknown.slice(0, 50)];
  if (findings.length > 0) return { ok: false, diagnostics: await resultsDiagnostics(findings, shown, smallText(bytes)) };
  return { ok: true, json: results };
}

export type PreviousRead = { ok: true; entries: PreviousEntry[]; sha256: string } | { ok: false; diagnostics: Diagnostic[]; sha256?: string };

/** The fields `previous:` uses from each unit; the rest of a unit (its leaves…) is dropped as soon as it is parsed. */
const PREVIOUS_FIELDS = ['code', 'name', 'rank', 'index'] as const;

/**
 * Last year's results for `previous:`: any version, or a hand-made summary
 * with `units[].code`, `rank`, `index` (and `name`). Only those fields are
 * kept, a unit at a time, so a national file costs its bytes and little more.
 */
export async function readPreviousFile(abs: string, shown: string): Promise<PreviousRead> {
  const input = await readBytesInput(abs, shown, LIMITS.resultsBytes);
  if (!input.ok) return { ok: false, diagnostics: [input.diagnostic] };
  const { bytes, sha256 } = input;
  const fail = (code: DiagnosticCode, params: Record<string, string | number>): PreviousRead => ({ ok: false, sha256, diagnostics: [fatalDiagnostic(shown, code, params)] });
  const failure = (f: Failure): PreviousRead => (f.problem === 'not-utf8' ? fail('file-not-utf8', {}) : fail('previous-not-json', { detail: f.detail }));
  const doc = openDocument(bytes, LIMITS.units);
  if ('problem' in doc) return failure(doc);
  let data: unknown = doc.top;
  if (doc.units && doc.units.count > LIMITS.units)
    return {
      ok: false,
      sha256,
      diagnostics: await resultsDiagnostics([{ code: 'results-out-of-range', path: ['units'], params: { value: doc.units.count, min: 0, max: LIMITS.units } }], shown, smallText(bytes)),
    };
  if (doc.units) {
    const lean: unknown[] = [];
    for (let i = 0; i < doc.units.count; i++) {
      let raw: unknown;
      try {
        raw = doc.units.at(i);
      } catch {
        return failure(wholeFailure(bytes));
      }
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) lean.push(raw);
      else {
        const picked: Record<string, unknown> = {};
        for (const key of PREVIOUS_FIELDS) if (Object.hasOwn(raw, key)) picked[key] = (raw as Record<string, unknown>)[key];
        lean.push(picked);
      }
    }
    data = { units: lean };
  }
  const parsed = previousResultsSchema.safeParse(cleanJsonText(data));
  if (!parsed.success) return fail('previous-invalid', { detail: issueText(parsed.error.issues) });
  // Duplicate units or impossible ranks would give wrong rank changes without a word.
  const deep = await resultsDiagnostics(validatePrevious(parsed.data), shown, smallText(bytes));
  if (deep.length > 0) return { ok: false, sha256, diagnostics: deep };
  return { ok: true, entries: previousEntries(parsed.data), sha256 };
}
