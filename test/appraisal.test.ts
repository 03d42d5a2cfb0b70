// The council's workbook contract and the diagnostics only it produces.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../src/diagnostics/index.js';
import { APPRAISAL_WIDTHS, appraisalFromGrid } from '../src/evidence/appraisal.js';
import { a4UsableWidth } from '../src/io/sheet-layout.js';
import type { Grid } from '../src/evidence/table.js';
import { loadRound } from '../src/round/load-round.js';
import { ROOT, run } from './helpers.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'parscore-appraisal-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function grid(rows: (string | number | null)[][]): Grid {
  return {
    file: 'tham-dinh.xlsx',
    sheet: 'Thẩm định',
    rowCount: rows.length,
    columnCount: Math.max(...rows.map((r) => r.length)),
    value: (r, c) => rows[r - 1]?.[c - 1] ?? null,
  };
}

const HEADER = [
  'Mã',
  'Nội dung',
  'Điểm tối đa',
  'Đơn vị trả lời (lựa chọn / số liệu)',
  'Điểm tự chấm',
  'Tài liệu kiểm chứng',
  'Giải trình',
  'Vấn đề parscore phát hiện',
  'Điểm thẩm định',
  'Lý do điều chỉnh',
  'Điểm thẩm định lần 2',
  'Lý do lần 2',
];

describe('appraisal sheets', () => {
  it('fit the width of an A4 landscape page at 100 %, so the council columns print beside the items', () => {
    const total = Object.values(APPRAISAL_WIDTHS).reduce((a, b) => a + b, 0);
    // 6 + 23 + 5 + 10 + 5 + 11 + 9 + 12 + 6 + 9 + 5 + 9 = 110 width units: what LibreOffice's PDF of
    // an A4 landscape page holds (measured), and within a4UsableWidth.
    expect(total).toBe(110);
    expect(total).toBeLessThanOrEqual(a4UsableWidth('landscape'));
  });

  it('reads the unit, the status, the remark and both decisions; the last one counts', () => {
    const diagnostics: Diagnostic[] = [];
    const a = appraisalFromGrid(
      grid([
        ['SỔ THẨM ĐỊNH'],
        ['Đơn vị:', 'Sở A', null, null, null, null, null, 'Mã đơn vị:', 'SA'],
        ['Đã thẩm định xong:', 'có'],
        ['Nhận xét chung:', 'Tốt'],
        [],
        [],
        HEADER,
        ['1.1', 'x', 1, 'Kịp thời', 1, '', '', '', 0.5, 'Chậm', 1, 'Đã giải trình'],
        ['1.2', 'y', 1, '', 1],
      ]),
      diagnostics,
    )!;
    expect(diagnostics).toEqual([]);
    expect([a.unit, a.finished, a.remark]).toEqual(['SA', true, 'Tốt']);
    expect(a.decisions.get('1.1')!.map((d) => [d.round, d.score.content, d.reason, d.score.at.cell?.cell])).toEqual([
      [1, { kind: 'number', value: expect.anything() }, 'Chậm', 'I8'],
      [2, { kind: 'number', value: expect.anything() }, 'Đã giải trình', 'K8'],
    ]);
    expect(a.decisions.has('1.2')).toBe(false);
  });

  it('appraisal-unit-missing: a sheet with the council columns but no unit code', () => {
    const diagnostics: Diagnostic[] = [];
    expect(appraisalFromGrid(grid([['Đã thẩm định xong:', 'Có'], HEADER]), diagnostics)).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.severity, d.cell])).toEqual([['appraisal-unit-missing', 'error', { sheet: 'Thẩm định' }]]);
  });

  it('appraisal-status-unclear: anything but Có/Chưa is taken as not finished, with a warning at the cell', () => {
    const diagnostics: Diagnostic[] = [];
    const a = appraisalFromGrid(grid([['Mã đơn vị:', 'SA'], ['Đã thẩm định xong:', 'gần xong'], HEADER]), diagnostics)!;
    expect(a.finished).toBe(false);
    expect(diagnostics.map((d) => [d.code, d.severity, d.cell?.cell, d.params.value])).toEqual([['appraisal-status-unclear', 'warning', 'B2', 'gần xong']]);
  });

  it('a sheet that is not an appraisal sheet is skipped without a word', () => {
    const diagnostics: Diagnostic[] = [];
    expect(
      appraisalFromGrid(
        grid([
          ['Mã tiêu chí', 'Điểm tự chấm'],
          ['1.1', 1],
        ]),
        diagnostics,
      ),
    ).toBeUndefined();
    expect(diagnostics).toEqual([]);
  });
});

describe('round-level checks', () => {
  // The evidence fixtures' valid round: units A and B, 2.1 scored by the survey.
  const fixtures = path.join(ROOT, 'test', 'fixtures', 'evidence');
  const dir = path.join(tmp, 'r');
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(fixtures, 'valid'), path.join(dir, 'in'), { recursive: true });

  it('status-unit-unknown: a unit under status: that the units file does not have', async () => {
    writeFileSync(
      path.join(dir, 'parscore.yaml'),
      `year: 2025\ncriteria: ${JSON.stringify(path.join(fixtures, 'criteria.yaml'))}\nunits: ${JSON.stringify(path.join(fixtures, 'units.yaml'))}\nevidence: in/evidence.csv\nsurvey: in/survey.csv\nstatus:\n  ZZ: chua-nop\n`,
    );
    const { diagnostics } = await loadRound({ cwd: dir, overrides: {} });
    expect(diagnostics.map((d) => [d.code, d.severity, d.location?.line])).toEqual([['status-unit-unknown', 'error', 7]]);
  });

  it('an exempt unit (mien) is listed, never scored or ranked', async () => {
    writeFileSync(
      path.join(dir, 'parscore.yaml'),
      `year: 2025\ncriteria: ${JSON.stringify(path.join(fixtures, 'criteria.yaml'))}\nunits: ${JSON.stringify(path.join(fixtures, 'units.yaml'))}\nevidence: in/evidence.csv\nsurvey: in/survey.csv\nstatus:\n  B: mien\n`,
    );
    const r = await run(['rank', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    // A alone: 1 + 2 + 1.8 + 0.75 + 1.6 (survey) + 1.5 = 8.65 of 10 → 86.50 %, Tốt (≥ 80).
    expect(r.stdout).toBe(
      [
        'Bộ nhỏ để kiểm thử phiếu — 1 đơn vị',
        '┌──────┬──────────┬──────┬────────┬────────────┬────────┬──────────┐',
        '│ Hạng │ Đơn vị   │ Điểm │ Tối đa │ Chỉ số (%) │ ± hạng │ Xếp loại │',
        '├──────┼──────────┼──────┼────────┼────────────┼────────┼──────────┤',
        '│    1 │ Đơn vị A │ 8,65 │     10 │      86,50 │        │ Tốt      │',
        '└──────┴──────────┴──────┴────────┴────────────┴────────┴──────────┘',
        'Miễn đánh giá năm nay: Đơn vị B (B).',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    const status = await run(['status', '.'], { cwd: dir });
    expect([status.code, status.stderr]).toEqual([0, '']);
    expect(status.stdout).toBe(
      [
        'A  Đơn vị A — đã nộp phiếu; không có vấn đề; chưa có sổ thẩm định; chỉ số 86,50 (chính thức)',
        'B  Đơn vị B — miễn đánh giá; —; —; —',
        '2 đơn vị: 1 đã nộp, 0 chưa nộp, 0 phiếu trống, 1 miễn; 0 đã thẩm định xong',
        '',
      ].join('\n'),
    );
  });

  it('appraisal-on-survey: a council score on a survey-scored item is ignored, with a warning at its cell', async () => {
    writeFileSync(
      path.join(dir, 'parscore.yaml'),
      `year: 2025\ncriteria: ${JSON.stringify(path.join(fixtures, 'criteria.yaml'))}\nunits: ${JSON.stringify(path.join(fixtures, 'units.yaml'))}\nevidence: in/evidence.csv\nsurvey: in/survey.csv\nappraisal: appraisal/\n`,
    );
    const r = await run(['appraisal', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    const file = path.join(dir, 'appraisal', 'A - Đơn vị A.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Thẩm định')!;
    let row = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === '2.1') row = n;
    });
    expect(ws.getCell(row, 4).value).toBe('Điều tra XHH');
    ws.getCell(row, 9).value = 1;
    await wb.xlsx.writeFile(file);
    const { diagnostics, round } = await loadRound({ cwd: dir, overrides: {} });
    expect(diagnostics.map((d) => [d.code, d.severity, d.cell?.cell])).toEqual([['appraisal-on-survey', 'warning', `I${row}`]]);
    // The survey's points stand: the council score is not used.
    const leaf = round!.input.units.find((u) => u.unit.code === 'A')!.leaves.get('2.1')!;
    expect(leaf.appraised).toBeUndefined();
  });
});

describe('appraisal --single', () => {
  it('one workbook, a sheet per unit named by code, in English; read back like per-unit workbooks', async () => {
    const fixtures = path.join(ROOT, 'test', 'fixtures', 'evidence');
    const dir = path.join(tmp, 'single');
    mkdirSync(dir, { recursive: true });
    cpSync(path.join(fixtures, 'valid'), path.join(dir, 'in'), { recursive: true });
    writeFileSync(
      path.join(dir, 'parscore.yaml'),
      `year: 2025\ncriteria: ${JSON.stringify(path.join(fixtures, 'criteria.yaml'))}\nunits: ${JSON.stringify(path.join(fixtures, 'units.yaml'))}\nevidence: in/evidence.csv\nsurvey: in/survey.csv\nappraisal: appraisal/\n`,
    );
    const r = await run(['appraisal', '.', '--single', 'appraisal/all.xlsx', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(0);
    const single = path.join('appraisal', 'all.xlsx');
    expect(r.stderr).toBe(`Wrote ${single}\nWrote the appraisal sheets of 2 new units and kept those of 0 units already there, in appraisal.\n`);
    const file = path.join(dir, 'appraisal', 'all.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['A', 'B']);
    const b = wb.getWorksheet('B')!;
    expect([b.getCell('A1').value, b.getCell('A3').value, b.getCell('C3').value, b.getCell('I7').value]).toEqual(['PAR INDEX APPRAISAL 2025', 'Appraisal finished:', 'No', 'Council score']);
    b.getCell('C3').value = 'Yes';
    await wb.xlsx.writeFile(file);
    const { round } = await loadRound({ cwd: dir, overrides: {} });
    expect(round!.input.units.map((u) => [u.unit.code, u.appraisal?.finished, u.appraisal?.origin])).toEqual([
      ['A', false, path.join('appraisal', 'all.xlsx › A')],
      ['B', true, path.join('appraisal', 'all.xlsx › B')],
    ]);
    // Re-running keeps the single workbook and writes nothing new: every unit has its sheet.
    const again = await run(['appraisal', '.', '--single', 'appraisal/all.xlsx'], { cwd: dir });
    expect(again.stderr).toBe(`Giữ nguyên ${single} (đã có)\nĐã lập sổ thẩm định cho 0 đơn vị mới, giữ nguyên sổ của 2 đơn vị đã có, trong appraisal.\n`);
    expect(readdirSync(path.join(dir, 'appraisal'))).toEqual(['all.xlsx']);
  });
});
