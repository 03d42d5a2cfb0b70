/**
 * Limits that multiply: a criteria set and a units file can each be within
 * their limits while a round of both is not (9,999 leaves × 20,000 units).
 * Checked as soon as both are loaded, before any evidence is read.
 */
import { LIMITS } from '../core/limits.js';
import { isLeaf, type CriteriaSet } from '../criteria/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { UnitList } from './load.js';

export function roundSizeProblem(set: CriteriaSet, units: UnitList): Diagnostic | undefined {
  let leaves = 0;
  for (const node of set.nodes.values()) if (isLeaf(node)) leaves++;
  const count = leaves * units.units.length;
  if (count <= LIMITS.roundScores) return undefined;
  return { code: 'limit-round-size', severity: 'error', file: units.file, params: { units: units.units.length, leaves, count, limit: LIMITS.roundScores }, fatal: true };
}
