/** parse → shape (zod) → build → meaning (rules): a criteria set from its YAML text. */
import type { Diagnostic } from '../diagnostics/index.js';
import { loadYamlMapping, locate } from '../yaml/index.js';
import { buildCriteria } from './build.js';
import type { CriteriaSet } from './model.js';
import { criteriaChecks, type RuleContext } from './rules.js';
import { criteriaSetSchema } from './schema.js';

export interface LoadedCriteria {
  /** Present only when the file has no errors (warnings allowed). */
  set?: CriteriaSet;
  diagnostics: Diagnostic[];
}

export function loadCriteria(file: string, text: string): LoadedCriteria {
  const { source, data, diagnostics } = loadYamlMapping(file, text, criteriaSetSchema);
  if (!data) return { diagnostics };
  const { set, raw } = buildCriteria(file, data);
  const ctx: RuleContext = {
    set,
    raw,
    report(code, severity, path, params, opts) {
      diagnostics.push({ code, severity, file, location: locate(source, path, opts), params });
    },
  };
  for (const check of criteriaChecks) check(ctx);
  const failed = diagnostics.some((d) => d.severity === 'error');
  return failed ? { diagnostics } : { set, diagnostics };
}
