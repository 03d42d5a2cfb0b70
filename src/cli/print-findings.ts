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
  const { errors, warnings } = countBySeverity(diagnostics);
  if (diagnostics.some((d) => d.fatal)) return 2;
  if (errors > 0) return 1;
  if (opts.maxWarnings !== undefined && warnings > opts.maxWarnings) {
    ctx.io.stderr.write(`${ctx.s.tooManyWarnings(warnings, opts.maxWarnings)}\n`);
    return 1;
  }
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
  if (diagnostics.some((d) => d.fatal)) return 2;
  if (diagnostics.some((d) => d.severity === 'error')) return 1;
  return 0;
}
