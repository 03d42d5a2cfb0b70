// The report at the documented limit of 20,000 units, in a 2 GB heap (issue #16): a generated
// round with a tiny criteria set (2 areas × 2 leaves) keeps the test fast; bench/report.mjs
// measures the full set. The report is streamed, so its memory does not grow with the round;
// above LibreOffice's 10,000 sheets it leaves out the per-unit sheets, and says so.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, run, tempFolders } from './helpers.js';
import { makeNationalRound } from './national.js';

const CRITERIA = path.join(ROOT, 'test', 'fixtures', 'national-tiny', 'criteria.yaml');
const UNITS = 20_000;
const temp = tempFolders('report-national');
let dir: string;

/** The built CLI in a child process whose heap is capped at 2 GB, as in the issue. */
function parscore2gb(args: string[]): { code: number; stderr: string } {
  // stdout (rank's table of 20,000 rows, over spawnSync's 1 MB buffer, which would kill the child) is not needed.
  const r = spawnSync(process.execPath, ['--max-old-space-size=2048', BIN, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 16 << 20,
  });
  return { code: r.status ?? -1, stderr: r.stderr };
}

const roundArgs = ['--criteria', CRITERIA, '--units', 'units.yaml', '--evidence', 'evidence.csv', '--survey', 'survey.csv'];

async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const result = (v: ExcelJS.CellValue): unknown => (v && typeof v === 'object' && 'result' in v ? v.result : v);

beforeAll(() => {
  dir = temp('round');
  makeNationalRound(dir, UNITS, path.relative(path.join(ROOT, 'criteria'), CRITERIA));
});

describe('report of 20,000 units in a 2 GB heap', () => {
  it('from the round and from results.json: complete, without the per-unit sheets, with a warning; the files open', async () => {
    const fromRound = parscore2gb(['report', ...roundArgs, '-o', 'round.xlsx']);
    if (fromRound.code !== 0) console.error(fromRound.stderr);
    expect(fromRound.code).toBe(0);
    expect(fromRound.stderr).toContain('report-unit-sheets-omitted');
    expect(fromRound.stderr).toContain('20000 đơn vị, nhiều hơn 9993 trang đơn vị mà LibreOffice mở được');
    const ranked = parscore2gb(['rank', ...roundArgs, '-o', 'results.json']);
    expect(ranked.code, ranked.stderr).toBe(0);
    const fromJson = parscore2gb(['report', 'results.json', '-o', 'json.xlsx', '--lang', 'en']);
    expect(fromJson.code, fromJson.stderr).toBe(0);
    expect(fromJson.stderr).toContain('The report has no sheet for each unit: 20000 units');
    // Nothing but the inputs and the outputs: no temporary file left behind.
    expect(readdirSync(dir).sort()).toEqual(['evidence.csv', 'json.xlsx', 'results.json', 'round.xlsx', 'survey.csv', 'units.yaml']);

    const wb = await readBook(path.join(dir, 'round.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Xếp hạng', 'Theo lĩnh vực', 'Điều chỉnh', 'Phân tích', 'Theo đơn vị', 'Tiêu chí', 'Nguồn dữ liệu']);
    const ranking = wb.getWorksheet('Xếp hạng')!;
    // The table starts on row 12 (header on 11): one row per unit, the last on 12 + 19,999.
    expect(ranking.getCell(12 + UNITS - 1, 1).value).toBe(UNITS);
    expect(ranking.getCell(12 + UNITS, 1).value).toBeNull();
    // U1 (the generator's unit 1, entries i = 1 + j for its j-th leaf, no council scores):
    //   1.1 options[1 % 3] = Chậm → 1;  1.2 (50 + 2) % = 52 % → band 50–90 → 1;
    //   2.2 manual: floor((3 % 5) / 4 × 3 / 0.25) × 0.25 = floor(9) × 0.25 = 2.25;
    //   2.1 survey: 3 × (50 + 13 % 51) / 100 = 3 × 63 / 100 = 1.89.
    //   Self total 1 + 1 + 2.25 = 4.25; with the survey 4.25 + 1.89 = 6.14 of 10 → index 61.40.
    let u1 = 0;
    ranking.eachRow((row, r) => {
      // Not appraised: ranked on self scores for now, "(tạm)" after the name.
      if (/^Đơn vị số 1( |$)/.test(String(row.getCell(2).value))) u1 = r;
    });
    expect(u1).toBeGreaterThan(11);
    expect(ranking.getCell(u1, 3).value).toBe(4.25);
    expect(ranking.getCell(u1, 5).value).toBe(1.89);
    expect(result(ranking.getCell(u1, 8).value)).toBe(6.14);
    expect(ranking.getCell(u1, 10).value).toBe(61.4);
    const sources = wb.getWorksheet('Nguồn dữ liệu')!;
    const said: string[] = [];
    sources.eachRow((row) => said.push(`${String(row.getCell(1).value)}: ${String(row.getCell(2).value)}`));
    expect(said).toContain('Trang từng đơn vị: không lập: 20.000 đơn vị, quá số trang LibreOffice mở được; xem từng đơn vị bằng lệnh parscore rank --unit <mã>');

    const en = await readBook(path.join(dir, 'json.xlsx'));
    expect(en.worksheets.map((w) => w.name)).toEqual(['Ranking', 'By area', 'Adjustments', 'Analysis', 'By unit', 'Criteria', 'Sources']);
    const enRanking = en.getWorksheet('Ranking')!;
    expect(String(enRanking.getCell(u1, 2).value)).toMatch(/^Đơn vị số 1( |$)/);
    expect(result(enRanking.getCell(u1, 8).value)).toBe(6.14);
  }, 240_000);

  it('--unit-sheets all with --pdf is refused before anything is written: LibreOffice cannot open 20,000 sheets', async () => {
    const r = await run(['report', 'results.json', '-o', 'all.xlsx', '--unit-sheets', 'all', '--pdf'], { cwd: dir });
    if (r.code !== 2) console.error(r.stderr);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--pdf với --unit-sheets all: 20000 đơn vị là 20000 trang riêng');
    expect(readdirSync(dir).filter((f) => f.startsWith('all') || f.startsWith('.parscore'))).toEqual([]);
  }, 60_000);
});

describe('--unit-sheets on a small round', () => {
  const ROUND = path.join(ROOT, 'test', 'fixtures', 'annex', 'round');
  it('none: no sheet per unit, and the sources sheet says why; auto and all: one per unit', async () => {
    const out = temp('small');
    expect((await run(['report', ROUND, '-o', 'none.xlsx', '--unit-sheets', 'none'], { cwd: out })).code).toBe(0);
    expect((await run(['report', ROUND, '-o', 'all.xlsx', '--unit-sheets', 'all'], { cwd: out })).code).toBe(0);
    const none = await readBook(path.join(out, 'none.xlsx'));
    expect(none.worksheets.map((w) => w.name)).toEqual(['Xếp hạng', 'Theo lĩnh vực', 'Điều chỉnh', 'Phân tích', 'Theo đơn vị', 'Tiêu chí', 'Nguồn dữ liệu']);
    const said: string[] = [];
    none.getWorksheet('Nguồn dữ liệu')!.eachRow((row) => said.push(`${String(row.getCell(1).value)}: ${String(row.getCell(2).value)}`));
    expect(said).toContain('Trang từng đơn vị: không lập (--unit-sheets none); xem từng đơn vị bằng lệnh parscore rank --unit <mã>');
    // The round has two units, A and B: each has its sheet, between the area sheet and the adjustments.
    const all = await readBook(path.join(out, 'all.xlsx'));
    expect(all.worksheets.map((w) => w.name)).toEqual(['Xếp hạng', 'Theo lĩnh vực', 'A', 'B', 'Điều chỉnh', 'Phân tích', 'Theo đơn vị', 'Tiêu chí', 'Nguồn dữ liệu']);
  }, 60_000);
});
