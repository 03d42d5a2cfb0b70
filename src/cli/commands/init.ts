import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { printFindings } from '../print-findings.js';
import { examplesText } from '../strings.js';
import { loadSetupOrStop, tellWrittenAndKept, writeTemplates } from './template.js';
import { roundYear } from '../round-year.js';

interface InitOptions {
  criteria: string;
  units: string;
  year?: string;
  province?: string;
  office?: string;
  force?: boolean;
}

/** The copied criteria file's schema comment points at the schema written beside it. */
function withLocalSchema(text: string): string {
  const line = '# yaml-language-server: $schema=./criteria.schema.json';
  return /^# yaml-language-server: \$schema=.*$/m.test(text) ? text.replace(/^# yaml-language-server: \$schema=.*$/m, line) : `${line}\n${text}`;
}

function workspaceYaml(year: number, opts: InitOptions): string {
  const q = (v: string): string => JSON.stringify(v);
  return [
    '# Một đợt chấm điểm Chỉ số CCHC (parscore). Đường dẫn tính từ thư mục chứa tệp này.',
    '# Năm đánh giá: in trên mọi phiếu, báo cáo, tệp kết quả và tên tệp.',
    `year: ${year}`,
    `title: ${q(`Chỉ số cải cách hành chính năm ${year}`)}`,
    ...(opts.province !== undefined ? [`province: ${q(opts.province)}`] : ['# Tên tỉnh, in ở đầu báo cáo: sửa dòng dưới trước khi lập báo cáo.', `province: ${q('Tỉnh …')}`]),
    ...(opts.office !== undefined ? [`office: ${q(opts.office)}`] : ['# Cơ quan thực hiện, in ở đầu báo cáo: sửa dòng dưới.', `office: ${q('Sở Nội vụ tỉnh …')}`]),
    '# Bản sao bộ tiêu chí của đợt này: cập nhật parscore không làm đổi kết quả các năm đã chấm.',
    'criteria: criteria.yaml',
    'units: units.yaml',
    'evidence: evidence/',
    '# Sổ thẩm định của Hội đồng (lệnh parscore appraisal ghi vào đây).',
    'appraisal: appraisal/',
    '# survey: survey.xlsx          # kết quả điều tra XHH (bỏ dấu # khi có)',
    `# previous: ../${year - 1}/results.json  # kết quả năm trước, để so sánh thứ hạng (bỏ dấu # khi có)`,
    '# Tình trạng đơn vị (mặc định: đã nộp). chua-nop: 0 điểm mọi tiêu chí tự chấm; mien: không chấm năm nay.',
    '# status:',
    '#   SNV: chua-nop',
    '',
  ].join('\n');
}

export function registerInit(program: Command, ctx: CommandContext): void {
  const { s } = ctx;
  program
    .command('init')
    .description(s.initDescription)
    .argument('<dir>', s.argInitDir)
    .requiredOption('--criteria <file>', s.optCriteria)
    .requiredOption('--units <file>', s.optUnits)
    .option('--year <year>', s.optYear)
    .option('--province <name>', s.optProvince)
    .option('--office <name>', s.optOffice)
    .option('--force', s.optInitForce)
    .addHelpText('after', `${examplesText(s, s.initExamples)}\n`)
    .action(async (dir: string, opts: InitOptions) => {
      const loaded = await loadSetupOrStop(ctx, opts.criteria, opts.units);
      if (!loaded) return;
      const { setup, diagnostics } = loaded;
      const { checkOutput, copyOutput, writeOutput } = await import('../../io/output.js');
      const year = roundYear(s, path.resolve(ctx.io.cwd, dir), opts.year, setup.set.year);
      const root = path.resolve(ctx.io.cwd, dir);
      const shown = (name: string): string => path.join(dir, name);
      const kept: string[] = [];
      const written: string[] = [];
      const inputs = [setup.criteriaAbs, setup.unitsAbs];
      // Nothing that exists is replaced, whatever the flag: a round's files are the year's work.
      const writeNew = async (name: string, data: () => Promise<string | Uint8Array>): Promise<void> => {
        const abs = path.join(root, name);
        if (existsSync(abs)) {
          kept.push(shown(name));
          return;
        }
        // Checked like every output: never an input, never through a link, never a device.
        const refused = await checkOutput({ abs, shown: shown(name), force: false, inputs });
        if (refused) {
          diagnostics.push(refused);
          return;
        }
        const problem = await writeOutput(abs, shown(name), await data());
        if (problem) diagnostics.push(problem);
        else written.push(shown(name));
      };
      const criteriaAbs = path.join(root, 'criteria.yaml');
      const unitsAbs = path.join(root, 'units.yaml');
      if (path.resolve(setup.criteriaAbs) !== criteriaAbs) await writeNew('criteria.yaml', async () => withLocalSchema(await readFile(setup.criteriaAbs, 'utf8')));
      await writeNew('criteria.schema.json', async () => {
        const { criteriaJsonSchema } = await import('../../criteria/json-schema.js');
        return `${JSON.stringify(criteriaJsonSchema(), null, 2)}\n`;
      });
      if (path.resolve(setup.unitsAbs) !== unitsAbs) {
        if (existsSync(unitsAbs)) kept.push(shown('units.yaml'));
        else {
          // Read and written like every output: never through a link at the target.
          const copied = (await checkOutput({ abs: unitsAbs, shown: shown('units.yaml'), force: false, inputs })) ?? (await copyOutput(setup.unitsAbs, opts.units, unitsAbs, shown('units.yaml')));
          if (copied) diagnostics.push(copied);
          else written.push(shown('units.yaml'));
        }
      }
      await writeNew('parscore.yaml', async () => workspaceYaml(year, opts));
      const forms = diagnostics.some((d) => d.fatal) ? { written: [], kept: [] } : await writeTemplates(ctx, { ...setup, set: { ...setup.set, year } }, { out: shown('evidence') }, diagnostics);
      tellWrittenAndKept(ctx, written, [...kept, ...forms.kept], opts.force);
      if (!diagnostics.some((d) => d.fatal)) {
        ctx.io.stderr.write(`${s.initFresh(forms.written.length, shown('evidence'))}\n`);
        ctx.io.stderr.write(`${s.initNext(dir, shown('evidence'))}\n`);
      }
      ctx.exitCode = printFindings(ctx, diagnostics);
    });
}
