// Speed work (issue 16) must not change a single figure: generated national
// rounds are scored and their results JSON compared, unit by unit, with what
// the code wrote before that work (test/fixtures/national/before.json,
// captured from commit 6080d8e with CAPTURE_NATIONAL=1). Compared as read
// back by `report results.json`, so the file's layout (indentation, and since
// schema version 3 the fields left out at their default) may change, not its
// content.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, run } from './helpers.js';
import { resultsFromText } from './results-text.js';
import { makeNationalRound, rankArgs } from './national.js';

const GOLDEN = path.join(ROOT, 'test', 'fixtures', 'national', 'before.json');
const work = mkdtempSync(path.join(tmpdir(), 'parscore-national-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const hash = (v: unknown): string => createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 16);

/** Per unit a hash of its JSON, and one of everything else (tool version and run-specific paths left out). */
async function fingerprint(criteria: string, n: number): Promise<Record<string, string>> {
  const dir = path.join(work, `${criteria}-${n}`);
  makeNationalRound(dir, n, criteria);
  const r = await run(rankArgs(criteria), { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const json = (await resultsFromText(r.stdout)) as unknown as Record<string, unknown> & { units: { code: string }[] };
  const out: Record<string, string> = {};
  for (const u of json.units) out[u.code] = hash(u);
  const { units: _units, tool: _tool, inputs: _inputs, ...rest } = json;
  // The criteria file's path depends on where the repository is checked out: not compared.
  const criteriaJson = rest.criteria as Record<string, unknown>;
  // The golden was captured at schema version 2: the version number is the one thing meant to change.
  out['(round)'] = hash({ ...rest, ...(process.env.CAPTURE_NATIONAL === '1' ? {} : { schemaVersion: 2 }), criteria: { ...criteriaJson, path: null } });
  out['(order)'] = hash(json.units.map((u) => u.code));
  return out;
}

const ROUNDS: [string, number][] = [
  ['so-nganh-mau.yaml', 60],
  ['tinh-2017.yaml', 30],
];

describe('generated national rounds: the same results as before the speed work', () => {
  const golden: Record<string, Record<string, string>> = existsSync(GOLDEN) ? JSON.parse(readFileSync(GOLDEN, 'utf8')) : {};
  const captured: Record<string, Record<string, string>> = {};
  it.each(ROUNDS)('%s × %i units', async (criteria, n) => {
    const now = await fingerprint(criteria, n);
    captured[`${criteria} ${n}`] = now;
    if (process.env.CAPTURE_NATIONAL === '1') {
      writeFileSync(GOLDEN, `${JSON.stringify({ ...golden, ...captured }, null, 1)}\n`);
      return;
    }
    expect(Object.keys(now).length).toBe(n + 2);
    expect(now).toEqual(golden[`${criteria} ${n}`]);
  });
});
