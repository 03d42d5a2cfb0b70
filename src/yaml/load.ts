/** parse → numeric codes → shape: the first steps every YAML input shares. */
import type { z } from 'zod';
import type { Diagnostic } from '../diagnostics/index.js';
import { dropEmptyOptionalKeys, zodIssuesToDiagnostics, quoteNumericCodes } from './shape.js';
import { parseYamlSource, type YamlSource } from './source.js';
import { append } from '../core/append.js';

export interface ShapedYaml {
  source: YamlSource;
  /** Plain data (a mapping), present unless the file could not be read as one. */
  data?: Record<string, unknown>;
  diagnostics: Diagnostic[];
}

export function loadYamlMapping(file: string, text: string, schema: z.ZodType): ShapedYaml {
  const { source, diagnostics } = parseYamlSource(file, text);
  if (source.data === undefined || (source.data === null && source.doc.contents === null)) {
    if (diagnostics.length === 0) diagnostics.push({ code: 'empty-file', severity: 'error', file, location: { line: 1, column: 1 }, params: {} });
    return { source, diagnostics };
  }
  if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
    diagnostics.push({ code: 'not-a-mapping', severity: 'error', file, location: { line: 1, column: 1 }, params: {} });
    return { source, diagnostics };
  }
  const data = source.data as Record<string, unknown>;
  if (diagnostics.some((d) => d.code === 'limit-text-length')) return { source, diagnostics };
  append(diagnostics, quoteNumericCodes(source, data));
  dropEmptyOptionalKeys(schema, data);
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    // A value under a refused tag (`max: !!float 4`) was already reported; its type is an echo.
    const tagged = new Set(diagnostics.filter((d) => d.code === 'yaml-unsafe-tag').map((d) => d.location?.line));
    append(
      diagnostics,
      zodIssuesToDiagnostics(source, schema, parsed.error.issues, data).filter((d) => !tagged.has(d.location?.line)),
    );
  }
  return { source, data, diagnostics };
}
