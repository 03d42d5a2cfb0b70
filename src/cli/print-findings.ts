/** Prints diagnostics in the chosen format and decides the exit code for them. */
import { countBySeverity, type Diagnostic } from '../diagnostics/index.js';
import { formatDiagnostics, type DiagnosticFormat } from '../report/diagnostics.js';
import type { CommandContext } from './context.js';

export function printDiagnostics(ctx: CommandContext, diagnostics: readonly Diagnostic[], opts: { format: DiagnosticFormat; files: readonly string[]; maxWarnings?: number; tool: string }): number {
  const text = formatDiagnostics(opts.format, diagnostics, {
    lang: ctx.lang,
    palette: ctx.palette,
    files: opts.files,
    tool: opts.tool,
  });
  ctx.io.stdout.write(text);
  const code = exitCodeFor(diagnostics);
  if (code !== 0) return code;
  const { warnings } = countBySeverity(diagnostics);
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    ctx.io.stderr.write(`${ctx.s.tooManyWarnings(warnings, opts.maxWarnings)}\n`);
    return 1;
  }
  return 0;
}

/** The project's exit-code rule for a run's findings: 2 when an input could not be read, 1 when the data has errors, else 0. */
export function exitCodeFor(diagnostics: readonly Diagnostic[]): 0 | 1 | 2 {
  if (diagnostics.some((d) => d.fatal)) return 2;
  if (diagnostics.some((d) => d.severity === 'error')) return 1;
  return 0;
}

/**
 * Findings of a run that also prints results (rank, report, template):
 * stylish, to stderr so stdout stays clean for --json. Returns the exit code.
 */
export function printFindings(ctx: CommandContext, diagnostics: readonly Diagnostic[]): number {
  if (diagnostics.length > 0) {
    const files = [...new Set(diagnostics.map((d) => d.file))];
    ctx.io.stderr.write(formatDiagnostics('stylish', diagnostics, { lang: ctx.lang, palette: ctx.palette, files }));
  }
  return exitCodeFor(diagnostics);
}
