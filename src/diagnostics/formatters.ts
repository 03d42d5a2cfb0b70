/**
 * Pure reporters for diagnostics, picked by name: (diagnostics, options) → text.
 * The JSON shape is documented in docs/diagnostics.md and covered by tests.
 */
import { diagnosticMessage, SEVERITY_LABEL, type Lang } from '../i18n/index.js';
import { escapeControls, xmlSafe } from '../core/text.js';
import { countBySeverity, formatWhere, sortDiagnostics, type Diagnostic } from './diagnostic.js';

export const DIAGNOSTIC_FORMATS = ['stylish', 'json', 'github', 'junit'] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];

export interface Palette {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export const PLAIN: Palette = { red: (s) => s, yellow: (s) => s, green: (s) => s, dim: (s) => s, bold: (s) => s };

export interface FormatOptions {
  lang: Lang;
  palette?: Palette;
  /** Every file checked, so reporters can say which were clean. */
  files: readonly string[];
  /** Name of the tool run, for JUnit suites. */
  tool?: string;
}

/** One diagnostic as printed by `--format json`. */
export interface DiagnosticJson {
  file: string;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  sheet: string | null;
  cell: string | null;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export function toJsonDiagnostic(d: Diagnostic, lang: Lang): DiagnosticJson {
  return {
    file: d.file,
    line: d.location?.line ?? null,
    column: d.location?.column ?? null,
    endLine: d.location?.endLine ?? null,
    endColumn: d.location?.endColumn ?? null,
    sheet: d.cell?.sheet ?? null,
    cell: d.cell?.cell ?? null,
    severity: d.severity,
    code: d.code,
    message: diagnosticMessage(d, lang),
  };
}

const SUMMARY = {
  vi: {
    problems: (total: number, errors: number, warnings: number) => `${total} vấn đề (${errors} lỗi, ${warnings} cảnh báo)`,
    clean: (files: number) => `Không có vấn đề nào (${files} tệp).`,
  },
  en: {
    problems: (total: number, errors: number, warnings: number) => `${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`,
    clean: (files: number) => `No problems (${files} file${files === 1 ? '' : 's'}).`,
  },
};

function position(d: Diagnostic): string {
  if (d.cell) return `${d.cell.sheet}${d.cell.cell ? `!${d.cell.cell}` : ''}`;
  if (d.location) return `${d.location.line}:${d.location.column}`;
  return '';
}

function stylish(diagnostics: readonly Diagnostic[], opts: FormatOptions): string {
  const p = opts.palette ?? PLAIN;
  const sorted = sortDiagnostics(diagnostics);
  const lines: string[] = [];
  const labels = SEVERITY_LABEL[opts.lang];
  const sevWidth = Math.max(labels.error.length, labels.warning.length);
  let currentFile: string | undefined;
  const posWidth = sorted.reduce((w, d) => Math.max(w, position(d).length), 0);
  for (const d of sorted) {
    if (d.file !== currentFile) {
      if (currentFile !== undefined) lines.push('');
      lines.push(p.bold(escapeControls(d.file)));
      currentFile = d.file;
    }
    const sev = labels[d.severity].padEnd(sevWidth);
    const colored = d.severity === 'error' ? p.red(sev) : p.yellow(sev);
    // File names, sheet names and messages quote input text: escaped before colour is added.
    lines.push(`  ${p.dim(escapeControls(position(d).padStart(posWidth)))}  ${colored}  ${escapeControls(diagnosticMessage(d, opts.lang))}  ${p.dim(d.code)}`);
  }
  const { errors, warnings } = countBySeverity(diagnostics);
  const words = SUMMARY[opts.lang];
  if (diagnostics.length === 0) return `${p.green('✔')} ${words.clean(opts.files.length)}\n`;
  lines.push('');
  const summary = `✖ ${words.problems(errors + warnings, errors, warnings)}`;
  lines.push(errors > 0 ? p.red(p.bold(summary)) : p.yellow(p.bold(summary)));
  return `${lines.join('\n')}\n`;
}

function json(diagnostics: readonly Diagnostic[], opts: FormatOptions): string {
  return `${JSON.stringify(sortDiagnostics(diagnostics).map((d) => toJsonDiagnostic(d, opts.lang)), null, 2)}\n`;
}

const escapeData = (s: string): string => escapeControls(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow commands: one annotation per diagnostic. */
function github(diagnostics: readonly Diagnostic[], opts: FormatOptions): string {
  return sortDiagnostics(diagnostics)
    .map((d) => {
      const props = [`file=${escapeProperty(d.file)}`];
      if (d.location) {
        props.push(`line=${d.location.line}`, `col=${d.location.column}`);
        if (d.location.endLine !== undefined) props.push(`endLine=${d.location.endLine}`);
        if (d.location.endColumn !== undefined) props.push(`endColumn=${d.location.endColumn}`);
      }
      props.push(`title=${escapeProperty(`parscore ${d.code}`)}`);
      const where = d.cell ? `${formatWhere(d)}: ` : '';
      return `::${d.severity} ${props.join(',')}::${escapeData(where + diagnosticMessage(d, opts.lang))}\n`;
    })
    .join('');
}

// Controls are made visible and what XML 1.0 cannot carry at all is removed, so the document always parses.
const xml = (s: string): string =>
  xmlSafe(escapeControls(s))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/**
 * JUnit XML: a suite per file, a failing test case per error, a passing
 * one per warning (with the warning as output), and one passing case for a
 * clean file, so CI dashboards count every file checked.
 */
function junit(diagnostics: readonly Diagnostic[], opts: FormatOptions): string {
  const sorted = sortDiagnostics(diagnostics);
  const files = [...new Set([...opts.files, ...sorted.map((d) => d.file)])];
  const tool = opts.tool ?? 'parscore';
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  for (const file of files) {
    const own = sorted.filter((d) => d.file === file);
    const cases: string[] = [];
    let failures = 0;
    for (const d of own) {
      const name = `${d.code} ${position(d)}`.trim();
      const message = diagnosticMessage(d, opts.lang);
      if (d.severity === 'error') {
        failures++;
        cases.push(
          `    <testcase classname="${xml(file)}" name="${xml(name)}">\n      <failure type="${xml(d.code)}" message="${xml(message)}">${xml(`${formatWhere(d)} ${message}`)}</failure>\n    </testcase>`,
        );
      } else {
        cases.push(`    <testcase classname="${xml(file)}" name="${xml(name)}">\n      <system-out>${xml(`${formatWhere(d)} ${SEVERITY_LABEL[opts.lang].warning}: ${message}`)}</system-out>\n    </testcase>`);
      }
    }
    if (own.length === 0) cases.push(`    <testcase classname="${xml(file)}" name="${xml(tool)}"/>`);
    totalTests += cases.length;
    totalFailures += failures;
    suites.push(`  <testsuite name="${xml(file)}" tests="${cases.length}" failures="${failures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(tool)}" tests="${totalTests}" failures="${totalFailures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}

const FORMATTERS: Record<DiagnosticFormat, (d: readonly Diagnostic[], o: FormatOptions) => string> = { stylish, json, github, junit };

export function formatDiagnostics(format: DiagnosticFormat, diagnostics: readonly Diagnostic[], opts: FormatOptions): string {
  return FORMATTERS[format](diagnostics, opts);
}
