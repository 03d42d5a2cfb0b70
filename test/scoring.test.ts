// Golden cases for the engine, every expected number worked out by hand in
// the comments, and properties that must hold for any input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCriteria } from '../src/criteria/index.js';
import { csvGrid } from '../src/evidence/csv.js';
import { rowsFromGrids } from '../src/evidence/rows.js';
import { resolveEvidence } from '../src/evidence/resolve.js';
import { assignRanks, scoreRound, type Results } from '../src/scoring/engine.js';
import { loadUnits } from '../src/units/index.js';
import { Decimal } from '../src/core/decimal.js';

const HEADER = 'Mã đơn vị,Mã tiêu chí,Điểm tự chấm,Điểm thẩm định,Tài liệu kiểm chứng';

function score(criteria: string, units: string, rows: string[], stage: 'self' | 'final' = 'final'): Results {
  const set = loadCriteria('c.yaml', criteria);
  expect(set.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const unitList = loadUnits('u.yaml', units, set.set);
  expect(unitList.diagnostics).toEqual([]);
  const grid = csvGrid('e.csv', `${HEADER}\n${rows.join('\n')}\n`);
  const found = rowsFromGrids([grid], 'e.csv', new Set(unitList.units!.byCode.keys()));
  const { input, diagnostics } = resolveEvidence(set.set!, unitList.units!, found.rows, [], { surveyGiven: false, evidenceFile: 'e.csv' });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return scoreRound(input, { stage });
}

const pct = (r: Results, unit: string, area?: string): string => {
  const u = r.units.find((x) => x.unit.code === unit)!;
  const index = area === undefined ? u.index : u.areas.find((a) => a.code === area)!.index;
  return index!.round(2, 'half-up').toFixed(2);
};

describe('golden cases', () => {
  it('published area indexes: 10.59/11, 8.005/13, 5/5.5', () => {
    const criteria = `
id: g1
title: G1
year: 2021
total: 29.5
precision: 3
areas:
  - { code: "1", name: Một, max: 11, children: [{ code: "1.1", name: a, max: 11 }] }
  - { code: "7", name: Bảy, max: 13, children: [{ code: "7.1", name: b, max: 13 }] }
  - { code: "6", name: Sáu, max: 5.5, children: [{ code: "6.1", name: c, max: 5.5 }] }
`;
    const r = score(criteria, 'units: [{ code: X, name: X }]', ['X,1.1,10.59,,QĐ', 'X,7.1,8.005,,QĐ', 'X,6.1,5,,QĐ']);
    expect(pct(r, 'X', '1')).toBe('96.27'); // 10.59 / 11 = 0.962727…
    expect(pct(r, 'X', '7')).toBe('61.58'); // 8.005 / 13 = 0.615769…
    expect(pct(r, 'X', '6')).toBe('90.91'); // 5 / 5.5 = 0.909090…
    // Total: 10.59 + 8.005 + 5 = 23.595 of 29.5 = 79.983…
    expect(r.units[0]!.points.toString()).toBe('23.595');
    expect(pct(r, 'X')).toBe('79.98');
  });

  const twoAreas = `
id: g2
title: G2
year: 2023
total: 100
precision: 2
areas:
  - { code: "1", name: Một, max: 84, children: [{ code: "1.1", name: a, max: 84 }] }
  - { code: "3", name: Ba, max: 16, children: [{ code: "3.1", name: b, max: 16 }] }
`;

  it('68.32 points of an applicable 84 (16 not applicable) is 81.33 %, above 80 of 100', () => {
    const units = `units:
  - { code: BDT, name: Ban Dân tộc, notApplicable: [{ code: "3", reason: không giải quyết TTHC }] }
  - { code: SXD, name: Sở Xây dựng }`;
    const r = score(twoAreas, units, ['BDT,1.1,68.32,,QĐ', 'SXD,1.1,70,,QĐ', 'SXD,3.1,10,,QĐ']);
    const [first, second] = r.units;
    expect(first!.unit.code).toBe('BDT');
    expect(first!.max.toString()).toBe('84');
    expect(pct(r, 'BDT')).toBe('81.33'); // 68.32 / 84 = 0.813333…
    expect(second!.points.toString()).toBe('80');
    expect(pct(r, 'SXD')).toBe('80.00');
    expect([first!.rank, second!.rank]).toEqual([1, 2]);
    expect(first!.areas.find((a) => a.code === '3')!.points).toBeNull();
  });

  it('equal indexes share a rank and the next is skipped (1, 2, 2, 4); dense gives 1, 2, 2, 3', () => {
    const units = 'units: [{ code: U1, name: Một }, { code: U2, name: Hai }, { code: U3, name: Ba }, { code: U4, name: Bốn }]';
    // U2: 80/100; U3: 67.2/84 = 0.8 exactly (3 not applicable) — the same index, different points.
    const unitsNa = units.replace('{ code: U3, name: Ba }', '{ code: U3, name: Ba, notApplicable: [{ code: "3" }] }');
    const rows = ['U1,1.1,84,,QĐ', 'U1,3.1,16,,QĐ', 'U2,1.1,70,,QĐ', 'U2,3.1,10,,QĐ', 'U3,1.1,67.2,,QĐ', 'U4,1.1,50,,QĐ', 'U4,3.1,10,,QĐ'];
    const shared = score(twoAreas, unitsNa, rows);
    expect(shared.units.map((u) => [u.unit.code, u.rank])).toEqual([
      ['U1', 1],
      ['U3', 2], // "Ba" before "Hai" in Vietnamese order inside the tie
      ['U2', 2],
      ['U4', 4],
    ]);
    const dense = score(twoAreas.replace('precision: 2', 'precision: 2\nties: dense'), unitsNa, rows);
    expect(dense.units.map((u) => u.rank)).toEqual([1, 2, 2, 3]);
  });

  it('a unit with nothing applicable has no index and no rank, and comes last in either tie rule', () => {
    const units = 'units: [{ code: U0, name: A, notApplicable: [{ code: "1" }, { code: "3" }] }, { code: U1, name: Một }, { code: U2, name: Hai }, { code: U3, name: Ba }]';
    const rows = ['U0,1.1,,,', 'U1,1.1,70,,QĐ', 'U1,3.1,10,,QĐ', 'U2,1.1,70,,QĐ', 'U2,3.1,10,,QĐ', 'U3,1.1,84,,QĐ', 'U3,3.1,16,,QĐ'];
    for (const [ties, ranks] of [
      ['shared', [1, 2, 2, null]],
      ['dense', [1, 2, 2, null]],
    ] as const) {
      const r = score(twoAreas.replace('precision: 2', `precision: 2\nties: ${ties}`), units, rows);
      expect(r.units.map((u) => [u.unit.code, u.rank])).toEqual([
        ['U3', ranks[0]],
        ['U2', ranks[1]], // "Hai" before "Một"
        ['U1', ranks[2]],
        ['U0', ranks[3]],
      ]);
      expect(r.units[3]!.index).toBeNull();
    }
  });

  it('a branch sums into its area between leaves; lostMost: the criteria (leaf or branch) that lost most, most first, file order among equals, at most five', () => {
    const criteria = `
id: g9
title: G9
year: 2023
total: 20
precision: 2
areas:
  - code: "1"
    name: Một
    max: 14
    children:
      - { code: "1.1", name: a, max: 2 }
      - { code: "1.2", name: b, max: 2 }
      - { code: "1.3", name: c, max: 2 }
      - { code: "1.4", name: d, max: 2 }
      - { code: "1.5", name: e, max: 2 }
      - { code: "1.6", name: f, max: 2 }
      - { code: "1.7", name: g, max: 2, children: [{ code: "1.7.1", name: g1, max: 1 }, { code: "1.7.2", name: g2, max: 1 }] }
  - { code: "2", name: Hai, max: 6, children: [{ code: "2.1", name: h, max: 6 }] }
`;
    const rows = ['X,1.1,2,,QĐ', 'X,1.2,1,,QĐ', 'X,1.3,1.5,,QĐ', 'X,1.4,1,,QĐ', 'X,1.5,0,,QĐ', 'X,1.6,1.75,,QĐ', 'X,1.7.1,0,,QĐ', 'X,1.7.2,0.5,,QĐ', 'X,2.1,5,,QĐ'];
    const r = score(criteria, 'units: [{ code: X, name: X }]', rows);
    // Area 1: 2 + 1 + 1.5 + 1 + 0 + 1.75 + (0 + 0.5) = 7.75 of 14, its branch 1.7 summed in between.
    const u = r.units[0]!;
    expect([u.areas[0]!.points?.toString(), u.areas[0]!.max.toString(), u.nodes.get('1.7')!.points?.toString()]).toEqual(['7.75', '14', '0.5']);
    // Lost: 1.1 0 (left out), 1.2 1, 1.3 0.5, 1.4 1, 1.5 2, 1.6 0.25, 1.7 2 − 0.5 = 1.5, 2.1 1.
    expect(r.units[0]!.facts.lostMost.map((l) => [l.code, l.name, l.lost.toString()])).toEqual([
      ['1.5', 'e', '2'],
      ['1.7', 'g', '1.5'],
      ['1.2', 'b', '1'],
      ['1.4', 'd', '1'],
      ['2.1', 'h', '1'],
    ]);
  });

  it('bonus and penalty stop at their caps', () => {
    const criteria = `
id: g3
title: G3
year: 2021
total: 10
precision: 2
areas:
  - { code: "1", name: Một, max: 10, children: [{ code: "1.1", name: a, max: 10 }] }
adjustments:
  - { code: TH, name: Thưởng, kind: bonus, cap: 2, children: [{ code: TH.1, name: x, max: 1.5 }, { code: TH.2, name: y, max: 1.5 }] }
  - { code: TR, name: Trừ, kind: penalty, cap: 1, children: [{ code: TR.1, name: z, max: 2 }] }
`;
    const r = score(criteria, 'units: [{ code: X, name: X }, { code: Y, name: Y }]', ['X,1.1,8,,QĐ', 'X,TH.1,1.5,,QĐ', 'X,TH.2,1.5,,QĐ', 'X,TR.1,2,,QĐ', 'Y,1.1,8,,QĐ', 'Y,TH.1,0.5,,QĐ']);
    const x = r.units.find((u) => u.unit.code === 'X')!;
    expect(x.bonus.toString()).toBe('2'); // 1.5 + 1.5 = 3, capped at 2
    expect(x.penalty.toString()).toBe('1'); // 2, capped at 1
    expect(x.points.toString()).toBe('9'); // 8 + 2 − 1
    expect(pct(r, 'X')).toBe('90.00');
    const y = r.units.find((u) => u.unit.code === 'Y')!;
    expect(y.points.toString()).toBe('8.5'); // 8 + 0.5, no penalty entered
  });

  it('final uses the council’s score where given; self ranks the self-scores; partial appraisal is provisional', () => {
    const units = 'units: [{ code: X, name: X }, { code: Y, name: Y }]';
    const r = score(twoAreas, units, ['X,1.1,80,70,QĐ', 'X,3.1,16,16,QĐ', 'Y,1.1,75,75,QĐ', 'Y,3.1,15,,QĐ']);
    expect(r.units.find((u) => u.unit.code === 'X')!.points.toString()).toBe('86'); // 70 + 16
    expect(r.units.find((u) => u.unit.code === 'X')!.status).toBe('final');
    const y = r.units.find((u) => u.unit.code === 'Y')!;
    expect(y.points.toString()).toBe('90'); // 75 + 15 (self, not yet appraised)
    expect(y.status).toBe('provisional');
    const self = score(twoAreas, units, ['X,1.1,80,70,QĐ', 'X,3.1,16,16,QĐ', 'Y,1.1,75,75,QĐ', 'Y,3.1,15,,QĐ'], 'self');
    expect(self.units.map((u) => [u.unit.code, u.points.toString()])).toEqual([
      ['X', '96'],
      ['Y', '90'],
    ]);
  });
});

describe('properties', () => {
  const criteria = `
id: p
title: P
year: 2021
total: 10
precision: 2
areas:
  - { code: "1", name: Một, max: 6, children: [{ code: "1.1", name: a, max: 2 }, { code: "1.2", name: b, max: 4 }] }
  - { code: "2", name: Hai, max: 4, children: [{ code: "2.1", name: c, max: 4 }] }
`;
  const unitCodes = ['U1', 'U2', 'U3', 'U4', 'U5'];
  const units = `units: [${unitCodes.map((c) => `{ code: ${c}, name: Đơn vị ${c} }`).join(', ')}]`;
  const points = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((n) => (n / 100).toFixed(2));
  const unitEntries = fc.tuple(points(2), points(4), points(4));
  const round = fc.array(unitEntries, { minLength: unitCodes.length, maxLength: unitCodes.length });

  const rowsOf = (entries: [string, string, string][]): string[] => entries.flatMap(([a, b, c], i) => [`U${i + 1},1.1,${a},,QĐ`, `U${i + 1},1.2,${b},,QĐ`, `U${i + 1},2.1,${c},,QĐ`]);
  const summary = (r: Results) => r.units.map((u) => `${u.unit.code}:${u.rank}:${u.points.toString()}`).sort();

  it('permuting rows never changes the result', () => {
    fc.assert(
      fc.property(round, fc.array(fc.nat(), { minLength: 15, maxLength: 15 }), (entries, keys) => {
        const rows = rowsOf(entries);
        const shuffled = rows
          .map((r, i) => [keys[i]!, r] as const)
          .sort((a, b) => a[0] - b[0])
          .map(([, r]) => r);
        const unitsShuffled = `units: [${[...unitCodes]
          .reverse()
          .map((c) => `{ code: ${c}, name: Đơn vị ${c} }`)
          .join(', ')}]`;
        expect(summary(score(criteria, unitsShuffled, shuffled))).toEqual(summary(score(criteria, units, rows)));
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('without bonus an index stays within 0–100, and identical inputs get identical ranks', () => {
    fc.assert(
      fc.property(round, (entries) => {
        const twin = [entries[0]!, entries[0]!, ...entries.slice(2)];
        const r = score(criteria, units, rowsOf(twin));
        for (const u of r.units) {
          expect(u.index!.cmp(Decimal.ZERO.toRatio())).toBeGreaterThanOrEqual(0);
          expect(u.index!.cmp(Decimal.of(100n).toRatio())).toBeLessThanOrEqual(0);
        }
        const rank = (c: string) => r.units.find((u) => u.unit.code === c)!.rank;
        expect(rank('U1')).toBe(rank('U2'));
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it('ranks: one more than the number of strictly better units (shared)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 30 }), (values) => {
        const ratios = values.map((v) => Decimal.of(BigInt(v)).toRatio());
        const ranks = assignRanks(ratios, (r) => r, 'shared');
        values.forEach((v, i) => expect(ranks[i]).toBe(1 + values.filter((w) => w > v).length));
        const dense = assignRanks(ratios, (r) => r, 'dense');
        values.forEach((v, i) => expect(dense[i]).toBe(1 + new Set(values.filter((w) => w > v)).size));
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});

describe('results JSON', () => {
  it('written a unit at a time, compact, it reads back as the same JSON as toResultsJson, a line per leaf', async () => {
    const { toResultsJson, resultsJsonChunks } = await import('../src/results/results-json.js');
    const { readResultsBytes } = await import('../src/results/results-read.js');
    const criteria = `
id: j
title: J
year: 2021
total: 10
precision: 2
areas:
  - { code: "1", name: Một, max: 10, children: [{ code: "1.1", name: a, max: 10 }] }
`;
    const meta = { title: 'T', toolVersion: '0.0.0', criteria: { path: 'c.yaml', sha256: '0'.repeat(64) }, inputs: [] };
    for (const units of [1, 3]) {
      const unitsYaml = `units: [${Array.from({ length: units }, (_, i) => `{ code: U${i}, name: Đơn vị ${i} }`).join(', ')}]`;
      const r = score(
        criteria,
        unitsYaml,
        Array.from({ length: units }, (_, i) => `U${i},1.1,${i + 5},,QĐ`),
      );
      const text = Buffer.concat([...resultsJsonChunks(r, meta)]).toString('utf8');
      const read = await readResultsBytes(Buffer.from(text), 'r.json');
      expect(read.ok && JSON.stringify(read.json)).toBe(JSON.stringify(toResultsJson(r, meta)));
      // Outside the units, the indentation of JSON.stringify(…, null, 2); each leaf one line of its own.
      expect(text.startsWith(JSON.stringify(toResultsJson(r, meta), null, 2).split('\n  "units": [')[0]!)).toBe(true);
      // Version 3 leaves out what is at its default: area and max come from the tree, null and "" are left out.
      // U0 scored 5 of 10 (lost 5); U1 6 (lost 4); U2 7 (lost 3). Units in rank order: the best first.
      const leafLines = text.split('\n').filter((l) => l.startsWith('        {"code":"1.1",'));
      const scores = units === 1 ? [5] : [7, 6, 5];
      expect(leafLines).toEqual(scores.map((p) => `        {"code":"1.1","self":${p},"final":${p},"points":${p},"lost":${10 - p},"evidence":"QĐ"}`));
      expect(text.endsWith('}\n')).toBe(true);
    }
  });
});
