import { LIMITS } from '../core/limits.js';

type PathSegment = string | number;

/**
 * Nesting deeper than the limit (the path where it goes too deep) and text
 * values longer than the limit. Iterative, so it cannot itself run out of stack.
 */
export function dataLimits(data: unknown): { depth?: PathSegment[]; longText: { path: PathSegment[]; length: number }[] } {
  const longText: { path: PathSegment[]; length: number }[] = [];
  const stack: { value: unknown; path: PathSegment[] }[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.length > LIMITS.textLength) longText.push({ path, length: value.length });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= LIMITS.yamlDepth) return { depth: path, longText };
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
    else for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
  }
  return { longText };
}
