/** parse → shape (zod) → build → meaning (rules): a criteria set from its YAML text. */
import type { Diagnostic, DiagnosticCode } from '../diagnostics/index.js';
import { loadYamlMapping, locate } from '../yaml/index.js';
import { buildCriteria } from './build.js';
import { lintChecks } from './lint-checks.js';
import type { CriteriaSet } from './model.js';
import { criteriaChecks, type RuleContext } from './rules.js';
import { criteriaSetSchema } from './schema.js';

export interface LoadedCriteria {
  /** Present only when the file has no errors (warnings allowed). */
  set?: CriteriaSet;
  diagnostics: Diagnostic[];
}

/** Top-level keys that say which other parscore file this is; a round file names both. */
const OTHER_FILES: readonly [string, DiagnosticCode][] = [
  ['criteria', 'criteria-is-round'],
  ['units', 'criteria-is-units'],
];

export function loadCriteria(file: string, text: string): LoadedCriteria {
  const { source, data, diagnostics } = loadYamlMapping(file, text, criteriaSetSchema);
  if (!data) return { diagnostics };
  // A units or round file given where a criteria set is expected: one
  // finding that says so, not a missing-key error for every criteria key.
  if (data.areas === undefined) {
    const other = OTHER_FILES.find(([key]) => key in data);
    if (other) {
      const kept = diagnostics.filter((d) => d.code !== 'missing-key' && d.code !== 'unknown-key');
      kept.push({ code: other[1], severity: 'error', file, location: { line: 1, column: 1 }, params: { key: other[0] } });
      return { diagnostics: kept };
    }
  }
  const { set, raw } = buildCriteria(file, data);
  const ctx: RuleContext = {
    set,
    raw,
    report(code, severity, path, params, opts) {
      diagnostics.push({ code, severity, file, location: locate(source, path, opts), params });
    },
    lineOf: (path) => locate(source, path).line,
  };
  for (const check of criteriaChecks) check(ctx);
  for (const check of lintChecks) check(ctx);
  const failed = diagnostics.some((d) => d.severity === 'error');
  return failed ? { diagnostics } : { set, diagnostics };
}
