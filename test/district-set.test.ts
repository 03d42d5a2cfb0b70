// The third shipped set (criteria/huyen-mau.yaml) end to end: init writes the
// forms, the units' answers come back as a long table and a survey of answer
// counts, and check, rank and report run on them. Every figure by hand below.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { resultsFromText } from './results-text.js';
import { ROOT, run } from './helpers.js';

const criteria = path.join(ROOT, 'criteria', 'huyen-mau.yaml');
const dir = mkdtempSync(path.join(tmpdir(), 'parscore-district-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const UNITS = `units:
  - { code: H1, name: Huyện Sơn Cao, tags: [huyen-mien-nui] }
  - { code: H2, name: Huyện Đồng Bằng }
  - { code: TP, name: Thành phố Mẫu }
  - { code: TX, name: Thị xã Ven Biển }
`;

/** What a unit enters for full points: [code, measure, option, self]. */
const FULL: [string, string, string, string][] = [
  ['1.1.1', '20/01/2024', '', ''], // before the 31/01 deadline: 1
  ['1.1.2', '100%', '', ''], // 2
  ['1.2', '0', '', ''], // no late report: 2 − 0
  ['1.3', '5', '', ''], // all 5 forms: 2
  ['1.4', '4', '', ''], // 4 × 0.5 = 2
  ['1.5', '100%', '', ''], // 3
  ['2.1', '', 'Đúng quy định', ''], // 4
  ['2.2', '', 'Đầy đủ và kịp thời', ''], // 4
  ['3.1', '', 'Đầy đủ', ''], // 3
  ['3.2', '100%', '', ''], // 7
  ['3.3', 'Không phát sinh', '', ''], // ifNone: full → 3
  ['3.4', '0', '', ''], // 3
  ['4.1', '', 'Đúng quy định', ''], // 4
  ['4.2', '', '', '4'],
  ['5.1', '', 'Đúng quy định', ''], // 3
  ['5.2', '100%', '', ''], // 3
  ['5.3', '', 'Không vi phạm', ''], // 4
  ['6.1', '105%', '', ''], // above the estimate: 4
  ['6.2', '', 'Đầy đủ', ''], // 3
  ['6.3', '', '', '3'],
  ['7.1', '60%', '', ''], // above the 50 % target: 4
  ['7.2', '30%', '', ''], // at the 30 % target: 3
  ['7.3', '100%', '', ''], // the unit's maximum (3 for a mountain district, else 4)
  ['7.4', '', 'Đầy đủ', ''], // 3
  ['8.3', '', '', '4'],
  ['TH.1', '0', '', ''],
  ['TH.2', '', 'Không', ''],
  ['TT.1', '', 'Không', ''],
  ['TR.1', '', 'Không', ''],
  ['TR.2', '0', '', ''],
];

/** Each unit's departures from full points. */
const CHANGES: Record<string, Record<string, [string, string, string]>> = {
  H1: { '1.1.1': ['15/02/2024', '', ''], 'TR.2': ['3', '', ''] },
  H2: { '3.2': ['85/100', '', ''], '1.3': ['4', '', ''], 'TH.1': ['2', '', ''], 'TT.1': ['', 'Có', ''] },
  TP: { 'TH.2': ['', 'Có', ''] },
  TX: { '6.1': ['110%', '', ''], 'TR.1': ['', 'Có', ''] },
};

function evidenceCsv(): string {
  const lines = ['Mã đơn vị,Mã tiêu chí,Số liệu,Lựa chọn,Điểm tự chấm,Tài liệu kiểm chứng'];
  for (const unit of ['H1', 'H2', 'TP', 'TX']) {
    for (const [code, ...full] of FULL) {
      const [measure, option, self] = CHANGES[unit]![code] ?? full;
      lines.push([unit, code, measure, option, self, 'QĐ số 01/QĐ-UBND'].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

const SURVEY = `Mã đơn vị,Mã tiêu chí,Nhóm,A,B,C,D
H1,8.1,Người dân,10,0,0,0
H1,8.1,Doanh nghiệp,10,0,0,0
H1,8.2,,10,0,0,0
H2,8.1,Người dân,10,0,0,0
H2,8.1,Doanh nghiệp,10,0,0,0
H2,8.2,,10,0,0,0
TP,8.1,Người dân,10,0,0,0
TP,8.1,Doanh nghiệp,10,0,0,0
TP,8.2,,10,0,0,0
TX,8.1,Người dân,5,5,0,0
TX,8.1,Doanh nghiệp,10,0,0,0
TX,8.2,,10,0,0,0
`;

describe('criteria/huyen-mau.yaml end to end', () => {
  it('init writes forms that show the checklist, the deadline and the per-item value', async () => {
    writeFileSync(path.join(dir, 'units.yaml'), UNITS);
    const r = await run(['init', '2024', '--criteria', criteria, '--units', 'units.yaml'], { cwd: dir });
    expect(r.code).toBe(0);
    const forms = readdirSync(path.join(dir, '2024', 'evidence'));
    expect(forms).toHaveLength(4);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(
      path.join(
        dir,
        '2024',
        'evidence',
        forms.find((f) => f.startsWith('H1'))!,
      ),
    );
    const ws = wb.getWorksheet('Tự đánh giá')!;
    const ruleOf = (code: string): string => {
      let found = '';
      ws.eachRow((row) => {
        if (row.getCell(1).text === code) found = row.getCell(4).text;
      });
      return found;
    };
    expect(ruleOf('1.3')).toContain('(1) Hội nghị, tập huấn; (2) Báo, đài phát thanh – truyền hình');
    expect(ruleOf('1.1.1')).toBe('Ban hành đến ngày 31/01: 1; Từ 01/02 đến 29/02: 0,5; Sau ngày 29/02: 0; nhập ngày dạng 31/01/2024');
    expect(ruleOf('1.4')).toBe('Mỗi trường hợp 0,5 điểm, tối đa 2; nhập số trường hợp');
    expect(ruleOf('1.2')).toBe('Điểm tối đa 2; mỗi trường hợp trừ 0,5, trừ tối đa 2; nhập số trường hợp');
    const rowOf = (code: string): ExcelJS.Row => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((row) => {
        if (row.getCell(1).text === code) found = row;
      });
      return found!;
    };
    // Numbered as the decision prints it.
    expect(rowOf('1').getCell(2).text).toBe('I. Công tác chỉ đạo, điều hành cải cách hành chính');
    expect(rowOf('1.1.1').getCell(2).text.trim()).toBe('a) Ban hành kế hoạch CCHC năm');
    // H1 is a mountain district: 7.3 is worth 3 to it, area 7 13 (14 − 1).
    expect([rowOf('7.3').getCell(3).value, rowOf('7').getCell(3).value]).toEqual([3, 13]);
  });

  it('check, rank and report run on the returned inputs', async () => {
    const round = path.join(dir, '2024');
    for (const f of readdirSync(path.join(round, 'evidence'))) rmSync(path.join(round, 'evidence', f));
    writeFileSync(path.join(round, 'evidence', 'bang-tong-hop.csv'), evidenceCsv());
    writeFileSync(path.join(round, 'survey.csv'), SURVEY);
    writeFileSync(path.join(round, 'parscore.yaml'), `${readFileSync(path.join(round, 'parscore.yaml'), 'utf8')}survey: survey.csv\n`);

    const check = await run(['check', '2024', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(check.stdout)).toEqual([]);
    expect(check.code).toBe(0);

    const rank = await run(['rank', '2024', '--json'], { cwd: dir });
    expect(rank.code).toBe(0);
    const json = await resultsFromText(rank.stdout);
    const by = (code: string) => json.units.find((u) => u.code === code)!;
    // H2: 3.2 at 85/100 → 0.85 × 7 = 5.95 (−1.05); 4 of 5 forms → 1 (−1); area 3 gets TT's 1:
    // 3 + 5.95 + 3 + 3 + 1 = 15.95 of 16. Areas 100 − 1.05 − 1 + 1 = 98.95; + TH 2 = 100.95,
    // held at the maximum 100 by capAtMax.
    expect([by('H2').points, by('H2').max, by('H2').index]).toEqual([100, 100, 100]);
    expect(by('H2').areas.find((a) => a.code === '3')!.points).toBe(15.95);
    // TP: 100 + TH.2's 1 = 101, held at 100. Equal to H2 on index, on area 8 (22 each) and on
    // penalties (0 each): they share rank 1.
    expect([by('TP').points, by('TP').index, by('TP').rank, by('H2').rank]).toEqual([100, 100, 1, 1]);
    // H1, a mountain district: 7.3 is worth 3, so its maximum is 99. Plan issued 15/02 → 0.5
    // (−0.5); 3 apology letters × 0.1 = 0.3 off. 99 − 0.5 − 0.3 = 98.2; 98.2 / 99 = 99.1919…%.
    expect([by('H1').points, by('H1').max, by('H1').index, by('H1').rank]).toEqual([98.2, 99, 99.19, 3]);
    // TX: citizens (5 × 100 + 5 × 60) / 10 = 80 %, firms 100 %; (80 × 70 + 100 × 30) / 100 = 86 %
    // of 10 = 8.6 (−1.4); the head disciplined: TR.1 takes 2. 100 − 1.4 − 2 = 96.6.
    expect([by('TX').points, by('TX').index, by('TX').rank]).toEqual([96.6, 96.6, 4]);
    // Classes: at least 90 % and every area at least 50 % is Tốt; TX is lowered one class for TR.1.
    expect(json.units.map((u) => [u.code, u.class])).toEqual([
      ['H2', 'Tốt'],
      ['TP', 'Tốt'],
      ['H1', 'Tốt'],
      ['TX', 'Khá'],
    ]);

    // 7.3 is worth 3 to H1 wherever its maximum shows.
    expect(by('H1').leaves.find((l) => l.code === '7.3')!.max).toBe(3);

    const unit = await run(['rank', '2024', '--unit', 'H1'], { cwd: dir });
    expect(unit.code).toBe(0);
    expect(unit.stdout).toContain(
      'Cách chấm các tiêu chí bị mất điểm:\n  1.1.1  Ban hành đến ngày 31/01: 1; Từ 01/02 đến 29/02: 0,5; Sau ngày 29/02: 0; nhập ngày dạng 31/01/2024 — đã nhập: 15/02/2024\n',
    );
    expect(unit.stdout).toMatch(/│ 7\.3 +│ +3\. Số hóa hồ sơ.*│ +3 │ +3 │ +— │ +3 │ +│/); // max, self, no appraisal, points, nothing lost

    const report = await run(['report', '2024', '-o', 'bao-cao.xlsx'], { cwd: dir });
    expect(report.code).toBe(0);
    expect(existsSync(path.join(dir, 'bao-cao.xlsx'))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'bao-cao.xlsx'));
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(c.text))));
    expect(texts).toContain('Điểm tối đa 2; mỗi trường hợp trừ 0,5, trừ tối đa 2; nhập số trường hợp');
    expect(texts).toContain('    a) Ban hành kế hoạch CCHC năm'); // the criteria sheet numbers as the decision does
    expect(texts).toContain('Điểm = 4 × tỷ lệ đạt / chỉ tiêu 50%; đạt từ 50% trở lên: 4; nhập số liệu dạng a/b hoặc %');
  });
});

describe('the shipped sets', () => {
  it.each(['so-nganh-mau.yaml', 'tinh-2017.yaml', 'huyen-mau.yaml'])('%s validates with --max-warnings 0', async (name) => {
    const r = await run(['validate', path.join('criteria', name), '--max-warnings', '0', '--format', 'json']);
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
  });
});
