/**
 * Turns zod's shape findings into located diagnostics, in words an office
 * user understands, and catches the YAML traps zod cannot see.
 */
import * as z from 'zod';
import type { Diagnostic } from '../diagnostics/index.js';
import { nearest } from '../core/text.js';
import { locate, locateStart, nodeAt, sourceTextAt, type PathSegment, type YamlSource } from './source.js';

/**
 * `code: 1.10` is read by YAML as the number 1.1, silently losing the code.
 * Reports every code typed as a number and replaces it in `data` by the
 * text the user typed, so later checks see the intended code.
 */
export function quoteNumericCodes(source: YamlSource, data: unknown, keys: readonly string[] = ['code']): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const visit = (value: unknown, path: PathSegment[]): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
    } else if (value !== null && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      for (const [k, v] of Object.entries(obj)) {
        if (keys.includes(k) && typeof v === 'number') {
          const typed = sourceTextAt(source, [...path, k]) ?? String(v);
          obj[k] = typed;
          diagnostics.push({
            code: 'code-not-quoted',
            severity: 'error',
            file: source.file,
            location: locate(source, [...path, k]),
            params: { typed, read: String(v) },
          });
        } else {
          visit(v, [...path, k]);
        }
      }
    }
  };
  visit(data, []);
  return diagnostics;
}

type Issue = z.core.$ZodIssue;

function keyName(path: readonly PathSegment[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const seg = path[i];
    if (typeof seg === 'string') return seg;
  }
  return '';
}

function describeReceived(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'infinite';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A value as the user typed it, for messages: never "[object Object]". */
function shownValue(source: YamlSource, path: readonly PathSegment[], value: unknown): string {
  if (value !== null && typeof value === 'object') {
    const { node, complete } = nodeAt(source, path);
    const range = complete ? node?.range : undefined;
    const text = range ? source.text.slice(range[0], range[1]).replace(/\s+/g, ' ').trim() : '';
    return text.length > 40 ? `${text.slice(0, 39)}…` : text;
  }
  return String(value ?? '');
}

/** The value at a path in parsed YAML data, or undefined. */
export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let cur = data;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg as string];
  }
  return cur;
}

/** The zod schema that applies at a data path, to list the keys allowed there. */
function schemaAt(root: z.ZodType, path: readonly PathSegment[], data: unknown): z.ZodType | undefined {
  let schema: z.ZodType | undefined = root;
  let cur: unknown = data;
  const unwrap = (s: z.ZodType): z.ZodType => {
    let out = s;
    for (;;) {
      if (out instanceof z.ZodOptional || out instanceof z.ZodDefault || out instanceof z.ZodNullable) out = out.unwrap() as z.ZodType;
      else if (out instanceof z.ZodLazy) out = out.unwrap() as z.ZodType;
      else if (out instanceof z.ZodDiscriminatedUnion) {
        const disc = (out as unknown as { def: { discriminator: string } }).def.discriminator;
        const wanted = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[disc] : undefined;
        const options = out.options as unknown as z.ZodType[];
        const match = options.find(
          (o) => o instanceof z.ZodObject && (o.shape as Record<string, z.ZodType>)[disc] instanceof z.ZodLiteral && (o.shape as Record<string, z.ZodLiteral>)[disc]!.value === wanted,
        );
        if (!match) return out;
        out = match;
      } else return out;
    }
  };
  for (const seg of path) {
    if (!schema) return undefined;
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject && typeof seg === 'string') {
      schema = (schema.shape as Record<string, z.ZodType>)[seg];
    } else if (schema instanceof z.ZodArray && typeof seg === 'number') {
      schema = schema.element as z.ZodType;
    } else return undefined;
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg as string] : undefined;
  }
  return schema ? unwrap(schema) : undefined;
}

export function zodIssuesToDiagnostics(source: YamlSource, root: z.ZodType, issues: readonly Issue[], data: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  const file = source.file;
  for (const issue of issues) {
    const path = issue.path as PathSegment[];
    const key = keyName(path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const schema = schemaAt(root, path, data);
        const allowed = schema instanceof z.ZodObject ? Object.keys(schema.shape as object).filter((k) => k !== '$schema') : [];
        for (const k of issue.keys) {
          const suggestion = nearest(k, allowed);
          out.push({
            code: 'unknown-key',
            severity: 'error',
            file,
            location: locate(source, [...path, k], { key: true }),
            params: { key: k, suggestion: suggestion ?? '', allowed: allowed.join(', '), ...(/\s/.test(k) ? { commaHint: 'yes' } : {}), at: path.join('\u0001') },
          });
        }
        break;
      }
      case 'invalid_type': {
        const value = valueAt(data, path);
        if (value === undefined) {
          out.push({ code: 'missing-key', severity: 'error', file, location: locateStart(source, path.slice(0, -1)), params: { key, at: path.slice(0, -1).join('\u0001') } });
        } else if (typeof value === 'number' && !Number.isFinite(value)) {
          // `1e400` is a number too large to hold: say so, not "a number is not a number".
          out.push({
            code: 'number-too-large',
            severity: 'error',
            file,
            location: locate(source, path),
            params: { key, bound: '999999999999999', value: sourceTextAt(source, path) ?? String(value) },
          });
        } else {
          const typed = sourceTextAt(source, path) ?? String(value);
          const commaDecimal = issue.expected === 'number' && typeof value === 'string' && /^\s*-?\d+,\d+\s*$/.test(value);
          out.push({
            code: commaDecimal ? 'decimal-comma' : 'invalid-type',
            severity: 'error',
            file,
            location: locate(source, path),
            params: { key, expected: issue.expected, received: describeReceived(value), typed, ...(commaDecimal ? { fixed: value.trim().replace(',', '.') } : {}) },
          });
        }
        break;
      }
      case 'invalid_union': {
        const disc = (issue as { discriminator?: string }).discriminator;
        const options = (issue as { options?: unknown[] }).options;
        if (disc !== undefined) {
          const value = valueAt(data, path);
          out.push({
            code: value === undefined ? 'missing-key' : 'invalid-value',
            severity: 'error',
            file,
            location: value === undefined ? locateStart(source, path.slice(0, -1)) : locate(source, path),
            params: { key: disc, value: shownValue(source, path, value), allowed: (options ?? []).join(', ') },
          });
        } else {
          out.push({ code: 'invalid-value', severity: 'error', file, location: locate(source, path), params: { key, value: shownValue(source, path, valueAt(data, path)), allowed: '' } });
        }
        break;
      }
      case 'invalid_value': {
        out.push({
          code: 'invalid-value',
          severity: 'error',
          file,
          location: locate(source, path),
          params: { key, value: shownValue(source, path, valueAt(data, path)), allowed: issue.values.map(String).join(', ') },
        });
        break;
      }
      case 'too_small':
      case 'too_big': {
        const isArray = issue.origin === 'array';
        const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
        out.push({
          code: isArray ? (issue.code === 'too_small' ? 'list-too-short' : 'list-too-long') : issue.code === 'too_small' ? 'number-too-small' : 'number-too-large',
          severity: 'error',
          file,
          location: locate(source, path),
          params: { key, bound: String(bound), value: String(valueAt(data, path) ?? '') },
        });
        break;
      }
      default: {
        // Integer checks and any other format check zod makes.
        out.push({
          code: issue.code === 'invalid_format' ? 'invalid-format' : 'invalid-type',
          severity: 'error',
          file,
          location: locate(source, path),
          params: {
            key,
            expected: 'integer',
            received: describeReceived(valueAt(data, path)),
            typed: sourceTextAt(source, path) ?? '',
            ...(issue.code === 'invalid_format' ? { format: issue.format } : {}),
          },
        });
      }
    }
  }
  // `nmae:` is one mistake: the unknown key already suggests "name", so the
  // missing "name" in the same mapping is not reported again.
  const suggested = new Set(out.filter((d) => d.code === 'unknown-key' && d.params.suggestion).map((d) => `${d.params.suggestion}\u0000${d.params.at}`));
  return out
    .filter((d) => !(d.code === 'missing-key' && suggested.has(`${d.params.key}\u0000${d.params.at}`)))
    .map((d) => {
      if (d.params.at === undefined) return d;
      const { at: _at, ...params } = d.params;
      return { ...d, params };
    });
}

/**
 * A key left empty when copying a skeleton (`evidence:`) means "not given":
 * removes null values of optional keys from `data`, so they read as absent.
 */
export function dropEmptyOptionalKeys(root: z.ZodType, data: unknown): void {
  const visit = (schema: z.ZodType | undefined, value: unknown, path: PathSegment[]): void => {
    if (!schema || value === null || typeof value !== 'object') return;
    const s = schemaAt(root, path, data);
    if (Array.isArray(value)) {
      value.forEach((v, i) => visit(s, v, [...path, i]));
      return;
    }
    if (!(s instanceof z.ZodObject)) return;
    const shape = s.shape as Record<string, z.ZodType>;
    const obj = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) {
      if (v === null && shape[k] instanceof z.ZodOptional) delete obj[k];
      else visit(shape[k], v, [...path, k]);
    }
  };
  visit(root, data, []);
}
