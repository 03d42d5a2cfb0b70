import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { exitCodeFor, printFindings } from '../print-findings.js';
import { addRoundOptions, roundOverrides, type RoundOptions } from '../round-options.js';
import { examplesText } from '../strings.js';

export function registerStatus(program: Command, ctx: CommandContext): void {
  const { s } = ctx;
  const cmd = program.command('status').description(s.statusDescription).argument('[dir]', s.argRound);
  addRoundOptions(cmd, s)
    .addHelpText('after', `${examplesText(s, s.statusExamples)}\n${s.roundExitCodes}\n`)
    .action(async (dir: string | undefined, opts: RoundOptions) => {
      ctx.exitCode = await runStatus(ctx, dir, opts);
    });
}

/** One line per unit and a summary: where the round stands. Problems are counted, not listed. */
async function runStatus(ctx: CommandContext, dir: string | undefined, opts: RoundOptions): Promise<number> {
  const { loadRound } = await import('../../round/load-round.js');
  const { scoreRound } = await import('../../scoring/engine.js');
  const { formatIndex } = await import('../../report/format.js');
  const { compareVietnamese } = await import('../../core/text.js');
  const { io, s, lang } = ctx;
  const { round, diagnostics } = await loadRound({ cwd: io.cwd, ...(dir !== undefined ? { target: dir } : {}), overrides: roundOverrides(opts) });
  if (!round) return printFindings(ctx, diagnostics);
  const results = scoreRound(round.input, { stage: 'final', draft: true });
  const byCode = new Map(results.units.map((u) => [u.unit.code, u]));
  const warnings = new Map<string, number>();
  for (const u of round.input.units) {
    let n = 0;
    for (const l of u.leaves.values()) n += l.problems.filter((d) => d.severity === 'warning').length;
    warnings.set(u.unit.code, n);
  }
  const lines: string[] = [];
  const count = { units: round.units.units.length, returned: 0, missing: 0, blank: 0, exempt: round.input.exempt.length, finished: 0 };
  const units = [...round.input.units].sort((a, b) => compareVietnamese(a.unit.code, b.unit.code));
  for (const u of units) {
    const scored = byCode.get(u.unit.code);
    const form = u.submission === 'not-submitted' ? s.formNotSubmitted : u.form === 'returned' ? s.formReturned : u.form === 'blank' ? s.formBlank : s.formMissing;
    if (u.submission === 'not-submitted' || u.form === 'missing') count.missing++;
    else if (u.form === 'blank') count.blank++;
    else count.returned++;
    if (u.appraisal?.finished) count.finished++;
    const appraisal = u.appraisal === undefined ? s.appraisalNone : u.appraisal.finished ? s.appraisalFinished : s.appraisalOpen;
    const index = scored
      ? (scored.status === 'final' ? s.indexFinal : s.indexProvisional)(
          formatIndex(scored.index === null ? null : scored.index.round(results.set.decimals, results.set.rounding).toNumber(), results.set.decimals, lang),
        )
      : s.indexNone;
    lines.push(s.statusLine({ code: u.unit.code, name: u.unit.name, form, problems: s.problems(u.errors, warnings.get(u.unit.code) ?? 0), appraisal, index }));
  }
  for (const u of round.input.exempt) lines.push(s.statusLine({ code: u.code, name: u.name, form: s.exempt, problems: '—', appraisal: '—', index: '—' }));
  lines.push(s.statusSummary(count));
  io.stdout.write(`${lines.join('\n')}\n`);
  // The problems themselves are for `parscore check`: status only counts them, and exits as check would.
  return exitCodeFor(diagnostics);
}
