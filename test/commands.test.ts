// The commands that write (template, init, rank -o) and the parts of rank
// not covered elsewhere, run as users run them.
import { existsSync, readFileSync, readdirSync, writeFileSync, cpSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { sortDiagnostics } from '../src/diagnostics/index.js';
import { loadCriteria } from '../src/criteria/index.js';
import { loadUnits } from '../src/units/index.js';
import { ROOT, run, tempFolders } from './helpers.js';
import { MINI, MINI_DIR, miniRound } from './mini-set.js';

const evidenceFixtures = MINI_DIR;
const mini = MINI;
const tmp = tempFolders('commands');

describe('units file fixtures', () => {
  const root = path.join(ROOT, 'test', 'fixtures', 'units');
  const set = loadCriteria('criteria.yaml', readFileSync(mini.criteria, 'utf8')).set!;
  const cases = readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  it.each(cases)('%s', (name) => {
    const expected = readFileSync(path.join(root, name, 'expected.txt'), 'utf8')
      .split('\n')
      .filter(Boolean);
    const { diagnostics } = loadUnits('units.yaml', readFileSync(path.join(root, name, 'units.yaml'), 'utf8'), set);
    expect(sortDiagnostics(diagnostics).map((d) => `${d.location?.line}:${d.location?.column} ${d.severity} ${d.code}`)).toEqual(expected);
  });
});

describe('parscore template', () => {
  it('writes one protected, validated workbook per unit, and never overwrites one, --force or not', async () => {
    const out = tmp('template');
    const r = await run(['template', '--criteria', mini.criteria, '--units', mini.units, '--out', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['A - Đơn vị A.xlsx', 'B - Đơn vị B.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'B - Đơn vị B.xlsx'));
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['Hướng dẫn', 'visible'],
      ['DanhMuc', 'veryHidden'],
      ['Tự đánh giá', 'visible'],
    ]);
    const ws = wb.getWorksheet('Tự đánh giá')!;
    expect(ws.getCell('I2').value).toBe('B');
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '6:6' });
    const rows = new Map<string, ExcelJS.Row>();
    ws.eachRow((row, n) => {
      if (n > 6) rows.set(String(row.getCell(1).value), row);
    });
    // Option leaf: a dropdown from the hidden sheet, not an inline list.
    const option = rows.get('1.1')!.getCell(6);
    expect(option.dataValidation).toMatchObject({ type: 'list', formulae: ['DanhMuc!$B$1:$D$1'] });
    expect(option.protection).toMatchObject({ locked: false });
    // Self score: a decimal from 0 to the maximum.
    expect(rows.get('1.4')!.getCell(7).dataValidation).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 1] });
    // Area 2 is not assessed for B (khong-tthc): pre-marked and locked.
    expect(rows.get('2.2')!.getCell(7).value).toBe('Không áp dụng');
    expect(rows.get('2.2')!.getCell(7).protection?.locked ?? true).toBe(true); // locked is Excel's default, so not written out
    // Areas sum their children live.
    expect(rows.get('1')!.getCell(7).value).toMatchObject({ formula: 'SUM(G8,G9,G10,L11)' /* 1.4 is scored by hand: its number, even typed as text, is in the hidden L11 */ });
    expect(ws.getCell('A1').font?.name).toBe('Times New Roman');

    const before = readFileSync(path.join(out, 'A - Đơn vị A.xlsx'));
    const again = await run(['template', '--criteria', mini.criteria, '--units', mini.units, '--out', out]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`Giữ nguyên ${path.join(out, 'A - Đơn vị A.xlsx')} (đã có)`);
    expect(again.stderr).not.toContain('--force');
    expect(readFileSync(path.join(out, 'A - Đơn vị A.xlsx'))).toEqual(before);
    const forced = await run(['template', '--criteria', mini.criteria, '--units', mini.units, '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('Tệp đã có không bao giờ bị ghi đè, kể cả khi dùng --force.');
    expect(readFileSync(path.join(out, 'A - Đơn vị A.xlsx'))).toEqual(before);
  });

  it('--single: one workbook, a sheet per unit; the guide in English with --lang en', async () => {
    const out = tmp('single');
    const file = path.join(out, 'all.xlsx');
    expect((await run(['template', '--criteria', mini.criteria, '--units', mini.units, '--single', file, '--lang', 'en'])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Guide', 'DanhMuc', 'A', 'B']);
    expect(wb.getWorksheet('A')!.getCell('A6').value).toBe('Criterion');
  });

  it('needs exactly one of --out and --single', async () => {
    const r = await run(['template', '--criteria', mini.criteria, '--units', mini.units]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Lệnh không đúng: cần đúng một trong hai: --out THƯ-MỤC hoặc --single TỆP\n');
  });
});

describe('parscore init', () => {
  it('creates a round that check and rank accept once the evidence is in', async () => {
    const dir = tmp('init');
    const r = await run(['init', '2024', '--criteria', mini.criteria, '--units', mini.units], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(dir, '2024')).sort()).toEqual(['criteria.schema.json', 'criteria.yaml', 'evidence', 'parscore.yaml', 'units.yaml']);
    expect(r.stderr).toContain('rồi chạy: parscore status 2024\n');
    expect(readdirSync(path.join(dir, '2024', 'evidence')).sort()).toEqual(['A - Đơn vị A.xlsx', 'B - Đơn vị B.xlsx']);
    const ws = readFileSync(path.join(dir, '2024', 'parscore.yaml'), 'utf8');
    expect(ws).toContain('units: units.yaml');
    expect(ws).toContain('evidence: evidence/');
    // Blank templates: one form-blank per unit (not a leaf-missing per criterion), and the survey file is not there yet.
    const check = await run(['check', '2024', '--format', 'json'], { cwd: dir });
    expect(check.code).toBe(1);
    const codes = new Set((JSON.parse(check.stdout) as { code: string }[]).map((d) => d.code));
    expect([...codes].sort()).toEqual(['form-blank', 'survey-file-missing']);
    // Running init again keeps everything (see test/round.test.ts for a round with returned forms).
    const again = await run(['init', '2024', '--criteria', mini.criteria, '--units', mini.units], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Giữ nguyên 2024/parscore.yaml (đã có)');
  });
});

describe('parscore rank', () => {
  it('data errors: exit 1, findings on stderr, no results file', async () => {
    const dir = tmp('rank-errors');
    const r = await run(['rank', ...miniRound(path.join('score-above-max', 'evidence.csv')), '-o', 'results.json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // A's self score for 1.4 (row 5, column 5 of the CSV) is 1.5 on a 1-point item.
    expect(r.stderr).toBe(
      [
        path.join(evidenceFixtures, 'score-above-max', 'evidence.csv'),
        '  5:5  lỗi       Điểm 1,5 của tiêu chí 1.4 vượt điểm tối đa 1.  score-above-max',
        '',
        '✖ 1 vấn đề (1 lỗi, 0 cảnh báo)',
        '',
      ].join('\n'),
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--areas adds each area’s index; units new this year and gone since are marked', async () => {
    const dir = tmp('rank-prev');
    writeFileSync(
      path.join(dir, 'prev.json'),
      JSON.stringify({
        units: [
          { code: 'A', name: 'Đơn vị A', rank: 2, index: 80 },
          { code: 'Z', name: 'Đơn vị Z', rank: 1, index: 90 },
        ],
      }),
    );
    const args = ['rank', ...miniRound(), '--previous', 'prev.json'];
    const r = await run([...args, '--areas'], { cwd: dir });
    expect(r.code).toBe(0);
    // A: 86.50 %, up from 2nd to 1st; area 1: 5.55/6 = 92.50 %, area 2: 3.1/4 = 77.50 %. B: new; area 2 not assessed.
    expect(r.stdout).toBe(
      [
        'Bộ nhỏ để kiểm thử phiếu — 2 đơn vị',
        '┌──────┬──────────┬──────┬────────┬────────────┬────────┬──────────┬───────┬───────┐',
        '│ Hạng │ Đơn vị   │ Điểm │ Tối đa │ Chỉ số (%) │ ± hạng │ Xếp loại │   LV1 │   LV2 │',
        '├──────┼──────────┼──────┼────────┼────────────┼────────┼──────────┼───────┼───────┤',
        '│    1 │ Đơn vị A │ 8,65 │     10 │      86,50 │   ↑1   │ Tốt      │ 92,50 │ 77,50 │',
        '│    2 │ Đơn vị B │  3,5 │      6 │      58,33 │  mới   │ Đạt      │ 58,33 │     — │',
        '└──────┴──────────┴──────┴────────┴────────────┴────────┴──────────┴───────┴───────┘',
        'Chỉ số thành phần (%) theo lĩnh vực:',
        '  LV1  Lĩnh vực một',
        '  LV2  Lĩnh vực hai',
        'Có trong kết quả năm trước nhưng không có năm nay: Đơn vị Z (Z).',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    const json = JSON.parse((await run([...args, '--json'], { cwd: dir })).stdout) as { units: { code: string; new: boolean; indexChange: number | null }[]; gone: unknown[] };
    expect(json.units.map((u) => [u.code, u.new, u.indexChange])).toEqual([
      ['A', false, 6.5],
      ['B', true, null],
    ]);
    expect(json.gone).toEqual([{ code: 'Z', name: 'Đơn vị Z', previousRank: 1 }]);
  });

  it('-o refreshes its own results file but will not overwrite another file', async () => {
    const dir = tmp('rank-o');
    cpSync(path.join(ROOT, 'samples', '2021', 'units.yaml'), path.join(dir, 'notes.json'));
    const args = ['rank', path.join(ROOT, 'samples', '2021')];
    expect((await run([...args, '-o', 'results.json'], { cwd: dir })).code).toBe(0);
    expect((await run([...args, '-o', 'results.json'], { cwd: dir })).code).toBe(0);
    const r = await run([...args, '-o', 'notes.json'], { cwd: dir });
    expect(r.code).toBe(2);
    // The samples' own warnings come before it (the whole output of the samples is not worked out by hand).
    expect(r.stderr).toMatch(/\nnotes\.json\n +lỗi +Tệp "notes\.json" đã có\. Dùng --force nếu muốn ghi đè\. {2}output-exists\n/);
    expect(existsSync(path.join(dir, 'results.json'))).toBe(true);
  });
});
