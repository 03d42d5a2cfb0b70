/**
 * Pure reporters for diagnostics, picked by name: (diagnostics, options) → text.
 * The JSON shape is documented in docs/diagnostics.md and covered by tests.
 */
import type { Lang } from '../core/lang.js';
import { diagnosticMessage, SEVERITY_LABEL } from '../diagnostics/index.js';
import { escapeControls, xmlSafe } from '../core/text.js';
import { countBySeverity, formatWhere, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';

export const DIAGNOSTIC_FORMATS = ['stylish', 'json', 'github', 'junit', 'sarif'] as const;
export type DiagnosticFormat = (typeof DIAGNOSTIC_FORMATS)[number];

export interface Palette {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export const PLAIN: Palette = { red: (s) => s, yellow: (s) => s, green: (s) => s, dim: (s) => s, bold: (s) => s };

interface FormatOptions {
  lang: Lang;
  palette?: Palette;
  /** Every file checked, so reporters can say which were clean. */
  files: readonly string[];
  /** Name of the tool run, for JUnit suites. */
  tool?: string;
  /** Seconds spent on each file, for JUnit's `time`. */
  seconds?: ReadonlyMap<string, number>;
  /** parscore's version, for SARIF. */
  version?: string;
}

/** One diagnostic as printed by `--format json`. */
interface DiagnosticJson {
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

function toJsonDiagnostic(d: Diagnostic, lang: Lang): DiagnosticJson {
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
    checked: (files: number) => `đã kiểm tra ${files} tệp`,
    capped: (errors: number, warnings: number) =>
      `GitHub chỉ hiện tối đa ${ANNOTATION_CAP} lỗi và ${ANNOTATION_CAP} cảnh báo mỗi bước; ${errors} lỗi và ${warnings} cảnh báo không hiện trong trang thay đổi. Xem toàn bộ trong nhật ký bước này, hoặc dùng --format sarif để đưa mọi vấn đề vào Code scanning.`,
  },
  en: {
    problems: (total: number, errors: number, warnings: number) =>
      `${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`,
    clean: (files: number) => `No problems (${files} file${files === 1 ? '' : 's'}).`,
    checked: (files: number) => `${files} file${files === 1 ? '' : 's'} checked`,
    capped: (errors: number, warnings: number) =>
      `GitHub shows at most ${ANNOTATION_CAP} errors and ${ANNOTATION_CAP} warnings per step; ${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'} are not shown on the pull request. See them all in this step's log, or use --format sarif to send every finding to code scanning.`,
  },
};

/** GitHub Actions shows this many error and this many warning annotations per step. */
const ANNOTATION_CAP = 10;

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
  return `${JSON.stringify(
    sortDiagnostics(diagnostics).map((d) => toJsonDiagnostic(d, opts.lang)),
    null,
    2,
  )}\n`;
}

const escapeData = (s: string): string => escapeControls(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions workflow commands: one annotation per diagnostic, then a
 * closing summary, and a notice when GitHub's per-step cap hides some.
 */
function github(diagnostics: readonly Diagnostic[], opts: FormatOptions): string {
  const words = SUMMARY[opts.lang];
  const { errors, warnings } = countBySeverity(diagnostics);
  const summary = diagnostics.length === 0 ? words.clean(opts.files.length) : `${words.problems(errors + warnings, errors, warnings)}, ${words.checked(opts.files.length)}.`;
  const hidden = { errors: Math.max(0, errors - ANNOTATION_CAP), warnings: Math.max(0, warnings - ANNOTATION_CAP) };
  const notice = hidden.errors + hidden.warnings > 0 ? `::notice title=parscore::${escapeData(words.capped(hidden.errors, hidden.warnings))}\n` : '';
  return `${annotations(diagnostics, opts)}${notice}${escapeData(summary)}\n`;
}

function annotations(diagnostics: readonly Diagnostic[], opts: FormatOptions): string {
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
    .replace(/"/g, '&quot;')
    // Line breaks in attributes would be read back as spaces.
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
    // Characters XML 1.0 cannot carry at all: controls, lone surrogates, U+FFFE/U+FFFF.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

const secondsText = (s: number): string => s.toFixed(3);

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
  let totalSeconds = 0;
  for (const file of files) {
    const own = sorted.filter((d) => d.file === file);
    const cases: string[] = [];
    let failures = 0;
    // Named by code and message, not position: moving a line keeps a
    // failure the same test in CI history. The position is in the body.
    const seen = new Map<string, number>();
    for (const d of own) {
      const message = diagnosticMessage(d, opts.lang);
      const base = `${d.code}: ${message}`;
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      const name = count === 1 ? base : `${base} (${count})`;
      if (d.severity === 'error') {
        failures++;
        cases.push(
          `    <testcase classname="${xml(file)}" name="${xml(name)}" time="0.000">\n      <failure type="${xml(d.code)}" message="${xml(`${formatWhere(d)} ${message}`)}">${xml(`${formatWhere(d)} ${message}`)}</failure>\n    </testcase>`,
        );
      } else {
        cases.push(
          `    <testcase classname="${xml(file)}" name="${xml(name)}" time="0.000">\n      <system-out>${xml(`${formatWhere(d)} ${SEVERITY_LABEL[opts.lang].warning}: ${message}`)}</system-out>\n    </testcase>`,
        );
      }
    }
    const seconds = opts.seconds?.get(file) ?? 0;
    totalSeconds += seconds;
    if (own.length === 0) cases.push(`    <testcase classname="${xml(file)}" name="${xml(tool)}" time="${secondsText(seconds)}"/>`);
    totalTests += cases.length;
    totalFailures += failures;
    suites.push(`  <testsuite name="${xml(file)}" tests="${cases.length}" failures="${failures}" errors="0" time="${secondsText(seconds)}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(tool)}" tests="${totalTests}" failures="${totalFailures}" errors="0" time="${secondsText(totalSeconds)}">\n${suites.join('\n')}\n</testsuites>\n`;
}

/**
 * SARIF 2.1.0, for GitHub code scanning and other viewers: one run, a rule
 * per code that occurs, one result per
 * finding. Paths are URIs relative to the repository root (%SRCROOT%).
 */
function sarif(diagnostics: readonly Diagnostic[], opts: FormatOptions): string {
  const sorted = sortDiagnostics(diagnostics);
  const codes = [...new Set(sorted.map((d) => d.code))].sort();
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const uri = (file: string): string => file.split(/[\\/]/).map(encodeURIComponent).join('/');
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'parscore',
            ...(opts.version ? { version: opts.version, semanticVersion: opts.version } : {}),
            // Each code is documented in docs/diagnostics.md.
            rules: codes.map((code) => ({ id: code, name: code })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The repository root.' } } },
        artifacts: [...new Set([...opts.files, ...sorted.map((d) => d.file)])].map((f) => ({ location: { uri: uri(f), uriBaseId: '%SRCROOT%' } })),
        results: sorted.map((d) => {
          const region = d.location
            ? {
                startLine: d.location.line,
                startColumn: d.location.column,
                ...(d.location.endLine !== undefined ? { endLine: d.location.endLine } : {}),
                ...(d.location.endColumn !== undefined ? { endColumn: d.location.endColumn } : {}),
              }
            : undefined;
          const where = d.cell ? `${formatWhere(d)}: ` : '';
          return {
            ruleId: d.code,
            ruleIndex: ruleIndex.get(d.code)!,
            level: d.severity === 'error' ? 'error' : 'warning',
            message: { text: where + diagnosticMessage(d, opts.lang) },
            locations: [{ physicalLocation: { artifactLocation: { uri: uri(d.file), uriBaseId: '%SRCROOT%' }, ...(region ? { region } : {}) } }],
          };
        }),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

const FORMATTERS: Record<DiagnosticFormat, (d: readonly Diagnostic[], o: FormatOptions) => string> = { stylish, json, github, junit, sarif };

export function formatDiagnostics(format: DiagnosticFormat, diagnostics: readonly Diagnostic[], opts: FormatOptions): string {
  return FORMATTERS[format](diagnostics, opts);
}
