// The quick path (js-yaml, no positions) may only ever say "clean" for a
// file the precise path (yaml, with positions) also finds clean, and must
// then read exactly the same criteria set.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCriteria, type CriteriaSet } from '../src/criteria/index.js';
import { quickLoadCriteria } from '../src/criteria/quick.js';
import { ruleJson } from '../src/scoring/results-json.js';
import { ROOT } from './helpers.js';

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

function agree(file: string, text: string): void {
  const quick = quickLoadCriteria(file, text);
  const precise = loadCriteria(file, text);
  if (quick) {
    expect(precise.diagnostics, file).toEqual([]);
    expect(snapshot(quick)).toEqual(snapshot(precise.set!));
  }
  // Declining is always allowed: the precise path then has the final word.
}

const sets = ['so-nganh-mau.yaml', 'tinh-2017.yaml'].map((f) => [f, readFileSync(path.join(ROOT, 'criteria', f), 'utf8')] as const);

describe('quick criteria loading', () => {
  it('reads the real sets exactly as the precise parser does', () => {
    for (const [file, text] of sets) {
      expect(quickLoadCriteria(file, text), file).toBeDefined();
      agree(file, text);
    }
  });

  it('declines every fixture with a finding', () => {
    const root = path.join(ROOT, 'test', 'fixtures', 'criteria');
    for (const name of readdirSync(root)) {
      const text = readFileSync(path.join(root, name, 'criteria.yaml'), 'utf8');
      const expected = readFileSync(path.join(root, name, 'expected.txt'), 'utf8').trim();
      if (expected !== '') expect(quickLoadCriteria(name, text), name).toBeUndefined();
      agree(name, text);
    }
  });

  it('agrees with the precise parser on mutated files (property)', () => {
    const [, text] = sets[0]!;
    const lines = text.split('\n');
    const mutation = fc.tuple(fc.nat({ max: lines.length - 1 }), fc.oneof(
      fc.constant((l: string) => l.replace(/max: ([\d.]+)/, 'max: $1 ')),
      fc.constant((l: string) => l.replace(/code: "([\d.]+)"/, 'code: $1')),
      fc.constant((l: string) => l.replace(/points: ([\d.]+)/, 'points: 0.0$1')),
      fc.constant((l: string) => l.replace(/: /, ':  ')),
      fc.constant((l: string) => `  ${l}`),
      fc.constant((l: string) => l.replace(/name: /, 'name: &a ')),
      fc.constant((l: string) => l.replace(/label: ([^,]+),/, 'label: "$1",')),
      fc.constant((l: string) => l.replace(/"/g, "'")),
      fc.constant(() => ''),
      fc.string().map((s) => (l: string) => l + s),
    ));
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (muts) => {
        const copy = [...lines];
        for (const [i, f] of muts) copy[i] = f(copy[i]!);
        agree('mutated.yaml', copy.join('\n'));
      }),
      { seed: 11, numRuns: 150 },
    );
  });
});
