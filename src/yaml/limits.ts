import { LIMITS } from '../core/limits.js';

type PathSegment = string | number;

/** A value on the walk, with the step that led to it; its path is spelled out only when it is reported. */
interface Step {
  value: unknown;
  depth: number;
  parent?: Step;
  key?: PathSegment;
}

function pathOf(step: Step): PathSegment[] {
  const path: PathSegment[] = [];
  for (let s: Step | undefined = step; s?.parent !== undefined; s = s.parent) path.push(s.key!);
  return path.reverse();
}

/**
 * Nesting deeper than the limit (the path where it goes too deep) and text
 * values longer than the limit. Iterative, so it cannot itself run out of stack.
 */
export function dataLimits(data: unknown): { depth?: PathSegment[]; longText: { path: PathSegment[]; length: number }[] } {
  const longText: { path: PathSegment[]; length: number }[] = [];
  const stack: Step[] = [{ value: data, depth: 0 }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const { value } = step;
    if (typeof value === 'string') {
      if (value.length > LIMITS.textLength) longText.push({ path: pathOf(step), length: value.length });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (step.depth >= LIMITS.yamlDepth) return { depth: pathOf(step), longText };
    const depth = step.depth + 1;
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) stack.push({ value: value[i], depth, parent: step, key: i });
    else for (const key in value) if (Object.hasOwn(value, key)) stack.push({ value: (value as Record<string, unknown>)[key], depth, parent: step, key });
  }
  return { longText };
}
