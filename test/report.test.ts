// The Excel report of the sample round, checked for real: LibreOffice
// recalculates it and converts it to PDF; read back, it holds the numbers
// of `rank --json`, and its ranking sheet matches the terminal table.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readZipText } from '../src/io/xlsx-guard.js';
import { REPORT_SHEETS } from '../src/report/xlsx.js';
import type { ResultsJson } from '../src/results/results-json.js';
import { ROOT, run } from './helpers.js';
import { resultsFromText } from './results-text.js';
import { libreOfficeConvert } from './libreoffice.js';

let work: string;
let reportFile: string;
let json: ResultsJson;
let report: ExcelJS.Workbook;
const S = REPORT_SHEETS.vi;

const num = (v: ExcelJS.CellValue): number | null => {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') return v.result;
  return null;
};

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'parscore-report-'));
  reportFile = path.join(work, 'bao-cao.xlsx');
  const r = await run(['report', path.join(ROOT, 'samples', '2021'), '-o', reportFile]);
  expect(r.code).toBe(0);
  json = await resultsFromText((await run(['rank', 'samples/2021', '--json'])).stdout);
  report = new ExcelJS.Workbook();
  await report.xlsx.readFile(reportFile);
});

describe('parscore report (samples/2021)', () => {
  it('has every sheet, named within Excel’s limits', () => {
    const names = report.worksheets.map((w) => w.name);
    expect(names.slice(0, 2)).toEqual([S.ranking, S.areas]);
    expect(names.slice(2, 22)).toEqual(json.units.map((u) => u.code));
    expect(names.slice(22)).toEqual([S.adjustments, S.analysis, S.facts, S.criteria, S.sources]);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('office conventions: Times New Roman, A4 landscape fit to width, repeated headers, frozen panes, autofilter', () => {
    for (const ws of report.worksheets) {
      expect(ws.pageSetup.orientation, ws.name).toBe('landscape');
      expect(ws.pageSetup.paperSize, ws.name).toBe(9);
      expect(ws.pageSetup.fitToWidth, ws.name).toBe(1);
      expect(ws.pageSetup.printTitlesRow, ws.name).toMatch(/^\d+:\d+$/);
      expect(ws.headerFooter.oddFooter, ws.name).toContain('Trang &P/&N');
      expect(ws.views[0]?.state, ws.name).toBe('frozen');
      expect(ws.autoFilter, ws.name).toBeTruthy();
      ws.eachRow((row) => row.eachCell((cell) => expect(cell.font?.name, `${ws.name}!${cell.address}`).toBe('Times New Roman')));
    }
  });

  it('Xếp hạng matches the terminal ranking line by line', async () => {
    const table = (await run(['rank', 'samples/2021'])).stdout;
    const terminal = table
      .split('\n')
      .filter((l) => /^│\s+\d+ │/.test(l))
      .map((l) =>
        l
          .split('│')
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    const ws = report.getWorksheet(S.ranking)!;
    expect(ws.getCell('A7').value).toBe('KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2021 CỦA CÁC SỞ, BAN, NGÀNH');
    const vi = (n: number, decimals?: number): string => (decimals === undefined ? String(n) : n.toFixed(decimals)).replace('.', ',');
    const sheet: string[][] = [];
    for (let r = 12; r < 12 + 20; r++) {
      const row = ws.getRow(r);
      sheet.push([
        String(row.getCell(11).value),
        String(row.getCell(2).value),
        vi(num(row.getCell(8).value)!),
        vi(num(row.getCell(9).value)!),
        vi(num(row.getCell(10).value)!, 2),
        String(row.getCell(12).value),
        String(row.getCell(13).value),
      ]);
    }
    expect(sheet).toEqual(terminal);
  });

  it('read back, it gives the numbers of rank --json for every unit, area and leaf', () => {
    const ranking = report.getWorksheet(S.ranking)!;
    const areas = report.getWorksheet(S.areas)!;
    json.units.forEach((u, i) => {
      expect(ranking.getRow(12 + i).getCell(2).value).toBe(u.name);
      expect([8, 9, 10, 11].map((c) => num(ranking.getRow(12 + i).getCell(c).value))).toEqual([u.points, u.max, u.index, u.rank]);
      const arow = areas.getRow(5 + i);
      u.areas.forEach((a, k) => {
        const c = 3 + k * 3;
        if (a.points === null) expect(arow.getCell(c).value).toBe('Không áp dụng');
        else expect([num(arow.getCell(c).value), num(arow.getCell(c + 1).value), num(arow.getCell(c + 2).value)]).toEqual([a.points, a.index, a.rank]);
      });
      const sheet = report.getWorksheet(u.code)!;
      const byCode = new Map<string, ExcelJS.Row>();
      sheet.eachRow((row, n) => {
        if (n > 3 && typeof row.getCell(1).value === 'string') byCode.set(row.getCell(1).value as string, row);
      });
      for (const l of u.leaves) {
        const row = byCode.get(l.code)!;
        if (!l.applicable) {
          expect(row.getCell(3).value).toBe('Không áp dụng');
          continue;
        }
        expect(num(row.getCell(7).value), `${u.code} ${l.code}`).toBe(l.points);
      }
      for (const a of u.areas) if (a.points !== null) expect(num(byCode.get(a.code)!.getCell(7).value), `${u.code} area ${a.code}`).toBeCloseTo(a.points, 9);
    });
  });

  it('Điều chỉnh lists every appraisal change, and flags those without a reason', () => {
    const ws = report.getWorksheet(S.adjustments)!;
    const listed: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 3) listed.push(`${row.getCell(2).value} ${row.getCell(4).value} ${row.getCell(10).value ?? ''}`.trim());
    });
    const expected = json.units.flatMap((u) =>
      u.leaves.filter((l) => l.applicable && l.appraised !== null && l.self !== null && l.appraised !== l.self).map((l) => `${u.code} ${l.code} ${l.reason === '' ? 'Chưa ghi lý do' : ''}`.trim()),
    );
    expect(listed).toEqual(expected);
    expect(listed.some((l) => l.endsWith('Chưa ghi lý do'))).toBe(true);
  });

  it('LibreOffice recalculates every formula to the value parscore wrote', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'parscore-recalc-'));
    const recalculated = libreOfficeConvert(reportFile, 'xlsx', out);
    return (async () => {
      const lo = new ExcelJS.Workbook();
      await lo.xlsx.readFile(recalculated);
      let formulas = 0;
      for (const ws of report.worksheets) {
        const other = lo.getWorksheet(ws.name)!;
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            const v = cell.value;
            if (!v || typeof v !== 'object' || !('formula' in v)) return;
            formulas++;
            // exceljs reads a saved result of 0 back as no result; the raw XML check below
            // shows every formula was saved with its value, so a missing one here is 0.
            const mine = (v.result as number | undefined) ?? 0;
            const other_ = other.getCell(cell.address).value;
            expect(other_ && typeof other_ === 'object' && 'formula' in other_, `${ws.name}!${cell.address} is still a formula`).toBe(true);
            const theirs = num(other_) ?? 0;
            expect(Math.abs(theirs! - mine), `${ws.name}!${cell.address} ${v.formula}: ${theirs} ≠ ${mine}`).toBeLessThan(1e-9);
          }),
        );
      }
      expect(formulas).toBeGreaterThan(20 * 40);
    })();
  });

  it('every formula is saved with its value (so any program shows numbers before recalculating)', () => {
    const bytes = readFileSync(reportFile);
    let total = 0;
    for (let i = 1; i <= report.worksheets.length; i++) {
      const xml = readZipText(bytes, `xl/worksheets/sheet${i}.xml`, 64 << 20);
      expect(xml, `sheet${i}.xml`).toBeDefined();
      const formulas = xml!.match(/<f>[^<]*<\/f>/g) ?? [];
      const withValue = xml!.match(/<f>[^<]*<\/f><v>[^<]+<\/v>/g) ?? [];
      expect(withValue.length, `sheet${i}.xml`).toBe(formulas.length);
      total += formulas.length;
    }
    expect(total).toBeGreaterThan(20 * 40);
  });

  it('a final report has no "not final" mark at the top of its pages', () => {
    for (const ws of report.worksheets) expect(ws.headerFooter.oddHeader ?? '', ws.name).toBe('');
  });

  it('converts to PDF with every page A4 landscape', () => {
    const pdf = libreOfficeConvert(reportFile, 'pdf');
    const text = readFileSync(pdf).toString('latin1');
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.\s]+)\]/g)].map((m) => m[1]!.trim().split(/\s+/).map(Number));
    const pages = [...text.matchAll(/\/Type\s*\/Page[^s]/g)].length;
    expect(pages).toBeGreaterThanOrEqual(report.worksheets.length);
    expect(boxes.length).toBeGreaterThanOrEqual(pages);
    for (const [, , w, h] of boxes) {
      expect(w).toBeCloseTo(841.89, 1); // A4 long side, in points
      expect(h).toBeCloseTo(595.3, 1);
    }
    // The annex is paged by hand: its signature prints on the page of the table's last two rows, not on a page of its own.
    const pageText = (p: number): string => spawnSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    const signed = [1, 2, 3].map(pageText).find((t) => t.includes('TM. ỦY BAN NHÂN DÂN'));
    expect(signed).toBeDefined();
    for (const u of json.units.slice(-2)) expect(signed, u.name).toContain(u.name);
  }, 300_000); // LibreOffice lays out some 160 pages; slow on a shared machine
});

describe('report safety', () => {
  it('writes from a saved results file as from the round', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parscore-report-json-'));
    const results = path.join(dir, 'results.json');
    expect((await run(['rank', path.join(ROOT, 'samples', '2021'), '-o', results])).code).toBe(0);
    const r = await run(['report', 'results.json', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Wrote par-index-report-2021.xlsx\n');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'par-index-report-2021.xlsx'));
    expect(wb.worksheets[0]!.name).toBe('Ranking');
    expect(num(wb.worksheets[0]!.getCell('J12').value)).toBe(json.units[0]!.index);
  });

  it('refuses to overwrite a file it did not write, or one of its inputs; replaces its own report', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parscore-report-safe-'));
    const results = path.join(dir, 'results.json');
    await run(['rank', path.join(ROOT, 'samples', '2021'), '-o', results]);
    const before = readFileSync(results);
    // A report is an .xlsx: -o results.json is refused before anything is read or written.
    const onJson = await run(['report', 'results.json', '-o', 'results.json'], { cwd: dir });
    expect(onJson.code).toBe(2);
    expect(onJson.stderr).toBe('Lệnh không đúng: "results.json" không có đuôi .xlsx: tệp ghi ra là .xlsx. Đặt tên tệp có đuôi .xlsx.\n');
    // An input workbook is never the output.
    const evidence = path.join(ROOT, 'samples', '2021', 'evidence', 'BDT - Ban Dân tộc.xlsx');
    const evidenceBefore = readFileSync(evidence);
    const onInput = await run(['report', path.join(ROOT, 'samples', '2021'), '-o', evidence, '--force'], { cwd: dir });
    expect(onInput.code).toBe(2);
    expect(onInput.stderr).toContain(`Không ghi vào "${evidence}": đó là một tệp đầu vào.`);
    expect(readFileSync(evidence)).toEqual(evidenceBefore);
    expect(readFileSync(results)).toEqual(before);

    writeFileSync(path.join(dir, 'ke-hoach.xlsx'), 'not ours');
    const foreign = await run(['report', 'results.json', '-o', 'ke-hoach.xlsx'], { cwd: dir });
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('Tệp "ke-hoach.xlsx" đã có. Dùng --force nếu muốn ghi đè.');
    expect(readFileSync(path.join(dir, 'ke-hoach.xlsx'), 'utf8')).toBe('not ours');

    // Its own report is replaced without --force: an English one first, then a Vietnamese one over it.
    const firstSheet = async (): Promise<string | undefined> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(dir, 'bc.xlsx'));
      return wb.worksheets[0]?.name;
    };
    expect((await run(['report', 'results.json', '-o', 'bc.xlsx', '--lang', 'en'], { cwd: dir })).code).toBe(0);
    expect(await firstSheet()).toBe(REPORT_SHEETS.en.ranking);
    expect((await run(['report', 'results.json', '-o', 'bc.xlsx'], { cwd: dir })).code).toBe(0);
    expect(await firstSheet()).toBe(S.ranking);
    expect((await run(['report', 'results.json', '-o', 'ke-hoach.xlsx', '--force'], { cwd: dir })).code).toBe(0);
    // Nothing but what was asked for: no temporary files left behind.
    expect(readdirSync(dir).sort()).toEqual(['bc.xlsx', 'ke-hoach.xlsx', 'results.json']);
  });

  it('a results file that is not parscore’s: exit 2, nothing written', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parscore-report-bad-'));
    writeFileSync(path.join(dir, 'ket-qua.json'), JSON.stringify({ units: [] }));
    const r = await run(['report', 'ket-qua.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Tệp kết quả không đúng cấu trúc kết quả parscore');
    expect(readdirSync(dir)).toEqual(['ket-qua.json']);
  });

  it('a missing output folder is created; the report lands whole', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parscore-report-dir-'));
    mkdirSync(path.join(dir, 'src'));
    copyFileSync(reportFile, path.join(dir, 'src', 'x.xlsx'));
    const results = path.join(dir, 'results.json');
    await run(['rank', path.join(ROOT, 'samples', '2021'), '-o', results]);
    const r = await run(['report', 'results.json', '-o', 'bao-cao/2021/ket-qua.xlsx'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, 'bao-cao', '2021', 'ket-qua.xlsx'))).toBe(true);
  });
});
