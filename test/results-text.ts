// Results JSON as `rank --json` prints it (version 3, compact), read back to the full shape the way `report results.json` reads it.
import { expect } from 'vitest';
import type { ResultsJson } from '../src/results/results-json.js';
import { readResultsBytes } from '../src/results/results-read.js';

export async function resultsFromText(text: string): Promise<ResultsJson> {
  const read = await readResultsBytes(Buffer.from(text, 'utf8'), 'stdout');
  if (!read.ok) expect(read.diagnostics).toEqual([]);
  return (read as { json: ResultsJson }).json;
}
