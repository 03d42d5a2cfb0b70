/** parse → shape (zod) → build → meaning (rules): a criteria set from its YAML text. */
import type { Diagnostic } from '../diagnostics/index.js';
import { locate, parseYamlSource, quoteNumericCodes, zodIssuesToDiagnostics } from '../yaml/index.js';
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
  const { source, diagnostics } = parseYamlSource(file, text);
  if (source.data === undefined || (source.data === null && source.doc.contents === null)) {
    if (diagnostics.length === 0) diagnostics.push({ code: 'empty-file', severity: 'error', file, location: { line: 1, column: 1 }, params: {} });
    return { diagnostics };
  }
  if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
    diagnostics.push({ code: 'not-a-mapping', severity: 'error', file, location: { line: 1, column: 1 }, params: {} });
    return { diagnostics };
  }
  const data = source.data;
  diagnostics.push(...quoteNumericCodes(source, data));
  const parsed = criteriaSetSchema.safeParse(data);
  if (!parsed.success) diagnostics.push(...zodIssuesToDiagnostics(source, criteriaSetSchema, parsed.error.issues, data));

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
