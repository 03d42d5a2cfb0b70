import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { registerAppraisal } from './appraisal.js';
import { registerCheck } from './check.js';
import { registerStatus } from './status.js';
import { registerInit } from './init.js';
import { registerRank } from './rank.js';
import { registerReport } from './report.js';
import { registerSchema } from './schema.js';
import { registerTemplate } from './template.js';
import { registerValidate } from './validate.js';

export function registerCommands(program: Command, ctx: CommandContext): void {
  registerValidate(program, ctx);
  registerSchema(program, ctx);
  registerTemplate(program, ctx);
  registerCheck(program, ctx);
  registerInit(program, ctx);
  registerAppraisal(program, ctx);
  registerStatus(program, ctx);
  registerRank(program, ctx);
  registerReport(program, ctx);
}
