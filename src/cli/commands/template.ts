import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Diagnostic } from '../../diagnostics/index.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../context.js';
import { printFindings } from '../print-findings.js';
import { examplesText } from '../strings.js';

interface TemplateOptions {
  criteria?: string;
  units?: string;
  out?: string;
  single?: string;
  year?: string;
  force?: boolean;
}

export function registerTemplate(program: Command, ctx: CommandContext): void {
  const { s } = ctx;
  program
    .command('template')
    .description(s.templateDescription)
    .requiredOption('--criteria <file>', s.optCriteria)
    .requiredOption('--units <file>', s.optUnits)
    .option('--out <dir>', s.optTemplateOut)
    .option('--single <file>', s.optSingle)
    .option('--year <year>', s.optYear)
    .option('--force', s.optInitForce)
    .addHelpText('after', `${examplesText(s, s.templateExamples)}\n`)
    .action(async (opts: TemplateOptions) => {
      if ((opts.out === undefined) === (opts.single === undefined)) throw new UsageError(s.templateTarget);
      const loaded = await loadSetupOrStop(ctx, opts.criteria!, opts.units!);
      if (!loaded) return;
      const { setup, diagnostics } = loaded;
      const { parseYear } = await import('../round-year.js');
      const year = parseYear(s, opts.year) ?? setup.set.year;
      const { written, kept } = await writeTemplates(ctx, { ...setup, set: { ...setup.set, year } }, opts, diagnostics);
      tellWrittenAndKept(ctx, written, kept, opts.force);
      ctx.exitCode = printFindings(ctx, diagnostics);
    });
}

/**
 * The criteria set and units that init and template start from. When they
 * have errors, the findings are printed, the exit code is set and nothing is
 * returned: the command stops there.
 */
export async function loadSetupOrStop(ctx: CommandContext, criteria: string, units: string): Promise<{ setup: import('../../round/load-setup.js').Setup; diagnostics: Diagnostic[] } | undefined> {
  const { loadSetup } = await import('../../round/load-setup.js');
  const { setup, diagnostics } = await loadSetup(ctx.io.cwd, criteria, units);
  if (setup && !diagnostics.some((d) => d.severity === 'error')) return { setup, diagnostics };
  ctx.exitCode = printFindings(ctx, diagnostics);
  return undefined;
}

/** What init and template wrote and kept, one line a file; with --force, that it kept them all the same. */
export function tellWrittenAndKept(ctx: CommandContext, written: readonly string[], kept: readonly string[], force: boolean | undefined): void {
  for (const f of written) ctx.io.stderr.write(`${ctx.s.written(f)}\n`);
  for (const f of kept) ctx.io.stderr.write(`${ctx.s.kept(f)}\n`);
  if (force && kept.length > 0) ctx.io.stderr.write(`${ctx.s.forceKeeps}\n`);
}

/**
 * Writes the templates that are not there yet, all of them or none; returns
 * the files written and the files kept (shown paths). A file that exists (a
 * returned form, an edited one) is never replaced, whatever the flag.
 * Shared with `init`.
 */
export async function writeTemplates(
  ctx: CommandContext,
  setup: import('../../round/load-setup.js').Setup,
  opts: { out?: string; single?: string },
  diagnostics: Diagnostic[],
): Promise<{ written: string[]; kept: string[] }> {
  const { existsSync } = await import('node:fs');
  const { buildUnitTemplate, buildMultiUnitTemplate, templateFileName, GUIDE_SHEET, LISTS_SHEET } = await import('../../evidence/template.js');
  const { checkOutput, writeOutputs } = await import('../../io/output.js');
  const { checkFileNames, checkSheetNames } = await import('../../io/sheet-names.js');
  const { nameDiagnostics } = await import('../template-names.js');
  const inputs = [setup.criteriaAbs, setup.unitsAbs];
  const units = setup.units.units;
  const targets: { abs: string; shown: string; build: () => import('exceljs').Workbook }[] = [];
  // Names first: two units that would share a sheet or a file are refused before anything is built.
  const findings =
    opts.single !== undefined
      ? checkSheetNames(
          units.map((u, index) => ({ name: u.code.slice(0, 31), unit: u.code, index })),
          [GUIDE_SHEET[ctx.lang], LISTS_SHEET],
        )
      : checkFileNames(units.map((u, index) => ({ name: templateFileName(u), unit: u.code, index })));
  if (findings.length > 0) {
    diagnostics.push(...(await nameDiagnostics(findings, setup.unitsAbs, setup.units.file)));
    return { written: [], kept: [] };
  }
  if (opts.single !== undefined) {
    targets.push({ abs: path.resolve(ctx.io.cwd, opts.single), shown: opts.single, build: () => buildMultiUnitTemplate(setup.set, units, ctx.lang) });
  } else {
    for (const unit of units) {
      const name = templateFileName(unit);
      targets.push({ abs: path.resolve(ctx.io.cwd, opts.out!, name), shown: path.join(opts.out!, name), build: () => buildUnitTemplate(setup.set, unit, ctx.lang) });
    }
  }
  const kept = targets.filter((t) => existsSync(t.abs) && !statIsDirectory(t.abs)).map((t) => t.shown);
  const fresh = targets.filter((t) => !kept.includes(t.shown));
  // Check every new target first (inputs, folders in the way): refuse the whole run rather than write half of it.
  for (const t of fresh) {
    const problem = await checkOutput({ abs: t.abs, shown: t.shown, force: false, inputs });
    if (problem) diagnostics.push(problem);
  }
  if (diagnostics.some((d) => d.fatal)) return { written: [], kept };
  // Every file is written to a temporary name first and renamed only when all are complete.
  const { written, problem } = await writeOutputs(fresh.map((t) => ({ abs: t.abs, shown: t.shown, data: async () => new Uint8Array((await t.build().xlsx.writeBuffer()) as ArrayBuffer) })));
  if (problem) diagnostics.push(problem);
  return { written, kept };
}

function statIsDirectory(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}
