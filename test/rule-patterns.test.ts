// The rule patterns of real decisions (issue 14), one describe per pattern:
// the rule, a few units' inputs, and the points worked out by hand in the
// comments, edges included (at a threshold, 0/0, a count of 0, a date on
// the deadline, a cap reached, a bonus that would pass 100).
import { describe, expect, it } from 'vitest';
import { loadCriteria } from '../src/criteria/index.js';
import type { Diagnostic } from '../src/diagnostics/index.js';
import { csvGrid } from '../src/evidence/csv.js';
import { rowsFromGrids } from '../src/evidence/rows.js';
import { surveyAnswersFromGrids } from '../src/evidence/survey.js';
import { resolveEvidence } from '../src/evidence/resolve.js';
import { ruleText } from '../src/criteria/rule-text.js';
import { scoreRound, type Results } from '../src/scoring/engine.js';
import { ruleJson } from '../src/results/results-json.js';
import { loadUnits } from '../src/units/index.js';

const HEADER = 'Mã đơn vị,Mã tiêu chí,Số liệu,Điểm tự chấm,Tài liệu kiểm chứng';

/** Resolves rows "UNIT,CODE,measure,self" against a set; returns the results and every error found. */
function run(criteria: string, units: string, rows: string[]): { results: Results; errors: Diagnostic[] } {
  const set = loadCriteria('c.yaml', criteria);
  expect(set.diagnostics).toEqual([]);
  const unitList = loadUnits('u.yaml', units, set.set!);
  expect(unitList.diagnostics).toEqual([]);
  const grid = csvGrid('e.csv', `${HEADER}\n${rows.map((r) => `${r},QĐ`).join('\n')}\n`);
  const found = rowsFromGrids([grid], 'e.csv', new Set(unitList.units!.byCode.keys()));
  const { input, diagnostics } = resolveEvidence(set.set!, unitList.units!, found.rows, [], { surveyGiven: false, evidenceFile: 'e.csv' });
  return { results: scoreRound(input, { stage: 'self' }), errors: diagnostics.filter((d) => d.severity === 'error') };
}

const unitsOf = (...codes: string[]): string => `units:\n${codes.map((c) => `  - { code: ${c}, name: Đơn vị ${c} }`).join('\n')}`;
const pointsOf = (r: Results, unit: string): string => r.units.find((u) => u.unit.code === unit)!.points.toString();
const leafOf = (r: Results, unit: string, code: string): string | undefined =>
  r.units
    .find((u) => u.unit.code === unit)!
    .leaves.find((l) => l.node.code === code)!
    .points?.toString();

/** A set of one area "1" with one leaf "1.1" (max `max`) under the given rule, plus `extra` set-level keys. */
/** Each unit's measure of 1.1, scored: no errors, and each unit's points. */
function scoreMeasures(criteria: string, measures: Record<string, string>): Record<string, string> {
  const codes = Object.keys(measures);
  const { results, errors } = run(
    criteria,
    unitsOf(...codes),
    codes.map((u) => `${u},1.1,${measures[u]},`),
  );
  expect(errors).toEqual([]);
  return Object.fromEntries(codes.map((u) => [u, pointsOf(results, u)]));
}

/** The codes of the errors one measure of 1.1 gets. */
const refusedMeasure = (criteria: string, measure: string): string[] => run(criteria, unitsOf('A'), [`A,1.1,${measure},`]).errors.map((e) => e.code);

function oneLeaf(max: string, rule: string, extra = ''): string {
  return `id: p
title: P
year: 2024
total: ${max}
precision: 2
${extra}areas:
  - code: "1"
    name: Một
    max: ${max}
    children:
      - code: "1.1"
        name: Tiêu chí
        max: ${max}
        rule: ${rule}
`;
}

describe('1. points per item, up to a cap (mỗi sáng kiến 0,5 điểm, tối đa 2)', () => {
  const set = oneLeaf('2', '{ kind: per-item, each: 0.5 }');
  it('count × each, capped at the maximum', () => {
    expect(scoreMeasures(set, { A: '0', B: '3', C: '4', D: '7' })).toEqual({
      A: '0', // a count of 0: 0 × 0.5
      B: '1.5', // 3 × 0.5
      C: '2', // 4 × 0.5 = 2, exactly the cap
      D: '2', // 7 × 0.5 = 3.5, capped at 2
    });
  });
  it('deducted from the maximum, never below 0 (chậm 01 báo cáo trừ 0,25, trừ tối đa hết điểm)', () => {
    const deduct = oneLeaf('1', '{ kind: per-item, each: 0.25, deduct: true }');
    expect(scoreMeasures(deduct, { A: '0', B: '2', C: '4', D: '9' })).toEqual({
      A: '1', // 1 − 0
      B: '0.5', // 1 − 2 × 0.25
      C: '0', // 1 − 4 × 0.25 = 0, the cap reached
      D: '0', // 9 × 0.25 = 2.25, only 1 taken off
    });
  });
  it('a count of 1,5 is refused', () => {
    expect(refusedMeasure(set, '"1,5"')).toEqual(['measure-not-whole']);
  });
  it('is described in words', () => {
    const s = loadCriteria('c.yaml', set).set!;
    expect(ruleText(ruleJson(s.leaves[0]!.rule!), 2, 'vi')).toBe('Mỗi trường hợp 0,5 điểm, tối đa 2; nhập số trường hợp');
    expect(ruleText(ruleJson(s.leaves[0]!.rule!), 2, 'en')).toBe('0.5 per item, at most 2; enter the number of items');
  });
});

describe('2. threshold, then proportional (từ 80% đến dưới 100%: tỷ lệ × điểm tối đa; dưới 80%: 0)', () => {
  const set = oneLeaf('2', '{ kind: proportional, zeroBelow: 80 }');
  it('0 below the threshold, in proportion from it', () => {
    const { results, errors } = run(set, unitsOf('A', 'B', 'C', 'D', 'E'), ['A,1.1,100%,', 'B,1.1,80%,', 'C,1.1,79/100,', 'D,1.1,45/50,', 'E,1.1,83/90,']);
    expect(errors).toEqual([]);
    expect(pointsOf(results, 'A')).toBe('2'); // 100 %: the maximum
    expect(pointsOf(results, 'B')).toBe('1.6'); // exactly at 80 %: 0.8 × 2
    expect(pointsOf(results, 'C')).toBe('0'); // 79 % is below 80 %
    expect(pointsOf(results, 'D')).toBe('1.8'); // 45/50 = 0.9; 0.9 × 2
    expect(pointsOf(results, 'E')).toBe('1.84'); // 83/90 = 0.92222…; × 2 = 1.84444… → 1.84
  });
});

describe('3. "không phát sinh" (0/0)', () => {
  it('full points when the set says so', () => {
    const set = oneLeaf('1', '{ kind: proportional, ifNone: full }');
    const { results, errors } = run(set, unitsOf('A', 'B', 'C'), ['A,1.1,0/0,', 'B,1.1,Không phát sinh,', 'C,1.1,9/10,']);
    expect(errors).toEqual([]);
    expect(pointsOf(results, 'A')).toBe('1'); // 0/0 → full points
    expect(pointsOf(results, 'B')).toBe('1'); // typed in words → full points
    expect(pointsOf(results, 'C')).toBe('0.9'); // 9/10 × 1
  });
  it('not assessed: the maximum leaves the unit', () => {
    const set = `id: p
title: P
year: 2024
total: 3
precision: 2
areas:
  - code: "1"
    name: Một
    max: 3
    children:
      - { code: "1.1", name: Phản ánh, max: 1, rule: { kind: proportional, ifNone: not-assessed } }
      - { code: "1.2", name: Khác, max: 2 }
`;
    const { results, errors } = run(set, unitsOf('A'), ['A,1.1,0/0,', 'A,1.2,,1.5']);
    expect(errors).toEqual([]);
    const a = results.units[0]!;
    expect(a.max.toString()).toBe('2'); // 3 − the 1 of 1.1
    expect(a.index!.round(2, 'half-up').toString()).toBe('75'); // 1.5 / 2
  });
  it('a council score on a leaf that "nothing arose" took out is refused, not dropped', () => {
    const set = oneLeaf('1', '{ kind: proportional, ifNone: not-assessed }');
    const grid = csvGrid('e.csv', 'Mã đơn vị,Mã tiêu chí,Số liệu,Điểm thẩm định\nA,1.1,0/0,0.5\n');
    const loaded = loadCriteria('c.yaml', set).set!;
    const units = loadUnits('u.yaml', unitsOf('A'), loaded).units!;
    const found = rowsFromGrids([grid], 'e.csv', new Set(units.byCode.keys()));
    const { diagnostics } = resolveEvidence(loaded, units, found.rows, [], { surveyGiven: false, evidenceFile: 'e.csv' });
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.location?.line, d.location?.column])).toEqual([['score-on-not-applicable', 2, 4]]);
  });
  it('without ifNone, 0/0 is an error that says what to do', () => {
    const { errors } = run(oneLeaf('1', '{ kind: proportional }'), unitsOf('A'), ['A,1.1,0/0,']);
    expect(errors.map((e) => e.code)).toEqual(['measure-none-not-allowed']);
  });
});

describe('4. against a target fixed in the set (chỉ tiêu 50%)', () => {
  const set = oneLeaf('2', '{ kind: proportional, target: 50 }');
  it('at or above the target: full points; below: in proportion', () => {
    const { results, errors } = run(set, unitsOf('A', 'B', 'C', 'D', 'E'), ['A,1.1,50%,', 'B,1.1,25%,', 'C,1.1,60%,', 'D,1.1,40/100,', 'E,1.1,1/3,']);
    expect(errors).toEqual([]);
    expect(pointsOf(results, 'A')).toBe('2'); // exactly at the target
    expect(pointsOf(results, 'B')).toBe('1'); // 25 / 50 × 2
    expect(pointsOf(results, 'C')).toBe('2'); // 60 / 50 × 2 = 2.4, capped at 2
    expect(pointsOf(results, 'D')).toBe('1.6'); // 40 / 50 × 2
    expect(pointsOf(results, 'E')).toBe('1.33'); // 33.33… / 50 = 0.6666…; × 2 = 1.3333… → 1.33
  });
});

describe('5. over-achievement (vượt kế hoạch)', () => {
  const set = oneLeaf('2', '{ kind: bands, measure: percent, overAchievement: true, bands: [{ gt: 100, points: 2 }, { gte: 90, lte: 100, points: 1 }, { lt: 90, points: 0 }] }');
  it('validates clean and scores above 100 %', () => {
    expect(scoreMeasures(set, { A: '110%', B: '100%', C: '55/50' })).toEqual({
      A: '2', // 110 > 100
      B: '1', // exactly 100: the 90–100 band
      C: '2', // 55/50 = 110 %
    });
  });
});

describe('6. whole counts (chậm 01 báo cáo: 0,5; từ 02 báo cáo: 0)', () => {
  const set = oneLeaf('1', '{ kind: bands, measure: count, bands: [{ lte: 0, points: 1 }, { gte: 1, lte: 1, points: 0.5 }, { gte: 2, points: 0 }] }');
  it('scores each whole count, refuses 1,5', () => {
    expect(scoreMeasures(set, { A: '0', B: '1', C: '2', D: '5' })).toEqual({ A: '1', B: '0.5', C: '0', D: '0' });
    expect(refusedMeasure(set, '"1,5"')).toEqual(['measure-not-whole']);
  });
});

describe('7. checklists (đủ 5 hình thức: 1; 3–4 hình thức: 0,5; dưới 3: 0)', () => {
  const set = oneLeaf('1', '{ kind: checklist, items: [Hội nghị, Báo chí, Cổng thông tin, Pa nô, Cuộc thi], bands: [{ gte: 5, points: 1 }, { gte: 3, lte: 4, points: 0.5 }, { lte: 2, points: 0 }] }');
  it('by bands on the number of items done', () => {
    expect(scoreMeasures(set, { A: '5', B: '4', C: '3', D: '2' })).toEqual({ A: '1', B: '0.5', C: '0.5', D: '0' });
    expect(refusedMeasure(set, '6')).toEqual(['checklist-count-out-of-range']);
  });
  it('lists the items to tick in its description', () => {
    const s = loadCriteria('c.yaml', set).set!;
    expect(ruleText(ruleJson(s.leaves[0]!.rule!), 1, 'vi')).toBe(
      'Số nội dung đã thực hiện (trong 5): ≥ 5: 1; ≥ 3 và ≤ 4: 0,5; ≤ 2: 0. Nội dung: (1) Hội nghị; (2) Báo chí; (3) Cổng thông tin; (4) Pa nô; (5) Cuộc thi',
    );
  });
  it('without bands, in proportion, rounded by pointsRounding', () => {
    const plain = '{ kind: checklist, items: [Một, Hai, Ba] }';
    expect(pointsOf(run(oneLeaf('1', plain), unitsOf('A'), ['A,1.1,2,']).results, 'A')).toBe('0.67'); // 2/3 = 0.666… → half-up 0.67
    expect(pointsOf(run(oneLeaf('1', plain, 'pointsRounding: down\n'), unitsOf('A'), ['A,1.1,2,']).results, 'A')).toBe('0.66'); // → down 0.66
  });
});

describe('8. deadlines (trước 31/01: 1; từ 01/02 đến 29/02: 0,5; sau đó: 0)', () => {
  const set = oneLeaf('1', '{ kind: bands, measure: date, bands: [{ lte: "2024-01-31", points: 1 }, { gte: "2024-02-01", lte: "2024-02-29", points: 0.5 }, { gt: "2024-02-29", points: 0 }] }');
  it('scores the date typed', () => {
    expect(scoreMeasures(set, { A: '31/01/2024', B: '1/2/2024', C: '29/02/2024', D: '01/03/2024', E: '2024-01-15' })).toEqual({
      A: '1', // on the deadline itself
      B: '0.5', // the day after
      C: '0.5', // 2024 is a leap year: the last day of the second band
      D: '0', // after it
      E: '1', // ISO, as a date cell arrives
    });
  });
  it('refuses what is not a date, and words the bands as dates', () => {
    expect(refusedMeasure(set, '32/01/2024')).toEqual(['measure-not-a-date']);
    const s = loadCriteria('c.yaml', set).set!;
    expect(ruleText(ruleJson(s.leaves[0]!.rule!), 1, 'vi')).toBe('đến ngày 31/01/2024: 1; từ ngày 01/02/2024 đến ngày 29/02/2024: 0,5; sau ngày 29/02/2024: 0; nhập ngày dạng 31/01/2024');
  });
});

const twoAreas = (extra: string, adjustments: string): string => `id: p
title: P
year: 2024
total: 10
precision: 2
${extra}areas:
  - { code: "1", name: Một, max: 6, children: [{ code: "1.1", name: a, max: 6 }] }
  - { code: "2", name: Hai, max: 4, children: [{ code: "2.1", name: b, max: 4 }] }
adjustments:
${adjustments}`;

describe('10. bonus on one area, and a total that may not pass 100', () => {
  it('an area bonus stays within the area maximum', () => {
    const set = twoAreas('', '  - { code: TH, name: Thưởng, kind: bonus, cap: 2, area: "1", children: [{ code: TH.1, name: Sáng kiến, max: 2 }] }\n');
    const { results, errors } = run(set, unitsOf('A', 'B'), ['A,1.1,,5', 'A,2.1,,4', 'A,TH.1,,2', 'B,1.1,,3', 'B,2.1,,2', 'B,TH.1,,1']);
    expect(errors).toEqual([]);
    const a = results.units.find((u) => u.unit.code === 'A')!;
    expect(a.areas[0]!.points!.toString()).toBe('6'); // 5 + 2 = 7, kept at the area's 6
    expect(a.points.toString()).toBe('10'); // 6 + 4
    expect(a.bonus.toString()).toBe('1'); // only 1 of the 2 took effect
    const b = results.units.find((u) => u.unit.code === 'B')!;
    expect(b.areas[0]!.points!.toString()).toBe('4'); // 3 + 1
    expect(b.points.toString()).toBe('6'); // 4 + 2
  });
  it('capAtMax keeps a bonus from passing 100 %', () => {
    const parts = '  - { code: TT, name: Thưởng, kind: bonus, cap: 3, children: [{ code: TT.1, name: Sáng kiến, max: 3 }] }\n';
    const rows = ['A,1.1,,6', 'A,2.1,,3', 'A,TT.1,,2'];
    // 6 + 3 + 2 = 11 of 10
    expect(pointsOf(run(twoAreas('', parts), unitsOf('A'), rows).results, 'A')).toBe('11');
    expect(pointsOf(run(twoAreas('capAtMax: true\n', parts), unitsOf('A'), rows).results, 'A')).toBe('10');
  });
});

describe('11. classification beyond the index, and tie-breaks', () => {
  const set = `id: p
title: P
year: 2024
total: 10
precision: 2
classes:
  - { label: Tốt, min: 90, minEveryArea: 50 }
  - { label: Khá, min: 70 }
  - { label: Trung bình, min: 0 }
downgradeIf: [TR.1]
tieBreaks:
  - { by: "2", prefer: higher }
  - { by: TR, prefer: lower }
areas:
  - { code: "1", name: Một, max: 9, children: [{ code: "1.1", name: a, max: 9 }] }
  - { code: "2", name: Hai, max: 1, children: [{ code: "2.1", name: b, max: 1 }] }
adjustments:
  - { code: TR, name: Điểm trừ, kind: penalty, cap: 1, children: [{ code: TR.1, name: Vi phạm kỷ luật, max: 1 }] }
`;
  it('ranks and classes', () => {
    const { results, errors } = run(set, unitsOf('A', 'B', 'C', 'D', 'E'), [
      'A,1.1,,9',
      'A,2.1,,0.5', // 9.5 → 95 %; area 2 at exactly 50 %
      'B,1.1,,9',
      'B,2.1,,0.4', // 9.4 → 94 %; area 2 at 40 %
      'C,1.1,,9',
      'C,2.1,,1',
      'C,TR.1,,0.5', // 10 − 0.5 = 9.5 → 95 %, a violation
      'D,1.1,,8.5',
      'D,2.1,,1', // 9.5 → 95 %
      'E,1.1,,8.5',
      'E,2.1,,1', // as D
    ]);
    expect(errors).toEqual([]);
    const by = (code: string) => results.units.find((u) => u.unit.code === code)!;
    // 95 % for A, C, D, E. Area 2: C, D, E have 1, A 0.5 → A last of them.
    // C vs D, E: penalty 0.5 against 0 → D and E first, sharing rank 1; C 3; A 4; B (94 %) 5.
    expect(results.units.map((u) => [u.unit.code, u.rank])).toEqual([
      ['D', 1],
      ['E', 1],
      ['C', 3],
      ['A', 4],
      ['B', 5],
    ]);
    expect(by('A').class).toBe('Tốt'); // area 2 exactly at 50 %
    expect(by('B').class).toBe('Khá'); // 94 % but area 2 below 50 %
    expect(by('C').class).toBe('Khá'); // Tốt lowered one class for TR.1
    expect(by('D').class).toBe('Tốt');
  });
});

describe('13. a different maximum by kind of unit', () => {
  const set = `id: p
title: P
year: 2024
total: 10
precision: 2
areas:
  - { code: "1", name: Một, max: 2, children: [{ code: "1.1", name: a, max: 2, maxFor: [{ tags: [huyen], max: 1 }] }] }
  - { code: "2", name: Hai, max: 8, children: [{ code: "2.1", name: b, max: 8 }] }
`;
  const units = 'units:\n  - { code: H, name: Huyện, tags: [huyen] }\n  - { code: T, name: Thành phố }';
  it('the unit is scored on its own maximum', () => {
    const { results, errors } = run(set, units, ['H,1.1,,1', 'H,2.1,,8', 'T,1.1,,2', 'T,2.1,,7']);
    expect(errors).toEqual([]);
    const h = results.units.find((u) => u.unit.code === 'H')!;
    expect(h.max.toString()).toBe('9'); // 1 + 8
    expect(h.index!.round(2, 'half-up').toString()).toBe('100'); // 9 / 9
    expect(
      results.units
        .find((u) => u.unit.code === 'T')!
        .index!.round(2, 'half-up')
        .toString(),
    ).toBe('90'); // 9 / 10
    expect(run(set, units, ['H,1.1,,1.5', 'H,2.1,,8', 'T,1.1,,2', 'T,2.1,,7']).errors.map((e) => e.code)).toEqual(['score-above-max']);
  });
});

describe('rounding: one rule for points, another for display', () => {
  it('rounding: down no longer changes computed points; pointsRounding does', () => {
    // 5/12 × 1 = 0.41666…
    expect(leafOf(run(oneLeaf('1', '{ kind: proportional }', 'rounding: down\n'), unitsOf('A'), ['A,1.1,5/12,']).results, 'A', '1.1')).toBe('0.42');
    expect(leafOf(run(oneLeaf('1', '{ kind: proportional }', 'pointsRounding: down\n'), unitsOf('A'), ['A,1.1,5/12,']).results, 'A', '1.1')).toBe('0.41');
  });
});

describe('9. survey answer scales and respondent groups (A 100 %, B 60 %, C 20 %, D 0 %)', () => {
  const set = (groups: string): string => `id: p
title: P
year: 2024
total: 3
precision: 2
areas:
  - code: "1"
    name: Một
    max: 3
    children:
      - code: "1.1"
        name: Đánh giá của lãnh đạo và người dân
        max: 2
        rule:
          kind: survey
          scale: [{ answer: A, share: 100 }, { answer: B, share: 60 }, { answer: C, share: 20 }, { answer: D, share: 0 }]
${groups}      - { code: "1.2", name: Khác, max: 1 }
`;
  const withGroups = set('          groups: [{ name: Lãnh đạo, weight: 60 }, { name: Người dân, weight: 40 }]\n');
  const answers = ['Mã đơn vị,Mã tiêu chí,Nhóm,A,B,C,D', 'X,1.1,Lãnh đạo,6,4,0,0', 'X,1.1,Người dân,1,1,1,1', 'Y,1.1,Lãnh đạo,0,0,5,0'];

  function surveyRun(criteria: string, lines: string[]): { results: Results; errors: Diagnostic[] } {
    const loaded = loadCriteria('c.yaml', criteria);
    expect(loaded.diagnostics).toEqual([]);
    const units = loadUnits('u.yaml', unitsOf('X', 'Y'), loaded.set!).units!;
    const evidence = rowsFromGrids([csvGrid('e.csv', `${HEADER}\nX,1.2,,1,QĐ\nY,1.2,,1,QĐ\n`)], 'e.csv', new Set(units.byCode.keys()));
    const survey = surveyAnswersFromGrids([csvGrid('s.csv', `${lines.join('\n')}\n`)]);
    const { input, diagnostics } = resolveEvidence(loaded.set!, units, evidence.rows, survey, { surveyGiven: true, evidenceFile: 'e.csv' });
    return { results: scoreRound(input, { stage: 'self' }), errors: diagnostics.filter((d) => d.severity === 'error') };
  }

  it('weights each group’s mean share', () => {
    const { results, errors } = surveyRun(withGroups, answers);
    expect(errors).toEqual([]);
    // X: leaders (6×100 + 4×60) / 10 = 84 %; citizens (100 + 60 + 20 + 0) / 4 = 45 %;
    // (84 × 60 + 45 × 40) / 100 = 68.4 %; × 2 = 1.368 → 1.37.
    expect(leafOf(results, 'X', '1.1')).toBe('1.37');
    // Y: only leaders answered: 5 × 20 / 5 = 20 %; the citizens' weight is left out; × 2 = 0.4.
    expect(leafOf(results, 'Y', '1.1')).toBe('0.4');
  });
  it('pools every answer when the rule names no groups', () => {
    const { results } = surveyRun(set(''), answers);
    // X: A 7, B 5, C 1, D 1 = 14 answers; (700 + 300 + 20) / 14 = 72.857… %; × 2 = 1.457… → 1.46.
    expect(leafOf(results, 'X', '1.1')).toBe('1.46');
  });
  it('reports answers for an item without a scale, and an item whose answers are all off the scale', () => {
    const noScale = withGroups.replace(/ {10}scale: .*\n/, '').replace(/ {10}groups: .*\n/, '');
    expect(surveyRun(noScale, ['Mã đơn vị,Mã tiêu chí,Nhóm,A', 'X,1.1,,3']).errors.map((e) => e.code)).toContain('survey-no-scale');
    // Only a column "E", which the scale does not name, and zero answers on its own answers.
    const { errors } = surveyRun(set(''), ['Mã đơn vị,Mã tiêu chí,A,E', 'X,1.1,0,4', 'Y,1.1,1,0']);
    expect(errors.map((e) => [e.code, e.location?.line, e.location?.column])).toEqual([['survey-no-answers', 2, 3]]);
  });
  it('reports an unknown group and a count that is not whole', () => {
    const { errors } = surveyRun(withGroups, ['Mã đơn vị,Mã tiêu chí,Nhóm,A,B', 'X,1.1,Doanh nghiệp,1,1', 'Y,1.1,Lãnh đạo,"2,5",1']);
    expect(errors.map((e) => [e.code, e.location?.line, e.location?.column])).toEqual([
      ['survey-group-unknown', 2, 4],
      ['survey-group-unknown', 2, 5],
      ['survey-count-invalid', 3, 4],
    ]);
  });
});
