import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Diagnostic } from '../../diagnostics/index.js';
import type { CommandContext } from '../context.js';
import { UsageError, writeChunks } from '../context.js';
import { printFindings } from '../print-findings.js';
import { addRoundOptions, roundOverrides, type RoundOptions } from '../round-options.js';
import { examplesText } from '../strings.js';

interface RankOptions extends RoundOptions {
  stage: 'self' | 'final';
  json?: boolean;
  output?: string;
  areas?: boolean;
  unit?: string;
  force?: boolean;
  draft?: boolean;
}

export function registerRank(program: Command, ctx: CommandContext): void {
  const { s } = ctx;
  const cmd = program.command('rank').description(s.rankDescription).argument('[dir]', s.argRound);
  addRoundOptions(cmd, s)
    .addOption(new Option('--stage <stage>', s.optStage).choices(['self', 'final']).default('final'))
    .option('--json', s.optJson)
    .option('-o, --output <file>', s.optResultsOutput)
    .option('--areas', s.optAreas)
    .option('--unit <code>', s.optUnit)
    .option('--draft', s.optDraft)
    .option('--force', s.optForce)
    .addHelpText('after', `${examplesText(s, s.rankExamples)}\n${s.roundExitCodes}\n`)
    .action(async (dir: string | undefined, opts: RankOptions) => {
      ctx.exitCode = await runRank(ctx, dir, opts);
    });
}

async function runRank(ctx: CommandContext, dir: string | undefined, opts: RankOptions): Promise<number> {
  const { loadRound } = await import('../../round/load-round.js');
  const { scoreRound } = await import('../../scoring/engine.js');
  const { resultsJsonChunks, toResultsJson } = await import('../../results/results-json.js');
  const { buildResultsModel } = await import('../../report/model.js');
  const { formatRankingTable, formatRankingNotes, formatUnitTree } = await import('../../report/table.js');
  const { checkOutput, writeOutput, isParscoreJson } = await import('../../io/output.js');
  const { VERSION } = await import('../../core/version.js');
  const { io, lang } = ctx;
  // Options that ask for different outputs are refused, not silently ignored.
  if (opts.json && opts.unit !== undefined) throw new UsageError(ctx.s.conflictingOptions('--json', '--unit'));
  if (opts.json && opts.areas) throw new UsageError(ctx.s.conflictingOptions('--json', '--areas'));
  if (opts.unit !== undefined && opts.areas) throw new UsageError(ctx.s.conflictingOptions('--areas', '--unit'));
  if (opts.output !== undefined && !/\.json$/i.test(opts.output)) throw new UsageError(ctx.s.wrongExtension(opts.output, '.json'));

  const { round, diagnostics } = await loadRound({ cwd: io.cwd, ...(dir !== undefined ? { target: dir } : {}), overrides: roundOverrides(opts), onFile: ctx.progress.file });
  ctx.progress.done();
  // A draft scores every unit it can while others still have errors; otherwise errors stop the run.
  const stop = diagnostics.some((d) => d.severity === 'error') && !opts.draft;
  if (!round || stop) return printFindings(ctx, diagnostics);

  const results = scoreRound(round.input, { stage: opts.stage, draft: opts.draft ?? false, ...(round.previous ? { previous: round.previous } : {}), onUnit: ctx.progress.units });
  ctx.progress.done();
  const plainTitle = round.workspace?.title ?? round.set.title;
  const title = opts.draft ? ctx.s.draftTitle(plainTitle) : plainTitle;
  const { resultsMeta } = await import('../results-meta.js');
  const meta = { ...resultsMeta(round, title, VERSION), draft: opts.draft ?? false };
  const json = (): Iterable<Uint8Array> => resultsJsonChunks(results, meta);
  const unitCode = opts.unit?.trim().toLowerCase();
  const unit = unitCode === undefined ? undefined : results.units.find((u) => u.unit.code.toLowerCase() === unitCode);
  // Before anything is written: a wrong code writes no file.
  if (opts.unit !== undefined && !unit) throw new UsageError(ctx.s.unknownUnit(opts.unit, results.units.map((u) => u.unit.code).join(', ')));

  if (opts.output !== undefined) {
    const abs = path.resolve(io.cwd, opts.output);
    const inputs = round.inputs.map((i) => path.resolve(io.cwd, i.path));
    const problem: Diagnostic | undefined =
      (await checkOutput({ abs, shown: opts.output, force: opts.force ?? false, inputs, madeByUs: isParscoreJson })) ?? (await writeOutput(abs, opts.output, json()));
    if (problem) return printFindings(ctx, [...diagnostics, problem]);
  }
  if (opts.json) {
    // Written terminal-safe by the results writer itself: stdout's escaping writer need not scan 60 MB again.
    await writeChunks(io.stdout, resultsJsonChunks(results, meta, { terminalSafe: true }), { terminalSafe: true });
  } else {
    const model = buildResultsModel(toResultsJson(results, meta));
    if (unit) {
      io.stdout.write(
        formatUnitTree(
          model,
          model.units.find((u) => u.json.code === unit.unit.code)!,
          { lang, palette: ctx.palette },
        ),
      );
    } else {
      io.stdout.write(formatRankingTable(model, title, { lang, palette: ctx.palette, areas: opts.areas ?? false }));
      io.stdout.write(formatRankingNotes(model, lang, ctx.palette));
    }
  }
  if (opts.output !== undefined) io.stderr.write(`${ctx.s.written(opts.output)}\n`);
  return printFindings(ctx, diagnostics);
}
