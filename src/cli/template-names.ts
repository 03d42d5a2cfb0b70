/** Name findings for `template` as located diagnostics: each points at the unit's code in the units file. */
import type { Diagnostic } from '../diagnostics/index.js';
import type { NameFinding } from '../io/sheet-names.js';
import { readTextInput } from '../io/read-text.js';
import { LIMITS } from '../core/limits.js';
import { unitsFileSchema } from '../units/schema.js';
import { loadYamlMapping, locate } from '../yaml/index.js';

export async function nameDiagnostics(findings: readonly NameFinding[], unitsAbs: string, unitsShown: string): Promise<Diagnostic[]> {
  const text = await readTextInput(unitsAbs, unitsShown, LIMITS.yamlBytes);
  const source = text.ok ? loadYamlMapping(unitsShown, text.text, unitsFileSchema).source : undefined;
  return findings.map((f): Diagnostic => {
    const where = source ? { location: locate(source, ['units', f.entry.index, 'code']) } : {};
    const base = { severity: 'error' as const, file: unitsShown, ...where, fatal: true };
    switch (f.kind) {
      case 'sheet-invalid':
        return { ...base, code: 'sheet-name-invalid', params: { unit: f.entry.unit, name: f.entry.name, problem: f.problem } };
      case 'sheet-taken':
        return { ...base, code: 'sheet-name-taken', params: { unit: f.entry.unit, name: f.entry.name, by: f.by } };
      case 'clash':
        return { ...base, code: 'template-name-clash', params: { unit: f.entry.unit, other: f.other.unit, name: f.entry.name } };
    }
  });
}
