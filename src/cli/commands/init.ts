import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { CommandContext } from '../main.js';
import { printFindings } from '../report-diagnostics.js';
import { examplesText } from '../strings.js';
import { writeTemplates } from './template.js';

interface InitOptions {
  criteria: string;
  units: string;
  year?: string;
  force?: boolean;
}

export function registerInit(program: Command, ctx: CommandContext): void {
  const { s } = ctx;
  program
    .command('init')
    .description(s.initDescription)
    .argument('<dir>', s.argInitDir)
    .requiredOption('--criteria <file>', s.optCriteria)
    .requiredOption('--units <file>', s.optUnits)
    .option('--force', s.optForce)
    .addHelpText('after', `${examplesText(s, s.initExamples)}\n`)
    .action(async (dir: string, opts: InitOptions) => {
      const { loadSetup } = await import('../../round/load-setup.js');
      const { checkOutput, copyOutput, writeOutput } = await import('../../io/output.js');
      const { setup, diagnostics } = await loadSetup(ctx.io.cwd, opts.criteria, opts.units);
      if (!setup || diagnostics.some((d) => d.severity === 'error')) {
        ctx.exitCode = printFindings(ctx, diagnostics);
        return;
      }
      const root = path.resolve(ctx.io.cwd, dir);
      const wsShown = path.join(dir, 'parscore.yaml');
      const unitsShown = path.join(dir, 'units.yaml');
      const inputs = [setup.criteriaAbs, setup.unitsAbs];
      const unitsAbs = path.join(root, 'units.yaml');
      const sameUnits = path.resolve(unitsAbs) === path.resolve(setup.unitsAbs);
      for (const [abs, shown] of [[path.join(root, 'parscore.yaml'), wsShown], ...(sameUnits ? [] : [[unitsAbs, unitsShown]])] as const) {
        const problem = await checkOutput({ abs, shown, force: opts.force ?? false, inputs });
        if (problem) diagnostics.push(problem);
      }
      if (diagnostics.some((d) => d.fatal)) {
        ctx.exitCode = printFindings(ctx, diagnostics);
        return;
      }
      await mkdir(path.join(root, 'evidence'), { recursive: true });
      const rel = (abs: string): string => path.relative(root, abs).split(path.sep).join('/');
      const set = setup.set;
      const yaml = [
        '# Một đợt chấm điểm Chỉ số CCHC (parscore). Đường dẫn tính từ thư mục chứa tệp này.',
        `year: ${set.year}`,
        `title: ${JSON.stringify(`${set.title} — năm ${set.year}`)}`,
        `criteria: ${JSON.stringify(rel(setup.criteriaAbs))}`,
        'units: units.yaml',
        'evidence: evidence/',
        '# survey: survey.xlsx          # kết quả điều tra XHH (bỏ dấu # khi có)',
        '# previous: ../2020/results.json  # kết quả năm trước, để so sánh thứ hạng',
        '',
      ].join('\n');
      const problem = await writeOutput(path.join(root, 'parscore.yaml'), wsShown, yaml);
      if (problem) diagnostics.push(problem);
      else if (!sameUnits) {
        // Read and written like every output: never through a link at the target.
        const copied = await copyOutput(setup.unitsAbs, opts.units, unitsAbs, unitsShown);
        if (copied) diagnostics.push(copied);
      }
      const written = diagnostics.some((d) => d.fatal) ? [] : await writeTemplates(ctx, setup, { out: path.join(dir, 'evidence'), force: opts.force ?? false }, diagnostics);
      if (!diagnostics.some((d) => d.fatal)) {
        ctx.io.stderr.write(`${s.written(wsShown)}\n`);
        if (!sameUnits && existsSync(unitsAbs)) ctx.io.stderr.write(`${s.written(unitsShown)}\n`);
        ctx.io.stderr.write(`${s.initDone(written.length, path.join(dir, 'evidence'))}\n`);
      }
      ctx.exitCode = printFindings(ctx, diagnostics, { quietWhenClean: true });
    });
}
