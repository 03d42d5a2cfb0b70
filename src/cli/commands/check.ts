import { Option, type Command } from 'commander';
import { DIAGNOSTIC_FORMATS, type DiagnosticFormat } from '../../report/diagnostics.js';
import type { CommandContext } from '../context.js';
import { nonNegativeInt } from '../options.js';
import { printDiagnostics } from '../print-findings.js';
import { addRoundOptions, roundOverrides, type RoundOptions } from '../round-options.js';
import { examplesText } from '../strings.js';

interface CheckOptions extends RoundOptions {
  format: DiagnosticFormat;
  maxWarnings?: number;
}

export function registerCheck(program: Command, ctx: CommandContext): void {
  const { s } = ctx;
  const cmd = program.command('check').description(s.checkDescription).argument('[dir]', s.argRound);
  addRoundOptions(cmd, s)
    .addOption(new Option('-f, --format <format>', s.optFormat).choices(DIAGNOSTIC_FORMATS).default('stylish'))
    .option('--max-warnings <n>', s.optMaxWarnings, nonNegativeInt(s))
    .addHelpText('after', `${examplesText(s, s.checkExamples)}\n${s.exitCodes}\n`)
    .action(async (dir: string | undefined, opts: CheckOptions) => {
      const { loadRound } = await import('../../round/load-round.js');
      const { round, diagnostics } = await loadRound({ cwd: ctx.io.cwd, ...(dir !== undefined ? { target: dir } : {}), overrides: roundOverrides(opts) });
      const files = round ? round.inputs.map((i) => i.path) : [...new Set(diagnostics.map((d) => d.file))];
      // Annotations and code scanning attach to files by their path in the repository, as validate's do.
      const { repoPathFor, repositoryRoot } = await import('../repo-paths.js');
      const inRepo = repoPathFor(ctx, opts.format, repositoryRoot(ctx));
      ctx.exitCode = printDiagnostics(
        ctx,
        diagnostics.map((d) => ({ ...d, file: inRepo(d.file) })),
        { format: opts.format, files: files.map(inRepo), ...(opts.maxWarnings !== undefined ? { maxWarnings: opts.maxWarnings } : {}), tool: 'parscore check' },
      );
    });
}
