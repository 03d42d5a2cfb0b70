// The department's form as parscore writes it and as it comes back: valid
// workbook XML, print layout, live points computed by the spreadsheet
// itself, and numbers read as the spreadsheet shows them.
// Expected values are worked out by hand from test/fixtures/evidence/criteria.yaml:
//   1.1 options Kịp thời 1 / Chậm 0.5 / Không 0      (max 1)
//   1.2 bands (percent) ≥90 → 2, [50, 90) → 1, <50 → 0 (max 2)
//   1.3 proportional, max 2, precision 2
//   1.4 manual, step 0.25 (max 1); 2.1 survey (max 2); 2.2 manual (max 2)
//   TH bonus cap 1 (TH.1 manual step 0.5, max 1); TR penalty cap 1 (TR.1 manual, max 2)
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCriteria, type CriteriaSet } from '../src/criteria/index.js';
import { buildMultiUnitTemplate, buildUnitTemplate, COLUMNS, HEADER_ROW, TEMPLATE_SHEET, templateFileName } from '../src/evidence/template.js';
import { readZipText } from '../src/io/xlsx-guard.js';
import { rowHeightFor, type WrappedCell } from '../src/io/sheet-layout.js';
import { loadRound } from '../src/round/load-round.js';
import { scoreRound } from '../src/scoring/engine.js';
import { loadUnits, type UnitList } from '../src/units/index.js';
import { ROOT, run } from './helpers.js';
import { libreOfficeConvert } from './libreoffice.js';

const fixtures = path.join(import.meta.dirname, 'fixtures', 'evidence');
const criteriaFile = path.join(fixtures, 'criteria.yaml');
const unitsFile = path.join(fixtures, 'units.yaml');
const surveyFile = path.join(fixtures, 'valid', 'survey.csv');

let set: CriteriaSet;
let units: UnitList;
let work: string;

beforeAll(() => {
  set = loadCriteria('criteria.yaml', readFileSync(criteriaFile, 'utf8')).set!;
  units = loadUnits('units.yaml', readFileSync(unitsFile, 'utf8'), set).units!;
  work = mkdtempSync(path.join(tmpdir(), 'parscore-forms-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A1-style range "G9:G10" or "G10" → [c1, r1, c2, r2]. */
function rangeBox(ref: string): [number, number, number, number] {
  const col = (s: string): number => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const [a, b = a] = ref.replace(/\$/g, '').split(':') as [string, string?];
  const p = (x: string): [number, number] => {
    const m = /^([A-Z]+)(\d+)$/.exec(x)!;
    return [col(m[1]!), Number(m[2])];
  };
  const [c1, r1] = p(a);
  const [c2, r2] = p(b!);
  return [c1, r1, c2, r2];
}

/** Every pair of data-validation ranges on one sheet that share a cell, as "sheet: A ∩ B". */
function overlappingValidations(bytes: Uint8Array): string[] {
  const found: string[] = [];
  for (let i = 1; ; i++) {
    const xml = readZipText(bytes, `xl/worksheets/sheet${i}.xml`, 64 << 20);
    if (xml === undefined) break;
    const refs = [...xml.matchAll(/<dataValidation\b[^>]*\bsqref="([^"]+)"/g)].flatMap((m) => m[1]!.split(/\s+/));
    const boxes = refs.map(rangeBox);
    for (let x = 0; x < boxes.length; x++)
      for (let y = x + 1; y < boxes.length; y++) {
        const [a, b] = [boxes[x]!, boxes[y]!];
        if (a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]) found.push(`sheet${i}: ${refs[x]} ∩ ${refs[y]}`);
      }
  }
  return found;
}

describe('workbooks parscore writes', () => {
  it('no two data validations share a cell, in any form or the report', async () => {
    const written: [string, Uint8Array][] = [];
    for (const file of ['so-nganh-mau.yaml', 'tinh-2017.yaml']) {
      const big = loadCriteria(file, readFileSync(path.join(ROOT, 'criteria', file), 'utf8')).set!;
      const list = loadUnits('units.yaml', 'units:\n  - { code: SNV, name: Sở Nội vụ }\n  - { code: SYT, name: Sở Y tế }\n', big).units!;
      for (const lang of ['vi', 'en'] as const) {
        written.push([`${file} ${lang}`, new Uint8Array(await buildUnitTemplate(big, list.units[0]!, lang).xlsx.writeBuffer())]);
        written.push([`${file} ${lang} --single`, new Uint8Array(await buildMultiUnitTemplate(big, list.units, lang).xlsx.writeBuffer())]);
      }
    }
    const reportFile = path.join(work, 'bao-cao.xlsx');
    const r = await run(['report', path.join(ROOT, 'samples', '2021'), '-o', reportFile]);
    expect(r.code).toBe(0);
    written.push(['report', new Uint8Array(readFileSync(reportFile))]);
    // The check itself must see an overlap when there is one.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    // exceljs's typings omit the sheet-level collection it writes from.
    const validations = (ws as unknown as { dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    validations.add('B2:B5', { type: 'whole', allowBlank: true, formulae: [0] });
    validations.add('B4', { type: 'whole', allowBlank: true, formulae: [1] });
    expect(overlappingValidations(new Uint8Array(await wb.xlsx.writeBuffer()))).toEqual(['sheet1: B2:B5 ∩ B4']);
    for (const [name, bytes] of written) expect(overlappingValidations(bytes), name).toEqual([]);
  });

  it('rows are as tall as the wrapped text they hold; A4 at 100 %, text of 10 pt or more', async () => {
    const big = loadCriteria('so-nganh-mau.yaml', readFileSync(path.join(ROOT, 'criteria', 'so-nganh-mau.yaml'), 'utf8')).set!;
    const list = loadUnits('units.yaml', 'units:\n  - { code: SNV, name: Sở Nội vụ }\n', big).units!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildUnitTemplate(big, list.units[0]!, 'vi').xlsx.writeBuffer()) as ArrayBuffer);
    let checked = 0;
    for (const ws of wb.worksheets.filter((w) => w.state !== 'veryHidden')) {
      expect(ws.pageSetup.fitToPage, ws.name).toBeFalsy();
      expect(ws.pageSetup.scale ?? 100, ws.name).toBe(100);
      expect(ws.pageSetup.paperSize, ws.name).toBe(9);
      ws.eachRow((row, n) => {
        const wrapped: WrappedCell[] = [];
        row.eachCell((cell, c) => {
          expect(cell.font?.size ?? 11, `${ws.name}!${cell.address}`).toBeGreaterThanOrEqual(10);
          if (cell.alignment?.wrapText && typeof cell.value === 'string') wrapped.push({ text: cell.value, width: ws.getColumn(c).width ?? 9, fontSizePt: cell.font?.size ?? 11 });
        });
        if (wrapped.length === 0) return;
        checked++;
        expect(row.height, `${ws.name} row ${n}`).toBeGreaterThanOrEqual(rowHeightFor(wrapped));
      });
      // The columns fit an A4 page's width at 100 %: at most 147 (landscape) or 103 (portrait) width units.
      const visible = (ws.columns ?? []).filter((c) => !c.hidden).reduce((s, c) => s + (c.width ?? 9), 0);
      expect(visible, ws.name).toBeLessThanOrEqual(ws.pageSetup.orientation === 'landscape' ? 147 : 103);
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('the department form: council columns locked, measure cells are Text, not-applicable reason shown', async () => {
    const b = units.units.find((u) => u.code === 'B')!;
    const ws = buildUnitTemplate(set, b, 'vi').getWorksheet(TEMPLATE_SHEET.vi)!;
    const rowOf = (code: string): ExcelJS.Row => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((row) => {
        if (row.getCell(COLUMNS.code).value === code) found = row;
      });
      return found!;
    };
    for (const code of ['1.1', '1.2', '1.3', '1.4']) {
      for (const c of [COLUMNS.appraised, COLUMNS.reason]) expect(rowOf(code).getCell(c).protection?.locked, code).toBe(true);
    }
    expect(rowOf('1.2').getCell(COLUMNS.measure).numFmt).toBe('@');
    expect(rowOf('1.2').getCell(COLUMNS.measure).protection?.locked).toBe(false);
    expect(rowOf('1.4').getCell(COLUMNS.self).protection?.locked).toBe(false); // manual: typed
    expect(rowOf('1.1').getCell(COLUMNS.self).protection?.locked).toBe(true); // computed
    expect(String(rowOf('2.2').getCell(COLUMNS.rule).value)).toMatch(/^Không áp dụng: skipFor: khong-tthc\n/);
  });
});
