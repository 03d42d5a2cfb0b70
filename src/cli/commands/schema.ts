import path from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../../io/write-atomic.js';
import type { CommandContext } from '../context.js';
import { examplesText } from '../strings.js';

export function registerSchema(program: Command, ctx: CommandContext): void {
  const { s } = ctx;
  program
    .command('schema')
    .description(s.schemaDescription)
    .option('-o, --output <file>', s.optOutput)
    .addHelpText('after', `${examplesText(s, s.schemaExamples)}\n${s.schemaUsage}\n`)
    .action(async (opts: { output?: string }) => {
      const { criteriaJsonSchema } = await import('../../criteria/json-schema.js');
      const text = `${JSON.stringify(criteriaJsonSchema(), null, 2)}\n`;
      if (opts.output === undefined) {
        ctx.io.stdout.write(text);
        return;
      }
      try {
        await writeFileAtomic(path.resolve(ctx.io.cwd, opts.output), text);
        ctx.io.stderr.write(`${s.written(opts.output)}\n`);
      } catch (err) {
        ctx.io.stderr.write(`${s.writeFailed(opts.output, (err as NodeJS.ErrnoException).code ?? String(err))}\n`);
        ctx.exitCode = 2;
      }
    });
}
