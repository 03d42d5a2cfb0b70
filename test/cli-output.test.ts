// The whole output of the commands a clerk runs, compared with a text written
// here (normalised only as test/helpers.ts `normalise` documents), on the
// small round of test/fixtures/evidence: two units, every number worked out
// by hand below.
//
// valid/evidence.csv and valid/survey.csv (criteria.yaml: areas 1 = 6 and 2 = 4 points):
//   A  1.1 Kịp thời → 1; 1.2 95 % ≥ 90 → 2; 1.3 45/50 × 2 = 1.8; 1.4 0.75 (by hand);
//      2.1 survey 1.6; 2.2 1.5. Area 1: 1 + 2 + 1.8 + 0.75 = 5.55 / 6 = 92.50 %;
//      area 2: 1.6 + 1.5 = 3.1 / 4 = 77.50 %. Total 8.65 / 10 = 86.50 % → Tốt (≥ 80).
//   B  tagged khong-tthc: area 2 is not assessed, its maximum is 6.
//      1.1 Chậm → 0.5; 1.2 60 in [50, 90) → 1; 1.3 30/40 × 2 = 1.5; 1.4 self 1, council 0.5.
//      Self 0.5 + 1 + 1.5 + 1 = 4; final 0.5 + 1 + 1.5 + 0.5 = 3.5 / 6 = 58.333… → 58.33 % → Đạt (≥ 50).
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { writeChunks } from '../src/cli/context.js';
import { main } from '../src/cli/main.js';
import { ROOT, normalise, run, tempFolders } from './helpers.js';
import { resultsFromText } from './results-text.js';

const cwd = path.join(ROOT, 'test', 'fixtures', 'evidence');
const round = ['--criteria', 'criteria.yaml', '--units', 'units.yaml', '--evidence', path.join('valid', 'evidence.csv'), '--survey', path.join('valid', 'survey.csv')];
const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const tmp = tempFolders('cli-output');

describe('rank', () => {
  it('the ranking table, Vietnamese', async () => {
    const r = await run(['rank', ...round], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      lines(
        'Bộ nhỏ để kiểm thử phiếu — 2 đơn vị',
        '┌──────┬──────────┬──────┬────────┬────────────┬────────┬──────────┐',
        '│ Hạng │ Đơn vị   │ Điểm │ Tối đa │ Chỉ số (%) │ ± hạng │ Xếp loại │',
        '├──────┼──────────┼──────┼────────┼────────────┼────────┼──────────┤',
        '│    1 │ Đơn vị A │ 8,65 │     10 │      86,50 │        │ Tốt      │',
        '│    2 │ Đơn vị B │  3,5 │      6 │      58,33 │        │ Đạt      │',
        '└──────┴──────────┴──────┴────────┴────────────┴────────┴──────────┘',
      ),
    );
    expect(r.stderr).toBe('');
  });

  it('the ranking table, English: the same numbers with a decimal point', async () => {
    const r = await run(['rank', ...round, '--lang', 'en'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      lines(
        'Bộ nhỏ để kiểm thử phiếu — 2 units',
        '┌──────┬──────────┬────────┬─────┬───────────┬────────┬───────┐',
        '│ Rank │ Unit     │ Points │ Max │ Index (%) │ ± rank │ Class │',
        '├──────┼──────────┼────────┼─────┼───────────┼────────┼───────┤',
        '│    1 │ Đơn vị A │   8.65 │  10 │     86.50 │        │ Tốt   │',
        '│    2 │ Đơn vị B │    3.5 │   6 │     58.33 │        │ Đạt   │',
        '└──────┴──────────┴────────┴─────┴───────────┴────────┴───────┘',
      ),
    );
    expect(r.stderr).toBe('');
  });

  it('--unit B: where it lost points', async () => {
    const r = await run(['rank', ...round, '--unit', 'B'], { cwd });
    expect(r.code).toBe(0);
    // Lost: 1.1 1 − 0.5 = 0.5; 1.2 2 − 1 = 1; 1.3 2 − 1.5 = 0.5; 1.4 1 − 0.5 = 0.5; area 1: 6 − 3.5 = 2.5.
    // Area 1 is B's only area (58.33 % < 90 %), so it is also the weakest.
    const name = (text: string): string => text.padEnd(60);
    expect(r.stdout).toBe(
      lines(
        'Đơn vị B (B) — chỉ số 58,33%, hạng 2/2',
        '┌─────┬──────────────────────────────────────────────────────────────┬────────┬─────────┬───────────┬──────┬─────┬───────┐',
        `│ Mã  │ ${name('Nội dung')} │ Tối đa │ Tự chấm │ Thẩm định │ Điểm │ Mất │     % │`,
        '├─────┼──────────────────────────────────────────────────────────────┼────────┼─────────┼───────────┼──────┼─────┼───────┤',
        `│ 1   │ ${name('Lĩnh vực một')} │      6 │       4 │       3,5 │  3,5 │ 2,5 │ 58,33 │`,
        `│ 1.1 │ ${name('  Ban hành kế hoạch')} │      1 │     0,5 │       0,5 │  0,5 │ 0,5 │       │`,
        `│ 1.2 │ ${name('  Tỷ lệ hoàn thành')} │      2 │       1 │         1 │    1 │   1 │       │`,
        `│ 1.3 │ ${name('  Hồ sơ đúng hạn')} │      2 │     1,5 │       1,5 │  1,5 │ 0,5 │       │`,
        `│ 1.4 │ ${name('  Sáng kiến')} │      1 │       1 │       0,5 │  0,5 │ 0,5 │       │`,
        `│ 2   │ ${name('Lĩnh vực hai')} │      0 │     KAD │       KAD │  KAD │     │     — │`,
        `│ 2.1 │ ${name('  Hài lòng')} │      2 │     KAD │       KAD │  KAD │     │       │`,
        `│ 2.2 │ ${name('  Chấm tay')} │      2 │     KAD │       KAD │  KAD │     │       │`,
        '└─────┴──────────────────────────────────────────────────────────────┴────────┴─────────┴───────────┴──────┴─────┴───────┘',
        '0/1 lĩnh vực đạt từ 90% trở lên, 0 lĩnh vực đạt điểm tối đa; lĩnh vực thấp nhất: 1. Lĩnh vực một.',
        'Mất nhiều điểm nhất:',
        '  1.2  Tỷ lệ hoàn thành: −1',
        '  1.1  Ban hành kế hoạch: −0,5',
        '  1.3  Hồ sơ đúng hạn: −0,5',
        '  1.4  Sáng kiến: −0,5',
        'Cách chấm các tiêu chí bị mất điểm:',
        '  1.1  Kịp thời: 1; Chậm: 0,5; Không: 0 — đã nhập: Chậm',
        '  1.2  ≥ 90: 2; ≥ 50 và < 90: 1; < 50: 0 — đã nhập: 60',
        '  1.3  Điểm = 2 × đạt được / phải đạt; nhập số liệu dạng a/b hoặc % — đã nhập: 30/40',
        '  1.4  Chấm tay từ 0 đến 1, bước 0,25',
      ),
    );
  });

  it('--json: the key fields of every unit and area', async () => {
    const r = await run(['rank', ...round, '--json'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // Read back as report results.json reads it: version 3 leaves out an area's max when it is the tree's.
    const json = await resultsFromText(r.stdout);
    expect(normalise(JSON.stringify(json.tool))).toBe('{"name":"parscore","version":"<version>"}');
    expect([json.title, json.year, json.draft]).toEqual(['Bộ nhỏ để kiểm thử phiếu', 2021, false]);
    expect(
      json.units.map((u) => ({
        code: u.code,
        rank: u.rank,
        points: u.points,
        max: u.max,
        index: u.index,
        class: u.class,
        status: u.status,
        totals: u.totals,
        areas: u.areas.map((a) => [a.code, a.points, a.max, a.index]),
      })),
    ).toEqual([
      // Totals: self and appraised cover the self-assessed items, the survey its own: A 1 + 2 + 1.8 + 0.75 + 1.5 = 7.05, survey 1.6.
      {
        code: 'A',
        rank: 1,
        points: 8.65,
        max: 10,
        index: 86.5,
        class: 'Tốt',
        status: 'final',
        totals: { self: 7.05, appraised: 7.05, survey: 1.6 },
        areas: [
          ['1', 5.55, 6, 92.5],
          ['2', 3.1, 4, 77.5],
        ],
      },
      {
        code: 'B',
        rank: 2,
        points: 3.5,
        max: 6,
        index: 58.33,
        class: 'Đạt',
        status: 'final',
        totals: { self: 4, appraised: 3.5, survey: 0 },
        areas: [
          ['1', 3.5, 6, 58.33],
          ['2', null, 0, null],
        ],
      },
    ]);
  });
});

describe('rank --json, terminal safety', () => {
  it('a bidi mark in an input path: \\u202e on stdout (written unscanned, escaped by the results writer), kept as it is in the --output file', async () => {
    const dir = tmp('bidi');
    const criteria = path.join(dir, 'tiêu\u202echí\u0085.yaml');
    copyFileSync(path.join(cwd, 'criteria.yaml'), criteria);
    const out = path.join(dir, 'kq.json');
    const r = await run(['rank', ...round.map((a) => (a === 'criteria.yaml' ? criteria : a)), '--json', '-o', out], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('tiêu\\u202echí\\u0085.yaml');
    expect(r.stdout).not.toMatch(/[\u0085\u202e]/);
    const file = readFileSync(out, 'utf8');
    expect(file).toContain('tiêu\u202echí\u0085.yaml');
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(file));
  });

  it('writeChunks skips the escaping only for chunks vouched terminal-safe, and only on a writer that can; bytes reach a writer of text as text', async () => {
    const calls: string[] = [];
    const writer = { write: (t: string) => calls.push(`write ${t}`), writeTerminalSafe: (t: string | Uint8Array) => calls.push(`safe ${String(t)}`) };
    await writeChunks(writer, ['a', 'b'], { terminalSafe: true });
    await writeChunks(writer, ['c', Buffer.from('Đ')]);
    await writeChunks({ write: (t: string) => calls.push(`raw ${t}`) }, ['d', Buffer.from('ạ')], { terminalSafe: true });
    expect(calls).toEqual(['safe a', 'safe b', 'write c', 'write Đ', 'raw d', 'raw ạ']);
  });

  it('a stream (the real stdout) is handed the results as bytes, the same as the text a writer of text gets', async () => {
    const text = await run(['rank', ...round, '--json'], { cwd });
    const chunks: Buffer[] = [];
    const stdout = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    let stderr = '';
    const code = await main(['rank', ...round, '--json'], { stdout, stderr: { write: (t: string) => (stderr += t) }, cwd, env: {}, stdoutIsTTY: false });
    expect(code).toBe(0);
    expect(stderr).toBe(text.stderr);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(text.stdout);
    expect(text.stdout).toContain('"code": "A"');
  });
});

describe('status', () => {
  it('one line a unit and a summary, in both languages', async () => {
    const vi = await run(['status', ...round], { cwd });
    expect(vi.code).toBe(0);
    expect(vi.stdout).toBe(
      lines(
        'A  Đơn vị A — đã nộp phiếu; không có vấn đề; chưa có sổ thẩm định; chỉ số 86,50 (chính thức)',
        'B  Đơn vị B — đã nộp phiếu; không có vấn đề; chưa có sổ thẩm định; chỉ số 58,33 (chính thức)',
        '2 đơn vị: 2 đã nộp, 0 chưa nộp, 0 phiếu trống; 0 đã thẩm định xong',
      ),
    );
    expect(vi.stderr).toBe('');
    const en = await run(['status', ...round, '--lang', 'en'], { cwd });
    expect(en.stdout).toBe(
      lines(
        'A  Đơn vị A — form returned; no problems; no appraisal workbook; index 86.50 (final)',
        'B  Đơn vị B — form returned; no problems; no appraisal workbook; index 58.33 (final)',
        '2 units: 2 returned, 0 not returned, 0 blank; 0 appraisals finished',
      ),
    );
  });
});

describe('check', () => {
  // score-above-max/evidence.csv: A's self score for 1.4 is 1.5 (row 5, column 5) on a 1-point item.
  const bad = ['--criteria', 'criteria.yaml', '--units', 'units.yaml', '--evidence', path.join('score-above-max', 'evidence.csv'), '--survey', path.join('valid', 'survey.csv')];
  const evidence = path.join('score-above-max', 'evidence.csv');

  it('a clean round: stylish and github', async () => {
    const stylish = await run(['check', ...round], { cwd });
    expect([stylish.code, stylish.stdout, stylish.stderr]).toEqual([0, '✔ Không có vấn đề nào (4 tệp).\n', '']);
    const github = await run(['check', ...round, '--format', 'github', '--lang', 'en'], { cwd });
    expect([github.code, github.stdout, github.stderr]).toEqual([0, 'No problems (4 files).\n', '']);
  });

  it('an error: stylish, json, github and junit', async () => {
    const stylish = await run(['check', ...bad], { cwd });
    expect(stylish.code).toBe(1);
    expect(stylish.stdout).toBe(lines(evidence, '  5:5  lỗi       Điểm 1,5 của tiêu chí 1.4 vượt điểm tối đa 1.  score-above-max', '', '✖ 1 vấn đề (1 lỗi, 0 cảnh báo)'));
    expect(stylish.stderr).toBe('');

    const json = await run(['check', ...bad, '--format', 'json', '--lang', 'en'], { cwd });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        file: evidence,
        line: 5,
        column: 5,
        endLine: null,
        endColumn: null,
        sheet: null,
        cell: null,
        severity: 'error',
        code: 'score-above-max',
        message: 'Score 1.5 of criterion 1.4 is above its maximum 1.',
      },
    ]);

    // Paths from the repository root, as validate's annotations (docs/diagnostics.md), wherever check runs.
    const github = await run(['check', ...bad, '--format', 'github'], { cwd });
    expect(github.code).toBe(1);
    expect(normalise(github.stdout)).toBe(
      lines(
        '::error file=test/fixtures/evidence/score-above-max/evidence.csv,line=5,col=5,title=parscore score-above-max::Điểm 1,5 của tiêu chí 1.4 vượt điểm tối đa 1.',
        '1 vấn đề (1 lỗi, 0 cảnh báo), đã kiểm tra 4 tệp.',
      ),
    );

    const junit = await run(['check', ...bad, '--format', 'junit'], { cwd });
    expect(junit.code).toBe(1);
    const message = 'score-above-max/evidence.csv:5:5 Điểm 1,5 của tiêu chí 1.4 vượt điểm tối đa 1.';
    const clean = (file: string): string[] => [
      `  <testsuite name="${file}" tests="1" failures="0" errors="0" time="<s>">`,
      `    <testcase classname="${file}" name="parscore check" time="<s>"/>`,
      '  </testsuite>',
    ];
    expect(normalise(junit.stdout)).toBe(
      lines(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="parscore check" tests="4" failures="1" errors="0" time="<s>">',
        ...clean('criteria.yaml'),
        ...clean('units.yaml'),
        '  <testsuite name="score-above-max/evidence.csv" tests="1" failures="1" errors="0" time="<s>">',
        '    <testcase classname="score-above-max/evidence.csv" name="score-above-max: Điểm 1,5 của tiêu chí 1.4 vượt điểm tối đa 1." time="<s>">',
        `      <failure type="score-above-max" message="${message}">${message}</failure>`,
        '    </testcase>',
        '  </testsuite>',
        ...clean('valid/survey.csv'),
        '</testsuites>',
      ),
    );
  });
});

describe('init and template', () => {
  const criteria = path.join(cwd, 'criteria.yaml');
  const units = path.join(cwd, 'units.yaml');

  it('init: what it wrote and the next step; again in English: what it kept', async () => {
    const dir = tmp('init');
    const r = await run(['init', '2024', '--criteria', criteria, '--units', units], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const p = (...parts: string[]): string => path.join('2024', ...parts);
    expect(r.stderr).toBe(
      lines(
        `Đã ghi ${p('criteria.yaml')}`,
        `Đã ghi ${p('criteria.schema.json')}`,
        `Đã ghi ${p('units.yaml')}`,
        `Đã ghi ${p('parscore.yaml')}`,
        `Đã tạo 2 phiếu tự đánh giá trong ${p('evidence')}.`,
        `Bước tiếp theo: gửi phiếu trong ${p('evidence')} cho các đơn vị, nhận lại vào ${p('evidence')} (thay bản trắng cùng tên), rồi chạy: parscore status 2024`,
      ),
    );
    const again = await run(['init', '2024', '--criteria', criteria, '--units', units, '--lang', 'en'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(
      lines(
        ...[p('criteria.yaml'), p('criteria.schema.json'), p('units.yaml'), p('parscore.yaml'), p('evidence', 'A - Đơn vị A.xlsx'), p('evidence', 'B - Đơn vị B.xlsx')].map(
          (f) => `Kept ${f} (already there)`,
        ),
        `Wrote 0 evidence workbooks in ${p('evidence')}.`,
        `Next: send the forms in ${p('evidence')} to the units, collect them back in ${p('evidence')} (replacing the blank ones), then run: parscore status 2024`,
      ),
    );
    // Two blank forms: each unit has a form-blank error; A also lacks the survey file its area 2 needs
    // (B is not assessed on area 2). The round's errors make the exit code 1, as check's.
    const status = await run(['status', '2024'], { cwd: dir });
    expect(status.code).toBe(1);
    expect(status.stdout).toBe(
      lines(
        'A  Đơn vị A — phiếu trống; 2 lỗi, 0 cảnh báo; chưa có sổ thẩm định; chưa tính được chỉ số',
        'B  Đơn vị B — phiếu trống; 1 lỗi, 0 cảnh báo; chưa có sổ thẩm định; chưa tính được chỉ số',
        '2 đơn vị: 0 đã nộp, 0 chưa nộp, 2 phiếu trống; 0 đã thẩm định xong',
      ),
    );
  });

  it('template: what it wrote; again with --force: what it kept, and that --force never overwrites', async () => {
    const dir = tmp('template');
    const r = await run(['template', '--criteria', criteria, '--units', units, '--out', 'forms'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const f = (name: string): string => path.join('forms', name);
    expect(r.stderr).toBe(lines(`Đã ghi ${f('A - Đơn vị A.xlsx')}`, `Đã ghi ${f('B - Đơn vị B.xlsx')}`));
    const again = await run(['template', '--criteria', criteria, '--units', units, '--out', 'forms', '--force', '--lang', 'en'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(lines(`Kept ${f('A - Đơn vị A.xlsx')} (already there)`, `Kept ${f('B - Đơn vị B.xlsx')} (already there)`, 'Existing files are never overwritten, --force or not.'));
    expect(readdirSync(path.join(dir, 'forms')).sort()).toEqual(['A - Đơn vị A.xlsx', 'B - Đơn vị B.xlsx']);
  });
});
