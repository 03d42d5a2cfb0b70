// A hostile or oversized survey file: the round holds what it scores, not the whole file (issue 12, item 8).
import { describe, expect, it } from 'vitest';

describe('a survey file larger than the round', () => {
  it('holds only the round’s units and criteria, and one cell of each unknown unit or criterion (to report it once)', async () => {
    const { surveyFromGrids } = await import('../src/evidence/survey.js');
    // Header: unit, the round's survey criterion 8.1.1, then 50 criteria the round does not have.
    const header = ['Mã đơn vị', '8.1.1', ...Array.from({ length: 50 }, (_, i) => `9.1.${i + 1}`)];
    const units = ['A', 'B', ...Array.from({ length: 1000 }, (_, i) => `U${i + 1}`)];
    const grid = {
      file: 'survey.xlsx',
      sheet: 'S',
      rowCount: units.length + 1,
      columnCount: header.length,
      value: (r: number, c: number): unknown => (r === 1 ? header[c - 1] : c === 1 ? units[r - 2] : 1),
    };
    const keep = { unit: (u: string) => u === 'A' || u === 'B', criterion: (c: string) => c === '8.1.1' };
    const { survey } = surveyFromGrids([grid], 'survey.xlsx', keep);
    // A and B on 8.1.1: 2 cells; the 50 unknown criteria once each (on A's row): 50; each of the
    // 1,000 unknown units once: 1,000. In all 1,052 of the file's 1,002 × 51 = 51,102 cells.
    expect(survey).toHaveLength(1052);
    expect(new Set(survey.filter((c) => c.unit.startsWith('U')).map((c) => c.unit)).size).toBe(1000);
    expect(new Set(survey.filter((c) => c.criterion.startsWith('9.')).map((c) => c.criterion)).size).toBe(50);
    // Without a filter (a survey read on its own), every cell is kept.
    expect(surveyFromGrids([grid], 'survey.xlsx').survey).toHaveLength(51_102);
  });
});
