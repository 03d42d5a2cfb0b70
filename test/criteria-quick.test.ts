// One answer whichever parser ran: the quick path (the plain reader, no positions)
// may only ever say "clean" for a file the precise path (yaml, with
// positions) also finds free of every finding, and must then read exactly
// the same criteria set. Checked on every fixture and on thousands of
// generated mutations of them, including the traps of issue 15.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCriteria, type CriteriaSet } from '../src/criteria/index.js';
import { quickLoadCriteria } from '../src/criteria/quick.js';
import { ruleJson } from '../src/results/results-json.js';
import { ROOT } from './helpers.js';
import { mutated } from './yaml-mutations.js';

function snapshot(set: CriteriaSet): unknown {
  return {
    id: set.id,
    title: set.title,
    year: set.year,
    total: set.total.toString(),
    precision: set.precision,
    decimals: set.decimals,
    rounding: set.rounding,
    ties: set.ties,
    classes: set.classes.map((c) => [c.label, c.min.toString()]),
    nodes: [...set.nodes.values()].map((n) => [n.code, n.name, n.max.toString(), n.level, n.parentCode, n.skipFor, n.evidence, n.guidance, n.rule ? ruleJson(n.rule) : null]),
    adjustments: set.adjustments.map((p) => [p.code, p.name, p.kind, p.cap.toString()]),
  };
}

let quickClean = 0;

function agree(file: string, text: string): void {
  const quick = quickLoadCriteria(file, text);
  if (!quick) return; // Declining is always allowed: the precise path then has the final word.
  quickClean++;
  const precise = loadCriteria(file, text);
  expect(precise.diagnostics, file).toEqual([]);
  expect(snapshot(quick)).toEqual(snapshot(precise.set!));
}

const sets = ['so-nganh-mau.yaml', 'tinh-2017.yaml'].map((f) => [f, readFileSync(path.join(ROOT, 'criteria', f), 'utf8')] as const);
const fixtureRoot = path.join(ROOT, 'test', 'fixtures', 'criteria');
const fixtures = readdirSync(fixtureRoot).map((name) => [name, readFileSync(path.join(fixtureRoot, name, 'criteria.yaml'), 'utf8')] as const);

describe('quick criteria loading', () => {
  it('reads the real sets exactly as the precise parser does', () => {
    for (const [file, text] of sets) {
      expect(quickLoadCriteria(file, text), file).toBeDefined();
      agree(file, text);
    }
  });

  it('declines every fixture with a finding, and agrees on the clean ones', () => {
    for (const [name, text] of fixtures) {
      const expected = readFileSync(path.join(fixtureRoot, name, 'expected.txt'), 'utf8').trim();
      if (expected !== '') expect(quickLoadCriteria(name, text), name).toBeUndefined();
      agree(name, text);
    }
  });

  it('agrees with the precise parser on thousands of mutated fixtures (property)', () => {
    quickClean = 0;
    // Mostly the clean fixtures (a mutation of a broken file is declined anyway), and every other one too.
    const clean = fixtures.filter(([name]) => readFileSync(path.join(fixtureRoot, name, 'expected.txt'), 'utf8').trim() === '');
    const small = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...clean.map(([, text]) => text)) }, { weight: 1, arbitrary: fc.constantFrom(...fixtures.map(([, text]) => text)) }).chain(mutated);
    fc.assert(
      fc.property(small, (text) => agree('mutated.yaml', text)),
      { seed: 15, numRuns: 3000 },
    );
    // The property would be empty if every mutation were declined.
    expect(quickClean).toBeGreaterThan(300);
  });

  it('agrees on mutations of the real sets (property)', () => {
    fc.assert(
      fc.property(mutated(sets[0]![1]), (text) => agree('mutated.yaml', text)),
      { seed: 11, numRuns: 150 },
    );
  });
});
