// One fixture folder per evidence problem: a long-format CSV differing from
// a valid base in one place, with the expected findings (line:col severity
// code; 0:0 for the file as a whole), worked out in make-evidence-fixtures.py.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sortDiagnostics } from '../src/diagnostics/index.js';
import { loadRound } from '../src/round/load-round.js';
import { scoreRound } from '../src/scoring/engine.js';

const root = path.join(import.meta.dirname, 'fixtures', 'evidence');
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

async function load(name: string) {
  const dir = path.join(root, name);
  const evidence = existsSync(path.join(dir, 'evidence')) ? 'evidence' : 'evidence.csv';
  return loadRound({
    cwd: dir,
    overrides: {
      criteria: '../criteria.yaml',
      units: '../units.yaml',
      evidence,
      ...(existsSync(path.join(dir, 'survey.csv')) ? { survey: 'survey.csv' } : {}),
    },
  });
}

describe('evidence fixtures', () => {
  it('covers the problem codes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(28);
  });

  it.each(cases)('%s', async (name) => {
    const expected = readFileSync(path.join(root, name, 'expected.txt'), 'utf8')
      .split('\n')
      .filter(Boolean);
    const { diagnostics } = await load(name);
    const got = sortDiagnostics(diagnostics).map((d) => `${d.location?.line ?? 0}:${d.location?.column ?? 0} ${d.severity} ${d.code}`);
    expect(got).toEqual(expected);
  });

  it('the valid round scores as worked out by hand', async () => {
    // A: 1 + 2 + 1.8 + 0.75 + 1.6 (survey) + 1.5 = 8.65 of 10 → 86.50 %, class Tốt.
    // B: area 2 not assessed (khong-tthc): 0.5 + 1 + 1.5 + 0.5 (appraised) = 3.5 of 6 → 58.33 %.
    for (const name of ['valid', 'csv-vietnamese-excel']) {
      const { round } = await load(name);
      const results = scoreRound(round!.input, { stage: 'final' });
      const [a, b] = results.units;
      expect(a!.unit.code).toBe('A');
      expect(a!.points.toString()).toBe('8.65');
      expect(a!.max.toString()).toBe('10');
      expect(a!.index!.round(2, 'half-up').toFixed(2)).toBe('86.50');
      expect(a!.class).toBe('Tốt');
      expect(b!.points.toString()).toBe('3.5');
      expect(b!.max.toString()).toBe('6');
      expect(b!.index!.round(2, 'half-up').toFixed(2)).toBe('58.33');
      expect([a!.rank, b!.rank]).toEqual([1, 2]);
      // Self stage: B typed 1 on 1.4 where the council gave 0.5: 4 of 6 → 66.67 %.
      const self = scoreRound(round!.input, { stage: 'self' });
      expect(self.units.find((u) => u.unit.code === 'B')!.points.toString()).toBe('4');
    }
  });
});
