/** Options every command that works on a scoring round shares. */
import type { Command } from 'commander';
import type { PathKey } from '../round/workspace.js';
import type { Strings } from './strings.js';

export interface RoundOptions {
  criteria?: string;
  units?: string;
  evidence?: string;
  survey?: string;
  previous?: string;
}

export function addRoundOptions(cmd: Command, s: Strings): Command {
  return cmd
    .option('--criteria <file>', s.optCriteria)
    .option('--units <file>', s.optUnits)
    .option('--evidence <path>', s.optEvidence)
    .option('--survey <file>', s.optSurvey)
    .option('--previous <file>', s.optPrevious);
}

export function roundOverrides(opts: RoundOptions): Partial<Record<PathKey, string>> {
  const out: Partial<Record<PathKey, string>> = {};
  for (const key of ['criteria', 'units', 'evidence', 'survey', 'previous'] as const) {
    const v = opts[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}
