import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Diagnostic } from '../../diagnostics/index.js';
import type { CommandContext } from '../main.js';
import { UsageError, writeChunks } from '../main.js';
import { printFindings } from '../report-diagnostics.js';
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
  const cmd = program
    .command('rank')
    .description(s.rankDescription)
    .argument('[dir]', s.argRound);
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

export async function runRank(ctx: CommandContext, dir: string | undefined, opts: RankOptions): Promise<number> {
  const { loadRound } = await import('../../round/load-round.js');
  const { scoreRound } = await import('../../scoring/engine.js');
  const { resultsJsonChunks } = await import('../../scoring/results-json.js');
  const { formatRankingTable, formatRankingNotes, formatUnitTree } = await import('../../report/table.js');
  const { checkOutput, writeOutput, isParscoreJson } = await import('../../io/output.js');
  const { VERSION } = await import('../../version.js');
  const { io, lang } = ctx;

  const { round, diagnostics } = await loadRound({ cwd: io.cwd, ...(dir !== undefined ? { target: dir } : {}), overrides: roundOverrides(opts) });
  // A draft scores every unit it can while others still have errors; otherwise errors stop the run.
  const stop = diagnostics.some((d) => d.severity === 'error') && !opts.draft;
  if (!round || stop) return printFindings(ctx, diagnostics);

  const results = scoreRound(round.input, { stage: opts.stage, draft: opts.draft ?? false, ...(round.previous ? { previous: round.previous } : {}) });
  const plainTitle = round.workspace?.title ?? round.set.title;
  const title = opts.draft ? ctx.s.draftTitle(plainTitle) : plainTitle;
  const json = (): Iterable<string> => resultsJsonChunks(results, { title, ...(round.workspace?.province ? { province: round.workspace.province } : {}), ...(round.workspace?.office ? { office: round.workspace.office } : {}), toolVersion: VERSION, criteria: round.criteriaFile, inputs: round.inputs.filter((i) => i.role !== 'criteria') });

  if (opts.output !== undefined) {
    const abs = path.resolve(io.cwd, opts.output);
    const inputs = round.inputs.map((i) => path.resolve(io.cwd, i.path));
    const problem: Diagnostic | undefined =
      (await checkOutput({ abs, shown: opts.output, force: opts.force ?? false, inputs, madeByUs: isParscoreJson })) ?? (await writeOutput(abs, opts.output, json()));
    if (problem) return printFindings(ctx, [...diagnostics, problem]);
  }
  if (opts.json) {
    await writeChunks(io.stdout, json());
  } else if (opts.unit !== undefined) {
    const unit = results.units.find((u) => u.unit.code.toLowerCase() === opts.unit!.trim().toLowerCase());
    if (!unit) throw new UsageError(ctx.s.unknownUnit(opts.unit, results.units.map((u) => u.unit.code).join(', ')));
    io.stdout.write(formatUnitTree(results, unit, { lang, palette: ctx.palette }));
  } else {
    io.stdout.write(formatRankingTable(results, title, { lang, palette: ctx.palette, areas: opts.areas ?? false }));
    io.stdout.write(formatRankingNotes(results, lang, ctx.palette));
  }
  if (opts.output !== undefined) io.stderr.write(`${ctx.s.written(opts.output)}\n`);
  return printFindings(ctx, diagnostics, { quietWhenClean: true });
}
