// The report as the annex to the People's Committee's decision, on a round
// small enough to work out by hand (test/fixtures/annex/round: the mini
// criteria set, two units). Every expected number below is computed in the
// comments from the evidence and survey files, not copied from parscore.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResultsModel } from '../src/report/model.js';
import { writeReport, type ReportOptions } from '../src/report/xlsx.js';
import { ROOT, run } from './helpers.js';
import { resultsFromText } from './results-text.js';
import { libreOfficeConvert } from './libreoffice.js';

const ROUND = path.join(ROOT, 'test', 'fixtures', 'annex', 'round');
let work: string;
let withAnnex: ExcelJS.Workbook;
let withoutAnnex: ExcelJS.Workbook;
let reportFile: string;

/** The report written by the streaming writer into memory, read back as a user's spreadsheet program would. */
async function buildReport(model: ReturnType<typeof buildResultsModel>, o: Omit<ReportOptions, 'unitSheets'>): Promise<ExcelJS.Workbook> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await writeReport(model, { ...o, unitSheets: 'auto' }, out);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return wb;
}

/** A cell's value; text of several lines, written as one run of rich text (sheet.ts, put), as its text. */
const value = (c: ExcelJS.Cell): ExcelJS.CellValue => {
  const v = c.value;
  return v && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : v;
};
const num = (v: ExcelJS.CellValue): number | null => {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') return v.result;
  return null;
};
const formula = (v: ExcelJS.CellValue): string | null => (v && typeof v === 'object' && 'formula' in v ? (v.formula ?? null) : null);

async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'parscore-annex-'));
  reportFile = path.join(work, 'phu-luc.xlsx');
  expect((await run(['report', ROUND, '-o', reportFile])).code).toBe(0);
  withAnnex = await readBook(reportFile);
  // The same round without parscore.yaml: no province, no annex keys.
  const bare = path.join(work, 'khong-phu-luc.xlsx');
  const files = ['--criteria', 'criteria.yaml', '--units', 'units.yaml', '--evidence', 'evidence.csv', '--survey', 'survey.csv'].map((a) => (a.startsWith('--') ? a : path.join(ROUND, a)));
  expect((await run(['report', ...files, '-o', bare], { cwd: work })).code).toBe(0);
  withoutAnnex = await readBook(bare);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the ranking sheet is the annex to the decision', () => {
  it('with the annex keys set: body, motto, place and date, PHỤ LỤC, decision reference, signature', () => {
    const ws = withAnnex.getWorksheet('Xếp hạng')!;
    // Line for line beside the national name and the motto (Nghị định 30/2020).
    expect(value(ws.getCell('A1'))).toBe('ỦY BAN NHÂN DÂN');
    expect(value(ws.getCell('A2'))).toBe('TỈNH MẪU');
    expect(value(ws.getCell('F1'))).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(value(ws.getCell('F2'))).toBe('Độc lập - Tự do - Hạnh phúc');
    // 2022-02-07: day below 10 and month 2 are written with a 0 (Nghị định 30/2020).
    expect(value(ws.getCell('F4'))).toBe('Thành Mẫu, ngày 07 tháng 02 năm 2022');
    expect(value(ws.getCell('A6'))).toBe('PHỤ LỤC');
    expect(value(ws.getCell('A7'))).toBe('KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2021 CỦA CÁC SỞ, BAN, NGÀNH');
    expect(value(ws.getCell('A8'))).toBe('(Kèm theo Quyết định số 123/QĐ-UBND ngày 07 tháng 02 năm 2022 của Ủy ban nhân dân tỉnh Mẫu)');
    expect(value(ws.getCell('A9'))).toBe('KẾT QUẢ TẠM THỜI: chưa thẩm định xong B. Không dùng để công bố.');
    // Two units on rows 12–13; the signature block two rows below, on the right.
    expect(value(ws.getCell('I15'))).toBe('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH');
    expect(value(ws.getCell('I19'))).toBe('Nguyễn Văn An');
    for (const a of ['A1', 'A2', 'F1', 'F2', 'A6', 'A7', 'I15', 'I19']) expect(ws.getCell(a).font?.bold, a).toBe(true);
    for (const a of ['F4', 'A8']) expect(ws.getCell(a).font?.italic, a).toBe(true);
  });

  it('not final (B is still being appraised): every sheet prints a red mark at the top of each page', () => {
    for (const ws of withAnnex.worksheets) expect(ws.headerFooter.oddHeader, ws.name).toBe('&C&"Times New Roman,Bold"&12&KC00000KẾT QUẢ TẠM THỜI — KHÔNG DÙNG ĐỂ CÔNG BỐ');
  });

  it('without them: placeholders to fill in by hand', () => {
    const ws = withoutAnnex.getWorksheet('Xếp hạng')!;
    expect(value(ws.getCell('A1'))).toBe('ỦY BAN NHÂN DÂN');
    expect(value(ws.getCell('A2'))).toBe('TỈNH …');
    expect(value(ws.getCell('F4'))).toBe('…, ngày … tháng … năm …');
    expect(value(ws.getCell('A8'))).toBe('(Kèm theo Quyết định số …/QĐ-UBND ngày … tháng … năm … của Ủy ban nhân dân tỉnh …)');
    expect(value(ws.getCell('I15'))).toBe('TM. ỦY BAN NHÂN DÂN');
    expect(value(ws.getCell('I19'))).toBe('(Ký, ghi rõ họ tên, đóng dấu)');
  });

  it('every number on the two ranking rows, worked out by hand; the total is a formula of the cells beside it', () => {
    const ws = withAnnex.getWorksheet('Xếp hạng')!;
    const row = (r: number): ExcelJS.CellValue[] => Array.from({ length: 13 }, (_, i) => ws.getRow(r).getCell(i + 1).value);
    // Sở Alpha (A), fully appraised:
    //   self (non-survey area leaves): 1.1 Kịp thời 1 + 1.2 95 % → 2 + 1.3 45/50 × 2 = 1.8 + 1.4 0.75 + 2.2 1.5 = 7.05
    //   appraised: 1 + 2 + 1.8 + 0.5 + 1 = 6.3;  survey 2.1: 1.6
    //   bonus TH.1 0.5 (cap 1) → 0.5;  penalty TR.1 appraised 0.5 (cap 1) → 0.5
    //   total = 6.3 + 1.6 + 0.5 − 0.5 = 7.9;  max 10;  index 79.00 → class Đạt (≥ 50, < 80); rank 1
    const a = row(12);
    expect(a.slice(0, 7)).toEqual([1, 'Sở Alpha', 7.05, 6.3, 1.6, 0.5, 0.5]);
    expect(formula(a[7]!)).toBe('MAX(0,D12+E12+F12-G12)');
    expect(num(a[7]!)).toBe(7.9);
    // No rank change without last year's results: an empty cell.
    expect(a.slice(8)).toEqual([10, 79, 1, null, 'Đạt']);
    // Sở Beta (B), tag khong-tthc: area 2 (max 4) does not apply → applicable max 6. Not appraised:
    //   self: 1.1 Chậm 0.5 + 1.2 60 → 1 + 1.3 30/40 × 2 = 1.5 + 1.4 1 = 4;  appraised blank;  survey 0
    //   total = 4 (ranked on the self score for now, hence "(tạm)");  index 4/6 = 66.666… → 66.67, Đạt; rank 2
    const b = row(13);
    expect(b.slice(0, 7)).toEqual([2, 'Sở Beta (tạm)', 4, null, 0, 0, 0]);
    expect(formula(b[7]!)).toBe('MAX(0,C13+E13+F13-G13)');
    expect(num(b[7]!)).toBe(4);
    expect(b.slice(8)).toEqual([6, 66.67, 2, null, 'Đạt']);
    // Numbers by meaning: points with the set's precision (2), indexes with its decimals (2), right-aligned;
    // in Vietnamese ([$-42A]), so LibreOffice prints the decimal comma whatever its own language.
    for (const c of ['C', 'D', 'E', 'F', 'G', 'H', 'I']) {
      expect(ws.getCell(`${c}12`).numFmt, c).toBe('[$-42A]0.00');
      expect(ws.getCell(`${c}12`).alignment?.horizontal, c).toBe('right');
    }
    expect(ws.getCell('J12').numFmt).toBe('[$-42A]0.00');
  });

  it('after LibreOffice recalculates, each row’s formula total equals the total parscore wrote', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'parscore-annex-recalc-'));
    try {
      const lo = await readBook(libreOfficeConvert(reportFile, 'xlsx', out));
      const ws = lo.getWorksheet('Xếp hạng')!;
      expect(num(ws.getCell('H12').value)).toBeCloseTo(7.9, 12);
      expect(num(ws.getCell('H13').value)).toBeCloseTo(4, 12);
      // The unit sheets' totals too: A = 6.3 + 1.6 (areas) + MIN(1, 0.5) − MIN(1, 0.5) = 7.9.
      expect(num(lo.getWorksheet('A')!.getCell(totalRow(withAnnex.getWorksheet('A')!), 7).value)).toBeCloseTo(7.9, 12);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

function totalRow(ws: ExcelJS.Worksheet): number {
  let found = 0;
  ws.eachRow((row, n) => {
    if (String(row.getCell(2).value).startsWith('TỔNG ĐIỂM')) found = n;
  });
  return found;
}

describe('honest cells', () => {
  const byCode = (ws: ExcelJS.Worksheet): Map<string, ExcelJS.Row> => {
    const m = new Map<string, ExcelJS.Row>();
    ws.eachRow((row, n) => {
      if (n > 3 && typeof row.getCell(1).value === 'string' && row.getCell(1).value !== '') m.set(row.getCell(1).value as string, row);
    });
    return m;
  };
  const figures = (row: ExcelJS.Row): (number | string | null)[] =>
    [3, 4, 5, 6, 7].map((c) => (typeof row.getCell(c).value === 'string' ? (row.getCell(c).value as string) : num(row.getCell(c).value)));

  it('survey points only under "Điều tra XHH"; the totals row has every stage', () => {
    const rows = byCode(withAnnex.getWorksheet('A')!);
    // max, self, appraised, survey, points
    expect(figures(rows.get('2.1')!)).toEqual([2, null, null, 1.6, 1.6]);
    expect(figures(rows.get('1.4')!)).toEqual([1, 0.75, 0.5, null, 0.5]);
    // Area 2: max 2 + 2 = 4; self 1.5; appraised 1; survey 1.6; points 1.6 + 1 = 2.6.
    expect(figures(rows.get('2')!)).toEqual([4, 1.5, 1, 1.6, 2.6]);
    const total = withAnnex.getWorksheet('A')!.getRow(totalRow(withAnnex.getWorksheet('A')!));
    // max 6 + 4 = 10; self 7.05; appraised 6.3; survey 1.6; points 7.9 (see the ranking row).
    expect(figures(total)).toEqual([10, 7.05, 6.3, 1.6, 7.9]);
  });

  it('blank where the council gave no score; "Không áp dụng" on a branch that does not apply', () => {
    const ws = withAnnex.getWorksheet('B')!;
    const rows = byCode(ws);
    expect(figures(rows.get('1.2')!)).toEqual([2, 1, null, null, 1]);
    expect(figures(rows.get('1')!)).toEqual([6, 4, null, null, 4]);
    expect(value(rows.get('2')!.getCell(3))).toBe('Không áp dụng');
    expect(value(rows.get('2.2')!.getCell(3))).toBe('Không áp dụng');
    expect(String(value(ws.getCell('A2')))).toContain('Hội đồng chưa thẩm định');
  });

  it('area averages are the engine’s exact means of the indexes over each unit’s applicable maximum', () => {
    const ws = withAnnex.getWorksheet('Theo lĩnh vực')!;
    // Area 1: A 5.3/6 = 88.333…%, B 4/6 = 66.666…%; mean 77.5 exactly → 77.50.
    // Area 2: only A applies: (1.6 + 1)/4 = 65 %.
    expect(ws.getCell('B7').value).toBe('Trung bình');
    expect(ws.getCell('D7').value).toBe(77.5);
    expect(ws.getCell('G7').value).toBe(65);
    expect(ws.getCell('C7').value).toBeNull(); // points are not averaged across different maxima
  });

  it('the sources sheet gives the time in Viet Nam, the Vietnamese way', async () => {
    const json = await resultsFromText((await run(['rank', ROUND, '--json'])).stdout);
    const wb = await buildReport(buildResultsModel(json), { lang: 'vi', generatedAt: new Date('2026-11-22T02:08:51.303Z'), toolVersion: 't', source: 's' });
    // 02:08 UTC is 09:08 in Asia/Ho_Chi_Minh (UTC+7).
    expect(wb.getWorksheet('Nguồn dữ liệu')!.getCell('B4').value).toBe('09 giờ 08, ngày 22/11/2026 (giờ Việt Nam)');
    const en = await buildReport(buildResultsModel(json), { lang: 'en', generatedAt: new Date('2026-11-22T20:08:51.303Z'), toolVersion: 't', source: 's' });
    // 20:08 UTC on the 22nd is 03:08 on the 23rd in Viet Nam.
    expect(en.getWorksheet('Sources')!.getCell('B4').value).toBe('23 November 2026 at 03:08 (Viet Nam time)');
    expect(value(en.getWorksheet('Ranking')!.getCell('A1'))).toBe("PEOPLE'S COMMITTEE");
    expect(value(en.getWorksheet('Ranking')!.getCell('A2'))).toBe('OF MẪU PROVINCE');
    // A draft says so at the top of every page of every sheet.
    const draft = await buildReport(buildResultsModel({ ...json, draft: true }), { lang: 'en', generatedAt: new Date(0), toolVersion: 't', source: 's' });
    for (const ws of draft.worksheets) expect(ws.headerFooter.oddHeader, ws.name).toBe('&C&"Times New Roman,Bold"&12&KC00000DRAFT — NOT FOR PUBLICATION');
  });
});

describe('printed through LibreOffice', () => {
  it('every page has its page number, and no text is printed over other text', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'parscore-annex-pdf-'));
    try {
      const pdf = libreOfficeConvert(reportFile, 'pdf', out);
      const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
      const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)![1]);
      expect(pages).toBeGreaterThanOrEqual(withAnnex.worksheets.length);
      for (let p = 1; p <= pages; p++) {
        const text = spawnSync('pdftotext', ['-f', String(p), '-l', String(p), '-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
        expect(text, `page ${p}`).toContain(`Trang ${p}/${pages}`);
        // B is still being appraised: every page, the signature page too, says the results are not final.
        expect(text, `page ${p}`).toContain('KẾT QUẢ TẠM THỜI — KHÔNG DÙNG ĐỂ CÔNG BỐ');
        if (p === 1) {
          // The issuer above its province, the signer's two titles one above the other: each on its own line.
          const lines = text.split('\n').map((l) => l.trim());
          for (const [first, second] of [
            ['ỦY BAN NHÂN DÂN', 'TỈNH MẪU'],
            ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'],
          ]) {
            const at = lines.findIndex((l) => l.startsWith(first!));
            expect(at, first).toBeGreaterThanOrEqual(0);
            expect(lines[at], first).not.toContain(second!);
            expect(
              lines.slice(at + 1, at + 3).some((l) => l.startsWith(second!)),
              `${first} / ${second}`,
            ).toBe(true);
          }
        }
      }
      // Words whose boxes overlap are text printed over other text: a row too short for its wrapped lines.
      const xml = spawnSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
      const overlaps: string[] = [];
      xml
        .split('<page ')
        .slice(1)
        .forEach((page, i) => {
          const words = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
            x0: +m[1]!,
            y0: +m[2]!,
            x1: +m[3]!,
            y1: +m[4]!,
            w: m[5]!,
          }));
          for (let a = 0; a < words.length; a++)
            for (let b = a + 1; b < words.length; b++) {
              const p = words[a]!;
              const q = words[b]!;
              const dx = Math.min(p.x1, q.x1) - Math.max(p.x0, q.x0);
              const dy = Math.min(p.y1, q.y1) - Math.max(p.y0, q.y0);
              // pdftotext cuts a Vietnamese word into pieces at its diacritics, whose boxes touch on one line.
              const sameLine = Math.abs(p.y0 - q.y0) < 1 && Math.abs(p.y1 - q.y1) < 1;
              // Lines of one cell touch (tall capitals with diacritics); text printed over text covers half a line or more.
              const half = Math.min(p.y1 - p.y0, q.y1 - q.y0) / 2;
              if (!sameLine && dx > 1 && dy > half) overlaps.push(`page ${i + 1}: "${p.w}" over "${q.w}"`);
            }
        });
      expect(overlaps).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

it('leaves no temporary folder behind', () => {
  expect(readdirSync(work).sort()).toEqual(['khong-phu-luc.xlsx', 'phu-luc.xlsx']);
});

describe('options that cannot be honoured are refused, and nothing is written', () => {
  const tmp = (): string => mkdtempSync(path.join(tmpdir(), 'parscore-annex-opts-'));

  it.each([
    [['rank', ROUND, '--json', '--unit', 'A'], 'Lệnh không đúng: không dùng --json cùng --unit: mỗi tùy chọn in kết quả theo một cách. Chọn một.\n'],
    [['rank', ROUND, '--areas', '--unit', 'A'], 'Lệnh không đúng: không dùng --areas cùng --unit: mỗi tùy chọn in kết quả theo một cách. Chọn một.\n'],
    [['rank', ROUND, '--json', '--areas'], 'Lệnh không đúng: không dùng --json cùng --areas: mỗi tùy chọn in kết quả theo một cách. Chọn một.\n'],
    [['rank', ROUND, '-o', 'ket-qua.csv'], 'Lệnh không đúng: "ket-qua.csv" không có đuôi .json: tệp ghi ra là .json. Đặt tên tệp có đuôi .json.\n'],
    [['report', ROUND, '-o', 'bao-cao.pdf'], 'Lệnh không đúng: "bao-cao.pdf" không có đuôi .xlsx: tệp ghi ra là .xlsx. Đặt tên tệp có đuôi .xlsx.\n'],
    [['rank', ROUND, '--unit', 'NOPE', '-o', 'r.json'], 'Lệnh không đúng: không có đơn vị "NOPE"; các mã: A, B\n'],
  ])('%j', async (args, message) => {
    const dir = tmp();
    try {
      const r = await run(args, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(message);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('"(tạm)" only when ranking on final scores: with --stage self nothing waits for the council', async () => {
    const final = (await run(['rank', ROUND])).stdout;
    const self = (await run(['rank', ROUND, '--stage', 'self'])).stdout;
    expect(final).toContain('│ Sở Beta (tạm) │');
    expect(final).toContain('⚠ Kết quả TẠM: chưa thẩm định xong B.');
    expect(self).toContain('│ Sở Beta  │');
    expect(self).not.toContain('tạm');
  });
});

describe('report --pdf', () => {
  it('writes the PDF beside the workbook through LibreOffice, and replaces its own PDF', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parscore-annex-pdf-'));
    try {
      const env = { PATH: process.env.PATH };
      const r = await run(['report', ROUND, '-o', 'phu-luc.xlsx', '--pdf'], { cwd: dir, env });
      expect(r.code).toBe(0);
      expect(r.stderr).toBe('Đã ghi phu-luc.xlsx\nĐã ghi phu-luc.pdf\n');
      expect(readFileSync(path.join(dir, 'phu-luc.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
      expect((await run(['report', ROUND, '-o', 'phu-luc.xlsx', '--pdf'], { cwd: dir, env })).code).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['phu-luc.pdf', 'phu-luc.xlsx']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without LibreOffice: the workbook is written, and the message says how to get the PDF', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parscore-annex-nopdf-'));
    try {
      const r = await run(['report', ROUND, '-o', 'phu-luc.xlsx', '--pdf'], { cwd: dir, env: { PATH: dir } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Đã ghi "phu-luc.xlsx" nhưng chưa có "phu-luc.pdf": máy chưa cài LibreOffice để chuyển sang PDF. Cài LibreOffice (miễn phí, https://vi.libreoffice.org)');
      expect(r.stderr).toContain('pdf-no-libreoffice');
      expect(readdirSync(dir)).toEqual(['phu-luc.xlsx']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a PDF it did not write is not overwritten without --force', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parscore-annex-pdfx-'));
    try {
      writeFileSync(path.join(dir, 'phu-luc.pdf'), '%PDF-1.4 someone else’s');
      const r = await run(['report', ROUND, '-o', 'phu-luc.xlsx', '--pdf'], { cwd: dir, env: { PATH: process.env.PATH } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('Tệp "phu-luc.pdf" đã có. Dùng --force nếu muốn ghi đè.');
      expect(readdirSync(dir)).toEqual(['phu-luc.pdf']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

it('the pdf-failed diagnostic: LibreOffice that fails says so, the workbook stays', async () => {
  const { chmodSync } = await import('node:fs');
  const dir = mkdtempSync(path.join(tmpdir(), 'parscore-annex-pdffail-'));
  const bin = mkdtempSync(path.join(tmpdir(), 'parscore-annex-fakelo-'));
  try {
    // A "soffice" that fails as a broken installation would.
    writeFileSync(path.join(bin, 'soffice'), '#!/bin/sh\necho "javaldx: Could not find a Java Runtime Environment!" >&2\nexit 1\n');
    chmodSync(path.join(bin, 'soffice'), 0o755);
    const r = await run(['report', ROUND, '-o', 'phu-luc.xlsx', '--pdf'], { cwd: dir, env: { PATH: bin } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Đã ghi "phu-luc.xlsx" nhưng LibreOffice không chuyển được sang PDF (javaldx: Could not find a Java Runtime Environment!).');
    expect(readdirSync(dir)).toEqual(['phu-luc.xlsx']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(bin, { recursive: true, force: true });
  }
});

it('a report from the saved results.json is the report from the round: same model, same cells (sources aside)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'parscore-annex-json-'));
  try {
    expect((await run(['rank', ROUND, '-o', 'ket-qua.json'], { cwd: dir })).code).toBe(0);
    expect((await run(['report', 'ket-qua.json', '-o', 'tu-json.xlsx'], { cwd: dir })).code).toBe(0);
    const fromJson = await readBook(path.join(dir, 'tu-json.xlsx'));
    const cells = (wb: ExcelJS.Workbook): Record<string, unknown[]> =>
      Object.fromEntries(
        wb.worksheets
          .filter((ws) => ws.name !== 'Nguồn dữ liệu')
          .map((ws) => {
            const out: unknown[] = [];
            ws.eachRow((row, r) => row.eachCell((cell, c) => out.push([r, c, cell.value, cell.numFmt ?? null])));
            return [ws.name, out];
          }),
      );
    expect(cells(fromJson)).toEqual(cells(withAnnex));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
