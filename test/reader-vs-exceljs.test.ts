// Property: parscore's reader and exceljs (kept as a devDependency use here)
// read the same value at every cell, as parscore understands values
// (readCell), on every committed sample workbook, on generated templates, and
// on generated tables. Cells covered by a merge are left out: exceljs copies
// the top-left value into them, parscore reads what the file holds (nothing).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCriteria } from '../src/criteria/index.js';
import { readCell } from '../src/evidence/cells.js';
import { workbookGrids } from '../src/evidence/grids.js';
import { buildMultiUnitTemplate, buildUnitTemplate } from '../src/evidence/template.js';
import { loadUnits } from '../src/units/index.js';
import { ROOT } from './helpers.js';

/** "Sheet!E14 = content" for every cell either reader sees a value in. */
async function bothReads(bytes: Buffer): Promise<{ ours: Map<string, unknown>; theirs: Map<string, unknown> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const theirs = new Map<string, unknown>();
  const covered = new Set<string>();
  for (const ws of wb.worksheets) {
    if (ws.state !== 'visible' && ws.state !== undefined) continue;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.isMerged && cell.master !== cell) covered.add(`${ws.name}!${r},${c}`);
        const content = readCell(cell.value);
        if (content.kind !== 'empty') theirs.set(`${ws.name}!${r},${c}`, content);
      });
    });
  }
  const { grids, diagnostics } = await workbookGrids(bytes, 'x.xlsx');
  expect(diagnostics).toEqual([]);
  const ours = new Map<string, unknown>();
  for (const g of grids) {
    for (let r = 1; r <= g.rowCount; r++) {
      for (let c = 1; c <= g.columnCount; c++) {
        const content = readCell(g.value(r, c));
        if (content.kind !== 'empty') ours.set(`${g.sheet}!${r},${c}`, content);
      }
    }
  }
  for (const k of covered) theirs.delete(k);
  return { ours, theirs };
}

const sorted = (m: Map<string, unknown>): [string, unknown][] => [...m].sort(([a], [b]) => a.localeCompare(b));

describe('parscore reads what exceljs reads', () => {
  it('every sample workbook', async () => {
    const folder = path.join(ROOT, 'samples', '2021', 'evidence');
    const files = readdirSync(folder).filter((f) => f.endsWith('.xlsx'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const { ours, theirs } = await bothReads(readFileSync(path.join(folder, f)));
      expect(theirs.size, f).toBeGreaterThan(50);
      expect(sorted(ours), f).toEqual(sorted(theirs));
    }
  });

  it('the templates parscore writes, per unit and multi-unit', async () => {
    const fixtures = path.join(ROOT, 'test', 'fixtures', 'evidence');
    const set = loadCriteria('criteria.yaml', readFileSync(path.join(fixtures, 'criteria.yaml'), 'utf8')).set!;
    const units = loadUnits('units.yaml', readFileSync(path.join(fixtures, 'units.yaml'), 'utf8'), set).units!;
    for (const wb of [buildUnitTemplate(set, units.units[0]!, 'vi'), buildUnitTemplate(set, units.units[1]!, 'en'), buildMultiUnitTemplate(set, units.units, 'vi')]) {
      const bytes = Buffer.from(await wb.xlsx.writeBuffer());
      const { ours, theirs } = await bothReads(bytes);
      expect(sorted(ours)).toEqual(sorted(theirs));
    }
  });

  it('generated tables: numbers, text, booleans, formulas with results, rich text, percent and date formats', async () => {
    const value = fc.oneof(
      fc.constant(null),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
      fc.integer({ min: -1000, max: 1000 }),
      fc.string({ maxLength: 20 }),
      fc.boolean(),
      // Plain objects: exceljs calls hasOwnProperty on them.
      // (A saved result of 0 is left out: exceljs reads <v>0</v> back as no result; parscore reads 0.)
      fc.integer({ min: 1, max: 9 }).map((result) => ({ formula: '1+1', result })),
      fc.array(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }).map((texts) => ({ richText: texts.map((text) => ({ text })) })),
    );
    const formats = fc.constantFrom(undefined, '0%', '0.00%', 'dd/mm/yyyy', '@', '0.00');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.tuple(value, formats), { maxLength: 8 }), { maxLength: 12 }), async (rows) => {
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('Bảng');
        rows.forEach((cells, r) =>
          cells.forEach(([v, fmt], c) => {
            const cell = ws.getCell(r + 1, c + 1);
            // Dates must be whole days to survive the round trip through a serial number in both readers.
            cell.value = fmt === 'dd/mm/yyyy' && typeof v === 'number' ? new Date(Date.UTC(2025, 0, 1 + (Math.abs(Math.round(v)) % 3650))) : (v as ExcelJS.CellValue);
            if (fmt) cell.numFmt = fmt;
          }),
        );
        const { ours, theirs } = await bothReads(Buffer.from(await wb.xlsx.writeBuffer()));
        expect(sorted(ours)).toEqual(sorted(theirs));
      }),
      { numRuns: 60 },
    );
  });
});
