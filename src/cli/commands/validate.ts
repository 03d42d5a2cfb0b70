import path from 'node:path';
import { Option, type Command } from 'commander';
import { DIAGNOSTIC_FORMATS, type Diagnostic, type DiagnosticFormat } from '../../diagnostics/index.js';
import { expandFiles } from '../../io/expand-files.js';
import { LIMITS } from '../../core/limits.js';
import { readTextInput } from '../../io/read-text.js';
import type { CommandContext } from '../main.js';
import { UsageError } from '../main.js';
import { nonNegativeInt } from '../options.js';
import { printDiagnostics } from '../report-diagnostics.js';
import { examplesText } from '../strings.js';
import { append } from '../../core/append.js';

interface ValidateOptions {
  format: DiagnosticFormat;
  maxWarnings?: number;
}

export function registerValidate(program: Command, ctx: CommandContext): void {
  const { s } = ctx;
  program
    .command('validate')
    .description(s.validateDescription)
    .argument('<files...>', s.validateFiles)
    .addOption(new Option('-f, --format <format>', s.optFormat).choices(DIAGNOSTIC_FORMATS).default('stylish'))
    .option('--max-warnings <n>', s.optMaxWarnings, nonNegativeInt(s))
    .addHelpText('after', `${examplesText(s, s.validateExamples)}\n${s.exitCodes}\n`)
    .action(async (args: string[], opts: ValidateOptions) => {
      ctx.exitCode = await runValidate(ctx, args, opts);
    });
}

export async function runValidate(ctx: CommandContext, args: readonly string[], opts: ValidateOptions): Promise<number> {
  const { files, unmatched } = await expandFiles(args, ctx.io.cwd);
  if (unmatched.length > 0 && files.length === 0) throw new UsageError(`${ctx.s.noFiles} ${unmatched.join(', ')}`);
  // Loaded here, not at start-up: `--help` never pays for zod. A clean set
  // passes the quick check; only a set with findings loads the precise parser.
  const { quickLoadCriteria } = await import('../../criteria/quick.js');
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const input = await readTextInput(path.resolve(ctx.io.cwd, file), file, LIMITS.yamlBytes);
    if (!input.ok) {
      diagnostics.push(input.diagnostic);
      continue;
    }
    if (quickLoadCriteria(file, input.text)) continue;
    const { loadCriteria } = await import('../../criteria/load.js');
    append(diagnostics, loadCriteria(file, input.text).diagnostics);
  }
  return printDiagnostics(ctx, diagnostics, { format: opts.format, files, ...(opts.maxWarnings !== undefined ? { maxWarnings: opts.maxWarnings } : {}), tool: 'parscore validate' });
}
