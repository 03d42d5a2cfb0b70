// A whole round as a council runs it (issue "The appraisal stage…"): init
// 2025 with a 2021 methodology, six units, forms returned by five (one of
// them blank), the council's own workbooks, drafts, statuses, the final
// ranking and report. Every number is worked out by hand below; the
// departments' files are checked byte for byte after every command.
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { resultsFromText } from './results-text.js';
import { ROOT, fileHashes, run } from './helpers.js';

const fixtures = path.join(ROOT, 'test', 'fixtures', 'round');
const criteria = path.join(fixtures, 'criteria.yaml');
const units = path.join(fixtures, 'units.yaml');
const work = mkdtempSync(path.join(tmpdir(), 'parscore-round-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const round = path.join(work, '2025');

/** Rows of a sheet by the code in column A. */
function rowsByCode(ws: ExcelJS.Worksheet): Map<string, ExcelJS.Row> {
  const rows = new Map<string, ExcelJS.Row>();
  ws.eachRow((row) => {
    const v = row.getCell(1).value;
    if (typeof v === 'string' && /^\d/.test(v)) rows.set(v, row);
  });
  return rows;
}

// What each department types: option (column F) or score (column G), and evidence (H).
type Entry = { option?: string; self?: number };
const FORMS: Record<string, Record<string, Entry>> = {
  // self: 2 + 2 + 1.5 + 2 + 2 = 9.5
  U1: { '1.1': { option: 'Kịp thời' }, '1.2': { self: 2 }, '1.3': { self: 1.5 }, '2.1': { self: 2 }, '2.2': { option: 'Có' } },
  // self: 1 + 1.75 + 2 + 1 + 2 = 7.75
  U2: { '1.1': { option: 'Chậm' }, '1.2': { self: 1.75 }, '1.3': { self: 2 }, '2.1': { self: 1 }, '2.2': { option: 'Có' } },
  // 1.2 typed 2.5 on a 2-point item: invalid until the council settles it.
  U3: { '1.1': { option: 'Kịp thời' }, '1.2': { self: 2.5 }, '1.3': { self: 1 }, '2.1': { self: 2 }, '2.2': { option: 'Không' } },
  // self: 1 + 1 + 1 + 1 + 0 = 4
  U4: { '1.1': { option: 'Chậm' }, '1.2': { self: 1 }, '1.3': { self: 1 }, '2.1': { self: 1 }, '2.2': { option: 'Không' } },
  // U5 sends the form back untouched; U6 sends nothing.
};

// What the council types in its own workbooks: [first score, reason, second score, reason].
type Decision = [number | null, string, number | null, string];
const COUNCIL: Record<string, { finished: boolean; items: Record<string, Decision> }> = {
  U1: { finished: true, items: { '1.3': [1, 'Thiếu biên bản kiểm tra quý IV', null, ''] } },
  // Lowered to 1, then raised to 1.5 after the unit explained: the last decision (1.5) counts.
  U2: { finished: true, items: { '1.2': [1, 'Thiếu báo cáo quý III', 1.5, 'Đơn vị đã giải trình, bổ sung báo cáo'] } },
  U3: { finished: true, items: { '1.2': [2, 'Điểm tự chấm vượt điểm tối đa', null, ''] } },
  // 1.3 raised with a reason; 2.1 lowered without one (a warning); not finished.
  U4: { finished: false, items: { '1.3': [1.5, 'Bổ sung tài liệu kiểm tra', null, ''], '2.1': [0.5, '', null, ''] } },
  // Did not submit; the council still scores 2.2 after checking on site.
  U6: { finished: true, items: { '2.2': [2, 'Kiểm tra thực tế: đã triển khai', null, ''] } },
};

async function fillForms(): Promise<void> {
  for (const [code, entries] of Object.entries(FORMS)) {
    const file = readdirSync(path.join(round, 'evidence')).find((f) => f.startsWith(`${code} - `))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(round, 'evidence', file));
    const rows = rowsByCode(wb.getWorksheet('Tự đánh giá')!);
    for (const [leaf, e] of Object.entries(entries)) {
      const row = rows.get(leaf)!;
      if (e.option !== undefined) row.getCell(6).value = e.option;
      if (e.self !== undefined) row.getCell(7).value = e.self;
      row.getCell(8).value = `Văn bản số ${leaf}/${code}`;
    }
    await wb.xlsx.writeFile(path.join(round, 'evidence', file));
  }
}

async function fillAppraisals(codes: readonly string[]): Promise<void> {
  for (const code of codes) {
    const c = COUNCIL[code]!;
    const file = readdirSync(path.join(round, 'appraisal')).find((f) => f.startsWith(`${code} - `))!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(round, 'appraisal', file));
    const ws = wb.getWorksheet('Thẩm định')!;
    expect(ws.getCell('A3').value).toBe('Đã thẩm định xong:');
    ws.getCell('C3').value = c.finished ? 'Có' : 'Chưa';
    ws.getCell('C4').value = `Nhận xét chung về ${code}`;
    // Columns I–L: Điểm thẩm định, Lý do điều chỉnh, Điểm thẩm định lần 2, Lý do lần 2.
    expect([9, 10, 11, 12].map((n) => ws.getCell(7, n).value)).toEqual(['Điểm thẩm định', 'Lý do điều chỉnh', 'Điểm thẩm định lần 2', 'Lý do lần 2']);
    const rows = rowsByCode(ws);
    for (const [leaf, [s1, r1, s2, r2]] of Object.entries(c.items)) {
      const row = rows.get(leaf)!;
      if (s1 !== null) row.getCell(9).value = s1;
      if (r1 !== '') row.getCell(10).value = r1;
      if (s2 !== null) row.getCell(11).value = s2;
      if (r2 !== '') row.getCell(12).value = r2;
    }
    await wb.xlsx.writeFile(path.join(round, 'appraisal', file));
  }
}

describe('a scripted round: 2025 with a 2021 methodology', () => {
  let forms: Record<string, string> = {};
  const formsUnchanged = (): void => expect(fileHashes(path.join(round, 'evidence'))).toEqual(forms);

  it('init writes the round, with 2025 on every form', async () => {
    const r = await run(['init', '2025', '--criteria', criteria, '--units', units, '--province', 'Tỉnh Mẫu'], { cwd: work });
    expect(r.code).toBe(0);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      'Bước tiếp theo: gửi phiếu trong 2025/evidence cho các đơn vị, nhận lại vào 2025/evidence (thay bản trắng cùng tên), rồi chạy: parscore status 2025',
    );
    const ws = readFileSync(path.join(round, 'parscore.yaml'), 'utf8');
    expect(ws).toContain('year: 2025\n');
    expect(ws).toContain('province: "Tỉnh Mẫu"\n');
    expect(ws).toContain('office: "Sở Nội vụ tỉnh …"\n'); // placeholder, with a comment above it
    expect(ws).toContain('criteria: criteria.yaml\n');
    expect(ws).not.toContain('2021');
    // The round keeps its own copy of the criteria, with a schema path that resolves from there.
    expect(readFileSync(path.join(round, 'criteria.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./criteria.schema.json');
    expect(JSON.parse(readFileSync(path.join(round, 'criteria.schema.json'), 'utf8'))).toMatchObject({ title: 'parscore criteria set' });
    expect(readdirSync(path.join(round, 'evidence')).sort()).toEqual([
      'U1 - Đơn vị Một.xlsx',
      'U2 - Đơn vị Hai.xlsx',
      'U3 - Đơn vị Ba.xlsx',
      'U4 - Đơn vị Bốn.xlsx',
      'U5 - Đơn vị Năm.xlsx',
      'U6 - Đơn vị Sáu.xlsx',
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(round, 'evidence', 'U1 - Đơn vị Một.xlsx'));
    const sheet = wb.getWorksheet('Tự đánh giá')!;
    expect(sheet.getCell('A1').value).toBe('PHIẾU TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025');
    expect(sheet.getCell('C4').value).toBe(2025);
  });

  it('the departments fill their forms; U6 is marked as not submitted', async () => {
    await fillForms();
    appendFileSync(path.join(round, 'parscore.yaml'), 'status:\n  U6: chua-nop\n');
    forms = fileHashes(path.join(round, 'evidence'));
  });

  it('appraisal writes a council workbook for every unit with something to appraise', async () => {
    const r = await run(['appraisal', '2025'], { cwd: work });
    // The workbooks are written, and U5's blank form is an error in the data: exit 1, as check and rank say.
    expect(r.code).toBe(1);
    // U5's form is blank: nothing to appraise yet. U6 did not submit, but the council may still score it.
    expect(readdirSync(path.join(round, 'appraisal')).sort()).toEqual(['U1 - Đơn vị Một.xlsx', 'U2 - Đơn vị Hai.xlsx', 'U3 - Đơn vị Ba.xlsx', 'U4 - Đơn vị Bốn.xlsx', 'U6 - Đơn vị Sáu.xlsx']);
    // U5 is "phiếu trống" here as in status, not "chưa có phiếu".
    const written = (file: string): string => `Đã ghi ${path.join('2025', 'appraisal', file)}`;
    expect(r.stderr).toBe(
      [
        ...['U1 - Đơn vị Một.xlsx', 'U2 - Đơn vị Hai.xlsx', 'U3 - Đơn vị Ba.xlsx', 'U4 - Đơn vị Bốn.xlsx', 'U6 - Đơn vị Sáu.xlsx'].map(written),
        `Đã lập sổ thẩm định cho 5 đơn vị mới, giữ nguyên sổ của 0 đơn vị đã có, trong ${path.join('2025', 'appraisal')}.`,
        'Phiếu trống: U5 — sẽ lập sổ thẩm định khi nhận được phiếu đã điền.',
        path.join('2025', 'evidence', 'U5 - Đơn vị Năm.xlsx'),
        '  Tự đánh giá  lỗi       Phiếu của đơn vị U5 còn trống: chưa có lựa chọn, số liệu hay điểm nào được nhập.  form-blank',
        '',
        path.join('2025', 'parscore.yaml'),
        // `U6: chua-nop` under the status: appended after init's lines.
        '         20:7  cảnh báo  Đơn vị U6 (Đơn vị Sáu) chưa nộp phiếu (parscore.yaml): 0 điểm ở mọi tiêu chí tự chấm; Hội đồng vẫn có thể chấm từng tiêu chí.  unit-not-submitted',
        '',
        '✖ 2 vấn đề (1 lỗi, 1 cảnh báo)',
        '',
      ].join('\n'),
    );
    // In English too, the blank form has status's words ("blank form"); run again, it keeps every workbook.
    const en = await run(['appraisal', '2025', '--lang', 'en'], { cwd: work });
    expect(en.code).toBe(1);
    expect(en.stderr).toContain('\nBlank form: U5 — their appraisal workbooks will be written when filled-in forms arrive.\n');
    expect((await run(['status', '2025', '--lang', 'en'], { cwd: work })).stdout).toContain('U5  Đơn vị Năm — blank form; 1 error, 0 warnings;');
    formsUnchanged();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(round, 'appraisal', 'U3 - Đơn vị Ba.xlsx'));
    const ws = wb.getWorksheet('Thẩm định')!;
    expect(ws.getCell('A1').value).toBe('SỔ THẨM ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025');
    expect(ws.getCell('I2').value).toBe('U3');
    expect(ws.getCell('C3').value).toBe('Chưa');
    const rows = rowsByCode(ws);
    // Code, item, maximum, answer, self points, evidence, explanation, problems; council columns empty.
    const r11 = rows.get('1.1')!;
    expect([1, 2, 3, 4, 5, 6].map((c) => r11.getCell(c).value)).toEqual(['1.1', 'Ban hành kế hoạch', 2, 'Kịp thời', 2, 'Văn bản số 1.1/U3']);
    expect(rows.get('1.2')!.getCell(8).value).toBe('G9: Điểm 2,5 của tiêu chí 1.2 vượt điểm tối đa 2.');
    expect([9, 10, 11, 12].map((c) => r11.getCell(c).value)).toEqual([null, null, null, null]);
    // Printed on A4 with page numbers (src/io/sheet-layout.ts).
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '7:7' });
    expect(ws.headerFooter.oddFooter).toContain('Trang &P/&N');
  });

  it('status, then rank --draft while U5 is blank; plain rank refuses', async () => {
    await fillAppraisals(['U1', 'U2', 'U3', 'U4', 'U6']);
    const status = await run(['status', '2025'], { cwd: work });
    expect(status.code).toBe(1); // U5's blank form is an error: the exit code of check and rank for the same round

    // Final points (council score where given, self points elsewhere), out of 10:
    // U1 2 + 2 + 1 + 2 + 2 = 9 → 90 %; U2 1 + 1.5 + 2 + 1 + 2 = 7.5 → 75 %;
    // U3 2 + 2 (council, settling 2.5) + 1 + 2 + 0 = 7 → 70 %; U4 1 + 1 + 1.5 + 0.5 + 0 = 4 → 40 %, not finished;
    // U6 0 + 0 + 0 + 0 + 2 (council) = 2 → 20 %. U5: its form came back untouched.
    expect(status.stdout).toBe(
      [
        'U1  Đơn vị Một — đã nộp phiếu; không có vấn đề; đã thẩm định xong; chỉ số 90,00 (chính thức)',
        'U2  Đơn vị Hai — đã nộp phiếu; không có vấn đề; đã thẩm định xong; chỉ số 75,00 (chính thức)',
        'U3  Đơn vị Ba — đã nộp phiếu; 0 lỗi, 1 cảnh báo; đã thẩm định xong; chỉ số 70,00 (chính thức)',
        'U4  Đơn vị Bốn — đã nộp phiếu; 0 lỗi, 1 cảnh báo; đang thẩm định; chỉ số tạm tính 40,00',
        'U5  Đơn vị Năm — phiếu trống; 1 lỗi, 0 cảnh báo; chưa có sổ thẩm định; chưa tính được chỉ số', // one form-blank, not one per item
        'U6  Đơn vị Sáu — chưa nộp (parscore.yaml); không có vấn đề; đã thẩm định xong; chỉ số 20,00 (chính thức)',
        '6 đơn vị: 4 đã nộp, 1 chưa nộp, 1 phiếu trống; 4 đã thẩm định xong', // U1–U4 returned, U6 not, U5 blank
      ].join('\n') + '\n',
    );
    formsUnchanged();

    const plain = await run(['rank', '2025'], { cwd: work });
    expect(plain.code).toBe(1);
    expect(plain.stdout).toBe('');

    const draft = await run(['rank', '2025', '--draft'], { cwd: work });
    expect(draft.code).toBe(1); // it worked, and U5 still has errors
    // Classes of the round's set: Tốt from 80 %, Đạt from 50 %, else Chưa đạt. U4's appraisal is not finished (tạm).
    expect(draft.stdout).toBe(
      [
        'DỰ THẢO — Chỉ số cải cách hành chính năm 2025 — 5 đơn vị',
        '┌──────┬───────────────────────┬──────┬────────┬────────────┬────────┬──────────┐',
        '│ Hạng │ Đơn vị                │ Điểm │ Tối đa │ Chỉ số (%) │ ± hạng │ Xếp loại │',
        '├──────┼───────────────────────┼──────┼────────┼────────────┼────────┼──────────┤',
        '│    1 │ Đơn vị Một            │    9 │     10 │      90,00 │        │ Tốt      │',
        '│    2 │ Đơn vị Hai            │  7,5 │     10 │      75,00 │        │ Đạt      │',
        '│    3 │ Đơn vị Ba             │    7 │     10 │      70,00 │        │ Đạt      │',
        '│    4 │ Đơn vị Bốn (tạm)      │    4 │     10 │      40,00 │        │ Chưa đạt │',
        '│    5 │ Đơn vị Sáu (chưa nộp) │    2 │     10 │      20,00 │        │ Chưa đạt │',
        '└──────┴───────────────────────┴──────┴────────┴────────────┴────────┴──────────┘',
        '⚠ Kết quả TẠM: chưa thẩm định xong U4.',
        'Chưa nộp phiếu (0 điểm các tiêu chí tự chấm): U6.',
        'DỰ THẢO — chưa tính được (còn lỗi): Đơn vị Năm (U5): 1 lỗi.',
        '',
      ].join('\n'),
    );
    // The settled error is a note, the change without a reason a warning; one message for U6, none per item.
    expect(draft.stderr).toBe(
      [
        path.join('2025', 'appraisal', 'U4 - Đơn vị Bốn.xlsx'),
        '   Thẩm định!I13  cảnh báo  Điểm thẩm định 0,5 khác điểm tự chấm 1 ở tiêu chí 2.1 nhưng chưa ghi lý do điều chỉnh.  appraisal-no-reason',
        '',
        path.join('2025', 'evidence', 'U3 - Đơn vị Ba.xlsx'),
        '  Tự đánh giá!G9  cảnh báo  Điểm tự chấm tiêu chí 1.2 của đơn vị U3 không hợp lệ (score-above-max); dùng điểm thẩm định 2 của Hội đồng.  self-invalid-settled',
        '',
        path.join('2025', 'evidence', 'U5 - Đơn vị Năm.xlsx'),
        '     Tự đánh giá  lỗi       Phiếu của đơn vị U5 còn trống: chưa có lựa chọn, số liệu hay điểm nào được nhập.  form-blank',
        '',
        path.join('2025', 'parscore.yaml'),
        '            20:7  cảnh báo  Đơn vị U6 (Đơn vị Sáu) chưa nộp phiếu (parscore.yaml): 0 điểm ở mọi tiêu chí tự chấm; Hội đồng vẫn có thể chấm từng tiêu chí.  unit-not-submitted',
        '',
        '✖ 4 vấn đề (1 lỗi, 3 cảnh báo)',
        '',
      ].join('\n'),
    );
    // The draft report lists the unit it could not score, with its error count, under its title.
    const report = await run(['report', '2025', '--draft', '-o', 'du-thao-1.xlsx'], { cwd: work });
    expect(report.code).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(work, 'du-thao-1.xlsx'));
    expect(wb.worksheets[0]!.getCell('A7').value).toBe('DỰ THẢO — KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA CÁC SỞ, BAN, NGÀNH');
    expect(String(wb.worksheets[0]!.getCell('A9').value)).toContain('DỰ THẢO — chưa tính được (còn lỗi): Đơn vị Năm (U5): 1 lỗi.');
    formsUnchanged();
  });

  it('U5 is declared not submitted: rank, rank --json and report give the final numbers', async () => {
    appendFileSync(path.join(round, 'parscore.yaml'), '  U5: chua-nop\n');
    const before = fileHashes(path.join(round, 'appraisal'));
    const again = await run(['appraisal', '2025'], { cwd: work });
    expect(again.code).toBe(0);
    // Only U5's workbook is new; the council's typed workbooks are untouched.
    const after = fileHashes(path.join(round, 'appraisal'));
    expect(Object.keys(after).sort()).toEqual([...Object.keys(before), 'U5 - Đơn vị Năm.xlsx'].sort());
    for (const [f, sum] of Object.entries(before)) expect(after[f], f).toBe(sum);

    const r = await run(['rank', '2025', '--json'], { cwd: work });
    expect(r.code).toBe(0);
    const json = await resultsFromText(r.stdout);
    expect(json.year).toBe(2025);
    expect(json.units.map((u) => [u.code, u.points, u.index, u.rank, u.class, u.status, u.submission])).toEqual([
      ['U1', 9, 90, 1, 'Tốt', 'final', 'submitted'],
      ['U2', 7.5, 75, 2, 'Đạt', 'final', 'submitted'],
      ['U3', 7, 70, 3, 'Đạt', 'final', 'submitted'],
      ['U4', 4, 40, 4, 'Chưa đạt', 'provisional', 'submitted'],
      ['U6', 2, 20, 5, 'Chưa đạt', 'final', 'not-submitted'],
      // U5: 0 on every self-assessed item; its new workbook says "Chưa" → provisional.
      ['U5', 0, 0, 6, 'Chưa đạt', 'provisional', 'not-submitted'],
    ]);
    const u2 = json.units.find((u) => u.code === 'U2')!.leaves.find((l) => l.code === '1.2')!;
    expect([u2.self, u2.appraised, u2.final, u2.reason]).toEqual([1.75, 1.5, 1.5, 'Đơn vị đã giải trình, bổ sung báo cáo']);
    expect(u2.decisions).toEqual([
      { score: 1, reason: 'Thiếu báo cáo quý III', round: 1 },
      { score: 1.5, reason: 'Đơn vị đã giải trình, bổ sung báo cáo', round: 2 },
    ]);
    const u3 = json.units.find((u) => u.code === 'U3')!.leaves.find((l) => l.code === '1.2')!;
    expect([u3.self, u3.appraised, u3.final, u3.settled]).toEqual([null, 2, 2, ['score-above-max']]);
    // The council's decisions come only from its workbooks: they are inputs of the run.
    expect(json.inputs.filter((i) => i.role === 'appraisal')).toHaveLength(6);

    const report = await run(['report', '2025'], { cwd: work });
    expect(report.code).toBe(0);
    expect(report.stderr.split('\n')[0]).toBe('Đã ghi bao-cao-cchc-2025.xlsx');
    // Warnings only: the settled error (at the form's cell), the change without a reason, one line per unit not submitted.
    expect(report.stderr).toContain('Tự đánh giá!G9  cảnh báo  Điểm tự chấm tiêu chí 1.2 của đơn vị U3 không hợp lệ (score-above-max); dùng điểm thẩm định 2 của Hội đồng.  self-invalid-settled');
    expect(report.stderr).toContain('✖ 4 vấn đề (0 lỗi, 4 cảnh báo)');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(work, 'bao-cao-cchc-2025.xlsx'));
    expect(wb.worksheets[0]!.getCell('A7').value).toBe('KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA CÁC SỞ, BAN, NGÀNH');
    // The adjustments sheet lists every decision: U2's two appraisal rounds, U3's settled item (no valid self score).
    const adj = wb.getWorksheet('Điều chỉnh')!;
    const adjRows: unknown[][] = [];
    adj.eachRow((row, n) => {
      if (n > 3) adjRows.push([2, 4, 6, 7, 9, 10].map((c) => row.getCell(c).value));
    });
    expect(adjRows.filter((r) => r[0] === 'U2' && r[1] === '1.2')).toEqual([
      ['U2', '1.2', 1.75, 1, 'Thiếu báo cáo quý III', 'Lần 1'],
      ['U2', '1.2', 1.75, 1.5, 'Đơn vị đã giải trình, bổ sung báo cáo', 'Lần 2 (được dùng)'],
    ]);
    expect(adjRows.filter((r) => r[0] === 'U3' && r[1] === '1.2')).toEqual([['U3', '1.2', null, 2, expect.anything(), 'Điểm tự chấm không hợp lệ (score-above-max); dùng điểm thẩm định']]);
    formsUnchanged();
  });

  it('report --draft says DỰ THẢO in its title and file name', async () => {
    const r = await run(['report', '2025', '--draft'], { cwd: work });
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(work, 'bao-cao-cchc-2025-du-thao.xlsx'));
    expect(wb.worksheets[0]!.getCell('A7').value).toBe('DỰ THẢO — KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2025 CỦA CÁC SỞ, BAN, NGÀNH');
  });

  it('init, template and appraisal re-run, with or without --force, change nothing the users made', async () => {
    const all = fileHashes(round);
    for (const args of [
      ['init', '2025', '--criteria', criteria, '--units', units],
      ['init', '2025', '--criteria', criteria, '--units', units, '--force'],
      ['template', '--criteria', path.join('2025', 'criteria.yaml'), '--units', path.join('2025', 'units.yaml'), '--out', path.join('2025', 'evidence'), '--force'],
      ['appraisal', '2025', '--force'],
    ]) {
      const r = await run(args, { cwd: work });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stderr).not.toContain('Đã ghi');
      expect(fileHashes(round)).toEqual(all);
    }
  });
});
