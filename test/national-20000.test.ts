// Issue 16: at 20,000 units (the documented limit) the results file is written, read back as next
// year's `previous:` and reported from, each in a process of at most 2 GB of heap. A set of three
// leaves keeps the test fast; bench/results.mjs does the same at the sample set's size.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResultsJson } from '../src/results/results-json.js';
import { readResultsFile } from '../src/results/results-read.js';
import { BIN, tempFolders } from './helpers.js';

const N = 20_000;
const tmp = tempFolders('n20000');

/**
 * Two rounds of N units on a set of 10 points: 1.1 (max 4), 1.2 (max 2), 2.1 (max 4), self scores
 * 2 + 1 + 3 = 6 for every unit but two. 2024: U1 scores 4 on 1.1 (8 points), U2 0 (4 points).
 * 2025: the other way round, and U3 is replaced by U20001.
 */
function makeRound(dir: string, year: number): void {
  mkdirSync(dir, { recursive: true });
  const criteria = [
    'id: nho',
    'title: Bộ tiêu chí nhỏ',
    `year: ${year}`,
    'total: 10',
    'precision: 2',
    'areas:',
    '  - { code: "1", name: Lĩnh vực một, max: 6, children: [{ code: "1.1", name: Tiêu chí một một, max: 4 }, { code: "1.2", name: Tiêu chí một hai, max: 2 }] }',
    '  - { code: "2", name: Lĩnh vực hai, max: 4, children: [{ code: "2.1", name: Tiêu chí hai một, max: 4 }] }',
  ];
  writeFileSync(path.join(dir, 'criteria.yaml'), `${criteria.join('\n')}\n`);
  const codes = Array.from({ length: N }, (_, i) => (year === 2025 && i === 2 ? N + 1 : i + 1));
  writeFileSync(path.join(dir, 'units.yaml'), `${['units:', ...codes.map((c) => `  - { code: U${c}, name: Đơn vị số ${c} }`)].join('\n')}\n`);
  const top: Record<number, number> = year === 2024 ? { 1: 4, 2: 0 } : { 1: 0, 2: 4 };
  const rows = ['Mã đơn vị,Mã tiêu chí,Số liệu,Lựa chọn,Điểm tự chấm,Tài liệu kiểm chứng,Điểm thẩm định'];
  for (const c of codes) rows.push(`U${c},1.1,,,${top[c] ?? 2},Văn bản số ${c}-1,`, `U${c},1.2,,,1,Văn bản số ${c}-2,`, `U${c},2.1,,,3,Văn bản số ${c}-3,`);
  writeFileSync(path.join(dir, 'evidence.csv'), `${rows.join('\n')}\n`);
}

/** The built binary in a process whose heap may not pass 2 GB. */
function parscore(args: string[], cwd: string): { code: number; stderr: string } {
  const r = spawnSync(process.execPath, ['--max-old-space-size=2048', BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stderr: r.stderr };
}

const round = (year: number, extra: string[] = []) => ['rank', '--criteria', 'criteria.yaml', '--units', 'units.yaml', '--evidence', 'evidence.csv', ...extra, '-o', 'results.json'];

let root: string;
let last: ResultsJson;
beforeAll(() => {
  root = tmp('rounds');
  makeRound(path.join(root, '2024'), 2024);
  makeRound(path.join(root, '2025'), 2025);
});

describe(`${N.toLocaleString('en')} units in 2 GB`, () => {
  it('rank -o writes the results; the next year reads them as previous:', async () => {
    const first = parscore(round(2024), path.join(root, '2024'));
    expect(first.stderr).toBe('Đã ghi results.json\n');
    expect(first.code).toBe(0);
    const second = parscore(round(2025, ['--previous', '../2024/results.json']), path.join(root, '2025'));
    expect(second.stderr).toBe('Đã ghi results.json\n');
    expect(second.code).toBe(0);
    const file = path.join(root, '2025', 'results.json');
    // About 1.3 KB a unit with three leaves: 26 MB, far from the 512 MB limit.
    expect(statSync(file).size).toBeLessThan(40 * 1024 * 1024);
    const read = await readResultsFile(file, 'results.json');
    expect(read.ok).toBe(true);
    last = (read as { json: ResultsJson }).json;
    const unit = (code: string) => last.units.find((u) => u.code === code)!;
    // 2025: U2 has 4 + 1 + 3 = 8 of 10 → 80 %, alone at the top; in 2024 it had 0 + 1 + 3 = 4 → 40 %,
    // alone at the bottom: rank 20,000. Up 20,000 − 1 = 19,999 places, index up 80 − 40 = 40.
    expect([unit('U2').rank, unit('U2').previousRank, unit('U2').rankChange, unit('U2').previousIndex, unit('U2').indexChange]).toEqual([1, 20_000, 19_999, 40, 40]);
    // U1 the other way: 2024 rank 1 (80 %), 2025 last of 20,000 (40 %): down 19,999.
    expect([unit('U1').rank, unit('U1').previousRank, unit('U1').rankChange, unit('U1').indexChange]).toEqual([20_000, 1, -19_999, -40]);
    // Everyone else: 6 points, 60 %, rank 2 both years (shared); U20001 is new, U3 is gone.
    expect([unit('U777').rank, unit('U777').rankChange, unit('U777').index]).toEqual([2, 0, 60]);
    expect([unit('U20001').rank, unit('U20001').new, unit('U20001').previousRank]).toEqual([2, true, null]);
    expect(last.gone).toEqual([{ code: 'U3', name: 'Đơn vị số 3', previousRank: 2 }]);
    expect(last.units).toHaveLength(N);
  }, 600_000);

  it('report results.json builds the workbook from the file', () => {
    const r = parscore(['report', 'results.json', '-o', 'report.xlsx'], path.join(root, '2025'));
    // Above 9,993 units the per-unit sheets are left out by default (LibreOffice opens at most 10,000 sheets), said once.
    expect(r.stderr).toBe(
      [
        'Đã ghi report.xlsx',
        'report.xlsx',
        '    cảnh báo  Báo cáo không có trang riêng cho từng đơn vị: 20000 đơn vị, nhiều hơn 9993 trang đơn vị mà LibreOffice mở được (tối đa 10 000 trang một tệp). Các trang xếp hạng, theo lĩnh vực, điều chỉnh và phân tích vẫn đủ mọi đơn vị; xem từng đơn vị bằng "parscore rank --unit <mã>", hoặc ghi đủ các trang bằng --unit-sheets all (chỉ mở được bằng Excel).  report-unit-sheets-omitted',
        '',
        '✖ 1 vấn đề (0 lỗi, 1 cảnh báo)',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    expect(existsSync(path.join(root, '2025', 'report.xlsx'))).toBe(true);
  }, 600_000);
});
