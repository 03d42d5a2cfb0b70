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
import { ROOT, run } from './helpers.js';

const ROUND = path.join(ROOT, 'test', 'fixtures', 'annex', 'round');
let json: ResultsJson;

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
  json = JSON.parse(r.stdout) as ResultsJson;
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
