import type { Command } from 'commander';
import type { CommandContext } from '../main.js';
import { registerSchema } from './schema.js';
import { registerValidate } from './validate.js';

export function registerCommands(program: Command, ctx: CommandContext): void {
  registerValidate(program, ctx);
  registerSchema(program, ctx);
}
