import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Diagnostic, DiagnosticCode } from '../../diagnostics/index.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../context.js';
import { printFindings } from '../print-findings.js';
import { addRoundOptions, roundOverrides, type RoundOptions } from '../round-options.js';
import { examplesText } from '../strings.js';

interface ReportCommandOptions extends RoundOptions {
  output?: string;
  stage: 'self' | 'final';
  force?: boolean;
  pdf?: boolean;
  draft?: boolean;
  unitSheets: 'auto' | 'all' | 'none';
}

export function registerReport(program: Command, ctx: CommandContext): void {
  const { s } = ctx;
  const cmd = program.command('report').description(s.reportDescription).argument('[source]', s.argReportSource);
  addRoundOptions(cmd, s)
    .addOption(new Option('--stage <stage>', s.optStage).choices(['self', 'final']).default('final'))
    .option('-o, --output <file>', s.optReportOutput)
    .option('--draft', s.optDraft)
    .option('--force', s.optForce)
    .option('--pdf', s.optPdf)
    .addOption(new Option('--unit-sheets <which>', s.optUnitSheets).choices(['auto', 'all', 'none']).default('auto'))
    .addHelpText('after', `${examplesText(s, s.reportExamples)}\n${s.roundExitCodes}\n`)
    .action(async (source: string | undefined, opts: ReportCommandOptions) => {
      ctx.exitCode = await runReport(ctx, source, opts);
    });
}

async function runReport(ctx: CommandContext, source: string | undefined, opts: ReportCommandOptions): Promise<number> {
  const { io, lang } = ctx;
  if (opts.output !== undefined && !/\.xlsx$/i.test(opts.output)) throw new UsageError(ctx.s.wrongExtension(opts.output, '.xlsx'));
  const { VERSION } = await import('../../core/version.js');
  const { toResultsJson } = await import('../../results/results-json.js');
  const { checkOutput, writeOutput, writeOutputStream, isParscoreWorkbook } = await import('../../io/output.js');
  const diagnostics: Diagnostic[] = [];
  let json: import('../../results/results-json.js').ResultsJson | undefined;
  const inputs: string[] = [];
  let shownSource: string;

  if (source !== undefined && /\.json$/i.test(source)) {
    // A results file written by `rank -o`: the report needs nothing else.
    const { readResultsFile } = await import('../../results/results-read.js');
    const abs = path.resolve(io.cwd, source);
    shownSource = source;
    inputs.push(abs);
    // Version 2 or 3, read a unit at a time and checked in depth (results-read.ts).
    const read = await readResultsFile(abs, source);
    if (!read.ok) return printFindings(ctx, read.diagnostics);
    json = read.json;
    // The files these results were made from (paths as recorded, from the working folder) are inputs too:
    // `report results.json -o` must not land on a department's returned form.
    for (const i of [json.criteria, ...json.inputs]) inputs.push(path.resolve(io.cwd, i.path));
  } else {
    const { loadRound } = await import('../../round/load-round.js');
    const { scoreRound } = await import('../../scoring/engine.js');
    const loaded = await loadRound({ cwd: io.cwd, ...(source !== undefined ? { target: source } : {}), overrides: roundOverrides(opts), onFile: ctx.progress.file });
    ctx.progress.done();
    diagnostics.push(...loaded.diagnostics);
    if (!loaded.round || (diagnostics.some((d) => d.severity === 'error') && !opts.draft)) return printFindings(ctx, diagnostics);
    const round = loaded.round;
    shownSource = round.workspace?.file ?? source ?? '.';
    for (const i of [...round.inputs, round.criteriaFile]) inputs.push(path.resolve(io.cwd, i.path));
    const results = scoreRound(round.input, { stage: opts.stage, draft: opts.draft ?? false, ...(round.previous ? { previous: round.previous } : {}), onUnit: ctx.progress.units });
    ctx.progress.done();
    const plainTitle = round.workspace?.title ?? round.set.title;
    const { resultsMeta } = await import('../results-meta.js');
    json = toResultsJson(results, { ...resultsMeta(round, opts.draft ? ctx.s.draftTitle(plainTitle) : plainTitle, VERSION), draft: opts.draft ?? false });
  }

  const output = opts.output ?? (json.draft ? ctx.s.draftReportName(json.year) : ctx.s.defaultReportName(json.year));
  const abs = path.resolve(io.cwd, output);
  const problem = await checkOutput({ abs, shown: output, force: opts.force ?? false, inputs, madeByUs: isParscoreWorkbook });
  if (problem) return printFindings(ctx, [...diagnostics, problem]);
  // The PDF lands beside the workbook, under the same name; checked before anything is written.
  const pdfShown = output.replace(/\.xlsx$/i, '.pdf');
  const pdfAbs = path.resolve(io.cwd, pdfShown);
  const { findLibreOffice, convertToPdf, isParscorePdf } = await import('../../io/libreoffice.js');
  if (opts.pdf) {
    const pdfProblem = await checkOutput({ abs: pdfAbs, shown: pdfShown, force: opts.force ?? false, inputs, madeByUs: isParscorePdf });
    if (pdfProblem) return printFindings(ctx, [...diagnostics, pdfProblem]);
  }
  const { writeReport, unitSheetsShown, MAX_UNIT_SHEETS } = await import('../../report/xlsx.js');
  const { buildResultsModel } = await import('../../report/model.js');
  const units = json.units.length;
  if (opts.pdf && opts.unitSheets === 'all' && units > MAX_UNIT_SHEETS) throw new UsageError(ctx.s.pdfTooManySheets(units, MAX_UNIT_SHEETS));
  // Said once, as a warning: the report is complete, only without a sheet per unit (asked for with --unit-sheets all).
  if (opts.unitSheets === 'auto' && !unitSheetsShown('auto', units))
    diagnostics.push({ code: 'report-unit-sheets-omitted', severity: 'warning', file: output, params: { units, max: MAX_UNIT_SHEETS } });
  const model = buildResultsModel(json);
  const options = { lang, generatedAt: new Date(), toolVersion: VERSION, source: shownSource, unitSheets: opts.unitSheets };
  const written = await writeOutputStream(abs, output, (out, signal) => writeReport(model, options, out, signal));
  if (written) return printFindings(ctx, [...diagnostics, written]);
  io.stderr.write(`${ctx.s.written(output)}\n`);
  if (opts.pdf) {
    const soffice = findLibreOffice(io.env);
    const pdfFailure = (code: DiagnosticCode, params: Record<string, string>): Diagnostic => ({
      code,
      severity: 'error',
      file: pdfShown,
      params: { path: pdfShown, xlsx: output, ...params },
      fatal: true,
    });
    if (soffice === undefined) return printFindings(ctx, [...diagnostics, pdfFailure('pdf-no-libreoffice', {})]);
    const converted = await convertToPdf(soffice, abs);
    if (!converted.ok) return printFindings(ctx, [...diagnostics, pdfFailure('pdf-failed', { detail: converted.detail })]);
    const pdfWritten = await writeOutput(pdfAbs, pdfShown, converted.pdf);
    if (pdfWritten) return printFindings(ctx, [...diagnostics, pdfWritten]);
    io.stderr.write(`${ctx.s.written(pdfShown)}\n`);
  }
  return printFindings(ctx, diagnostics);
}
