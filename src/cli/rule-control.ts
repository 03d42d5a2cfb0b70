/**
 * Rule control, as linters do it: a `.parscorerc.yaml` found upward from the
 * checked file sets a code's severity or turns it off, and a comment
 * `# parscore-disable-next-line <code>` silences one finding. A fatal
 * finding (the file could not be read) can never be silenced.
 */
import type { Diagnostic, DiagnosticCode, Severity } from '../diagnostics/index.js';

export const CONFIG_NAMES = ['.parscorerc.yaml', '.parscorerc.yml'] as const;

type RuleSetting = Severity | 'off';
const SETTINGS: readonly RuleSetting[] = ['off', 'warning', 'error'];

export interface RuleConfig {
  /** The config file, as shown in messages. */
  file: string;
  rules: ReadonlyMap<string, RuleSetting>;
}

/**
 * Reads a config file's text. Every problem (not YAML, an unknown code, a
 * setting other than off/warning/error) is a located finding: a config
 * that cannot be trusted ends the run with exit code 2.
 */
export async function parseRuleConfig(file: string, text: string, knownCodes: ReadonlySet<string>): Promise<{ config?: RuleConfig; diagnostics: Diagnostic[] }> {
  const { parseYamlSource, locate } = await import('../yaml/source.js');
  const { source, diagnostics } = parseYamlSource(file, text);
  if (diagnostics.length > 0) return { diagnostics: diagnostics.map((d) => ({ ...d, fatal: true })) };
  const data = source.data;
  const bad = (code: DiagnosticCode, path: (string | number)[], params: Record<string, string>, key = false): void => {
    diagnostics.push({ code, severity: 'error', file, location: locate(source, path, { key }), params, fatal: true });
  };
  if (data === null || data === undefined) return { config: { file, rules: new Map() }, diagnostics };
  if (typeof data !== 'object' || Array.isArray(data)) {
    bad('config-invalid', [], { key: '' });
    return { diagnostics };
  }
  const rules = new Map<string, RuleSetting>();
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (key !== 'rules') {
      bad('config-invalid', [key], { key }, true);
      continue;
    }
    if (value === null) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      bad('config-invalid', ['rules'], { key: 'rules' });
      continue;
    }
    for (const [code, setting] of Object.entries(value as Record<string, unknown>)) {
      if (!knownCodes.has(code)) bad('config-unknown-code', ['rules', code], { code }, true);
      else if (typeof setting !== 'string' || !SETTINGS.includes(setting as RuleSetting)) bad('config-invalid-setting', ['rules', code], { code, value: String(setting) });
      else rules.set(code, setting as RuleSetting);
    }
  }
  return diagnostics.length > 0 ? { diagnostics } : { config: { file, rules }, diagnostics };
}

const DIRECTIVE = /^\s*#\s*parscore-disable-next-line\b(.*)$/;

interface InlineDisables {
  /** Line number → codes silenced on it ('all' when the comment names none). */
  lines: Map<number, Set<string> | 'all'>;
  /** Codes named in a comment that parscore does not have. */
  diagnostics: Diagnostic[];
}

/** Finds `# parscore-disable-next-line [code, …]` comments in a YAML text. */
export function inlineDisables(file: string, text: string, knownCodes: ReadonlySet<string>): InlineDisables {
  const lines = new Map<number, Set<string> | 'all'>();
  const diagnostics: Diagnostic[] = [];
  if (!text.includes('parscore-disable')) return { lines, diagnostics };
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const m = DIRECTIVE.exec(line);
    if (!m) return;
    const codes = m[1]!
      .replace(/\s+--.*$/, '')
      .split(/[\s,]+/)
      .filter(Boolean);
    if (codes.length === 0) {
      lines.set(i + 2, 'all');
      return;
    }
    const set = new Set<string>();
    for (const code of codes) {
      if (knownCodes.has(code)) set.add(code);
      else diagnostics.push({ code: 'disable-unknown-code', severity: 'warning', file, location: { line: i + 1, column: line.indexOf(code) + 1 }, params: { code } });
    }
    lines.set(i + 2, set);
  });
  return { lines, diagnostics };
}

/** Applies the config's severities and the inline comments to one file's findings. */
export function applyRuleControl(diagnostics: readonly Diagnostic[], config: RuleConfig | undefined, disables: InlineDisables | undefined): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (d.fatal) {
      out.push(d);
      continue;
    }
    const disabled = d.location ? disables?.lines.get(d.location.line) : undefined;
    if (disabled === 'all' || disabled?.has(d.code)) continue;
    const setting = config?.rules.get(d.code);
    if (setting === 'off') continue;
    out.push(setting ? { ...d, severity: setting } : d);
  }
  return out;
}
