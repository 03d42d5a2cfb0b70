import path from 'node:path';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { UsageError } from '../context.js';
import { printFindings } from '../print-findings.js';
import { addRoundOptions, roundOverrides, type RoundOptions } from '../round-options.js';
import { examplesText } from '../strings.js';

interface AppraisalOptions extends RoundOptions {
  single?: string;
  force?: boolean;
}

export function registerAppraisal(program: Command, ctx: CommandContext): void {
  const { s } = ctx;
  const cmd = program.command('appraisal').description(s.appraisalDescription).argument('[dir]', s.argRound);
  addRoundOptions(cmd, s)
    .option('--single <file>', s.optAppraisalSingle)
    .option('--force', s.optInitForce)
    .addHelpText('after', `${examplesText(s, s.appraisalExamples)}\n${s.roundExitCodes}\n`)
    .action(async (dir: string | undefined, opts: AppraisalOptions) => {
      ctx.exitCode = await runAppraisal(ctx, dir, opts);
    });
}

async function runAppraisal(ctx: CommandContext, dir: string | undefined, opts: AppraisalOptions): Promise<number> {
  const { existsSync } = await import('node:fs');
  const { loadRound, APPRAISAL_DIR } = await import('../../round/load-round.js');
  const { addAppraisalSheet, appraisalFileName, newAppraisalWorkbook, APPRAISAL_SHEET } = await import('../../evidence/appraisal.js');
  const { checkOutput, writeOutput } = await import('../../io/output.js');
  const { io, s, lang } = ctx;
  const { round, diagnostics } = await loadRound({ cwd: io.cwd, ...(dir !== undefined ? { target: dir } : {}), overrides: roundOverrides(opts) });
  if (!round) return printFindings(ctx, diagnostics);
  if (!round.workspace) throw new UsageError(s.appraisalNeedsRound);
  const folderAbs = round.workspace.paths.appraisal?.abs ?? path.join(round.workspace.dir, APPRAISAL_DIR);
  const folderShown = path.relative(io.cwd, folderAbs) || '.';
  const inputs = round.inputs.map((i) => path.resolve(io.cwd, i.path));

  // Units whose form came back, or that did not submit (the council may still score items),
  // and that have no council workbook yet; nothing existing is touched.
  const due = round.input.units.filter((u) => (u.form === 'returned' || u.submission === 'not-submitted') && u.appraisal === undefined);
  // Submitted units with nothing to appraise yet, in status's words: a blank form, or none yet.
  const waiting = (form: 'blank' | 'missing'): string[] => round.input.units.filter((u) => u.submission === 'submitted' && u.form === form).map((u) => u.unit.code);
  const items = (u: (typeof due)[number]): Map<string, import('../../evidence/appraisal.js').AppraisalItem> =>
    new Map(
      round.set.leaves.map((leaf) => {
        const l = u.leaves.get(leaf.code)!;
        return [
          leaf.code,
          {
            leaf,
            applicable: l.applicable,
            ...(l.naReason !== undefined ? { naReason: l.naReason } : {}),
            answer: l.option ?? l.measure ?? '',
            ...(l.self !== undefined ? { self: l.self } : {}),
            evidence: l.evidence,
            note: l.note,
            problems: l.problems,
          },
        ];
      }),
    );

  const targets: { abs: string; shown: string; units: typeof due }[] = [];
  const kept: string[] = [];
  if (opts.single !== undefined) {
    const abs = path.resolve(io.cwd, opts.single);
    if (existsSync(abs)) kept.push(opts.single);
    else if (due.length > 0) targets.push({ abs, shown: opts.single, units: due });
  }
  if (opts.single === undefined || kept.length > 0) {
    // Units new since a --single workbook was written get a workbook each, beside it.
    for (const u of due) {
      const name = appraisalFileName(u.unit);
      const abs = path.join(folderAbs, name);
      if (existsSync(abs)) kept.push(path.join(folderShown, name));
      else targets.push({ abs, shown: path.join(folderShown, name), units: [u] });
    }
  }
  for (const t of targets) {
    const problem = await checkOutput({ abs: t.abs, shown: t.shown, force: false, inputs });
    if (problem) diagnostics.push(problem);
  }
  if (diagnostics.some((d) => d.fatal)) return printFindings(ctx, diagnostics);
  let count = 0;
  for (const t of targets) {
    const wb = await newAppraisalWorkbook();
    for (const u of t.units)
      addAppraisalSheet(wb, round.set, u.unit, items(u), lang, opts.single !== undefined && t.abs === path.resolve(io.cwd, opts.single) ? u.unit.code.slice(0, 31) : APPRAISAL_SHEET[lang]);
    const problem = await writeOutput(t.abs, t.shown, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    if (problem) {
      diagnostics.push(problem);
      break;
    }
    io.stderr.write(`${s.written(t.shown)}\n`);
    count += t.units.length;
  }
  for (const f of kept) io.stderr.write(`${s.kept(f)}\n`);
  if (opts.force && kept.length > 0) io.stderr.write(`${s.forceKeeps}\n`);
  const alreadyAppraised = round.input.units.filter((u) => u.appraisal !== undefined).length;
  io.stderr.write(`${s.appraisalDone(count, alreadyAppraised, folderShown)}\n`);
  for (const [form, state] of [
    ['missing', s.formMissing],
    ['blank', s.formBlank],
  ] as const) {
    const units = waiting(form);
    if (units.length > 0) io.stderr.write(`${s.appraisalWaiting(state, units.join(', '))}\n`);
  }
  // Problems with single items are written into the council's workbooks, beside the item; only the rest is printed.
  const perItem = new Set(round.input.units.flatMap((u) => [...u.leaves.values()].flatMap((l) => l.problems)));
  const rest = diagnostics.filter((d) => !perItem.has(d));
  return printFindings(ctx, rest);
}
