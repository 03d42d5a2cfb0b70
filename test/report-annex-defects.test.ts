// Defects a clerk found in the printed annex (samples/2021 through LibreOffice), each with the
// check that keeps it fixed. The round is test/fixtures/annex/round (two units, worked out by hand
// in annex.test.ts).
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildResultsModel } from '../src/report/model.js';
import { writeReport } from '../src/report/xlsx.js';
import type { ResultsJson } from '../src/results/results-json.js';
import { ROOT, run, tempFolders } from './helpers.js';
import { resultsFromText } from './results-text.js';

const ROUND = path.join(ROOT, 'test', 'fixtures', 'annex', 'round');
let json: ResultsJson;
const temp = tempFolders('annex-defects');

async function report(results: ResultsJson, lang: 'vi' | 'en' = 'vi'): Promise<ExcelJS.Workbook> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeReport(buildResultsModel(results), { lang, generatedAt: new Date(0), toolVersion: 't', source: 's', unitSheets: 'auto' }, out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return wb;
}

beforeAll(async () => {
  const r = await run(['rank', ROUND, '--json']);
  expect(r.code).toBe(0);
  json = await resultsFromText(r.stdout);
});

describe('the facts of each unit', () => {
  it('have their own sheet, whose repeated print header is their own (it printed under the points-lost table header)', async () => {
    const wb = await report(json);
    const names = wb.worksheets.map((w) => w.name);
    expect(names.slice(names.indexOf('Phân tích'))).toEqual(['Phân tích', 'Theo đơn vị', 'Tiêu chí', 'Nguồn dữ liệu']);
    const facts = wb.getWorksheet('Theo đơn vị')!;
    expect(facts.getCell('A1').value).toBe('KẾT QUẢ THEO ĐƠN VỊ');
    expect(facts.pageSetup.printTitlesRow).toBe('3:3');
    expect(facts.getCell('A3').value).toBe('Mã đơn vị');
    expect(facts.getCell('F3').value).toBe('Lĩnh vực thấp nhất');
    // The analysis sheet keeps only its own table: its repeated row 3 heads every one of its pages.
    const analysis = wb.getWorksheet('Phân tích')!;
    expect(analysis.getCell('A3').value).toBe('Mã');
    let titles = 0;
    analysis.eachRow((row) => {
      if (row.getCell(1).value === 'KẾT QUẢ THEO ĐƠN VỊ') titles++;
    });
    expect(titles).toBe(0);
  });

  it('name no weakest area for a unit at full marks in every area (there is none), and the weakest one otherwise', async () => {
    // Sở Beta (B): area 2 does not apply (khong-tthc); area 1 at 4/6 = 66.67 %: the weakest area is area 1.
    // Sở Alpha (A), made to score full marks: both its areas at 100 %; the engine still names one.
    const full: ResultsJson = {
      ...json,
      units: json.units.map((u) => (u.code === 'A' ? { ...u, areas: u.areas.map((a) => ({ ...a, index: 100 })), facts: { ...u.facts, weakestArea: '1' } } : u)),
    };
    for (const [lang, sheet, none] of [
      ['vi', 'Theo đơn vị', 'Không có (mọi lĩnh vực đạt tối đa)'],
      ['en', 'By unit', 'None (every area at full marks)'],
    ] as const) {
      const ws = (await report(full, lang)).getWorksheet(sheet)!;
      const byCode = new Map<string, ExcelJS.Row>();
      ws.eachRow((row, r) => {
        if (r > 3) byCode.set(String(row.getCell(1).value), row);
      });
      expect(byCode.get('A')!.getCell(6).value).toBe(none);
      expect(byCode.get('B')!.getCell(6).value).toBe('1. Lĩnh vực một');
    }
  });
});

describe('numbers', () => {
  it('of a Vietnamese report are in Vietnamese, so LibreOffice prints the decimal comma of the text beside them (it printed 50.417 beside −0,744)', async () => {
    // Points with the set's precision (2 decimals), in Vietnamese ([$-42A], locale id 0x042A); the English report has no locale.
    const vi = (await report(json)).getWorksheet('Phân tích')!;
    const en = (await report(json, 'en')).getWorksheet('Analysis')!;
    expect(vi.getCell('F4').numFmt).toBe('[$-42A]0.00');
    expect(en.getCell('F4').numFmt).toBe('0.00');
    expect(typeof vi.getCell('F4').value).toBe('number');
  });
});

describe('a unit sheet', () => {
  it("a unit's note does not make its row taller than the rows around it (every 6th row of the samples was)", async () => {
    const dir = temp('samples');
    const r = await run(['report', 'samples/2021', '-o', path.join(dir, 'r.xlsx')]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'r.xlsx'));
    const ws = wb.getWorksheet('STP')!;
    const rows = new Map<string, ExcelJS.Row>();
    ws.eachRow((row) => rows.set(String(row.getCell(1).value), row));
    // 1.1.1 has the note "Đơn vị đã triển khai; văn bản đang lưu tại bộ phận văn thư" (57 characters) and a
    // short option; 1.1.2 has the evidence "TB số 102/CV-STP ngày 23/08/2021" (32 characters) in 18 wide.
    // At 11 pt a character is taken as 0.5 em = 7.33 px, a width unit as 9 px less 5 of padding:
    //   note column 25 wide: (25 × 9 − 5) / 7.33 = 30 characters a line → 2 lines (it was 13 wide: 15 a line, 4 lines);
    //   evidence 18 wide: (18 × 9 − 5) / 7.33 = 21 a line → 2 lines.
    // Two lines: 2 × 11 pt × 1.2 + 4 pt padding = 30.4 → 31 pt, for both rows.
    expect(String(rows.get('1.1.1')!.getCell(11).value)).toBe('Đơn vị đã triển khai; văn bản đang lưu tại bộ phận văn thư');
    expect(rows.get('1.1.1')!.height).toBe(31);
    expect(rows.get('1.1.2')!.height).toBe(31);
  }, 60_000);
});
