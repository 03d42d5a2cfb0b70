import type { Round } from '../round/load-round.js';
import type { ResultsMeta } from '../results/results-json.js';

/** What the results JSON says about where it came from, and the annex layout, from the round. */
export function resultsMeta(round: Round, title: string, toolVersion: string): ResultsMeta {
  const ws = round.workspace;
  return {
    title,
    ...(ws?.province ? { province: ws.province } : {}),
    ...(ws?.office ? { office: ws.office } : {}),
    ...(ws?.annex ? { annex: ws.annex } : {}),
    toolVersion,
    criteria: round.criteriaFile,
    inputs: round.inputs.filter((i) => i.role !== 'criteria'),
  };
}
