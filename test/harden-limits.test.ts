// Limits that multiply, and a note beside the forms (issue 12, items 8 and 10).
import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, tempFolders } from './helpers.js';

const tmp = tempFolders('harden');

/** A criteria set of one area with `leaves` criteria of 1 point each: total = leaves. */
function criteriaYaml(leaves: number): string {
  const children = Array.from({ length: leaves }, (_, i) => `      - { code: "1.${i + 1}", name: "Tiêu chí ${i + 1}", max: 1 }`).join('\n');
  return `id: lon\ntitle: Bộ lớn\nyear: 2024\ntotal: ${leaves}\nprecision: 2\nareas:\n  - code: "1"\n    name: Lĩnh vực\n    max: ${leaves}\n    children:\n${children}\n`;
}

function unitsYaml(count: number): string {
  return `units:\n${Array.from({ length: count }, (_, i) => `  - { code: U${i + 1}, name: Đơn vị ${i + 1} }`).join('\n')}\n`;
}

describe('limits that multiply are bounded up front', () => {
  it('201 leaves × 10,000 units = 2,010,000 scores > 2,000,000: refused before any evidence is read, for rank and template', async () => {
    const dir = tmp('cells');
    writeFileSync(path.join(dir, 'c.yaml'), criteriaYaml(201));
    writeFileSync(path.join(dir, 'u.yaml'), unitsYaml(10_000));
    mkdirSync(path.join(dir, 'evidence'));
    writeFileSync(path.join(dir, 'parscore.yaml'), 'year: 2024\ncriteria: c.yaml\nunits: u.yaml\nevidence: evidence/\n');
    const started = Date.now();
    const r = await run(['rank', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Đợt chấm điểm quá lớn: 10000 đơn vị × 201 tiêu chí = 2010000 ô điểm (tối đa 2000000).');
    expect(r.stderr).toContain('  limit-round-size');
    const t = await run(['template', '--criteria', path.join(dir, 'c.yaml'), '--units', path.join(dir, 'u.yaml'), '--single', path.join(dir, 'all.xlsx')]);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('  limit-round-size');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(readdirSync(dir).sort()).toEqual(['c.yaml', 'evidence', 'parscore.yaml', 'u.yaml']);
  }, 60_000);

  it('just under: 200 leaves × 10,000 units = 2,000,000 is not refused for its size', async () => {
    const dir = tmp('cells-ok');
    writeFileSync(path.join(dir, 'c.yaml'), criteriaYaml(200));
    writeFileSync(path.join(dir, 'u.yaml'), unitsYaml(10_000));
    mkdirSync(path.join(dir, 'evidence'));
    writeFileSync(path.join(dir, 'parscore.yaml'), 'year: 2024\ncriteria: c.yaml\nunits: u.yaml\nevidence: evidence/\n');
    const r = await run(['check', dir]);
    expect(r.stdout).not.toContain('limit-round-size');
    // The empty evidence folder is what stops this round, not its size.
    expect(r.stdout).toContain('evidence-folder-empty');
  }, 60_000);
});

describe('a note in the evidence folder', () => {
  it('a .txt file beside the forms is skipped with a warning; the round is scored', async () => {
    const root = tmp('note');
    const round = path.join(root, 'samples', '2021');
    cpSync(path.join(ROOT, 'samples', '2021'), round, { recursive: true });
    cpSync(path.join(ROOT, 'samples', '2020'), path.join(root, 'samples', '2020'), { recursive: true });
    mkdirSync(path.join(root, 'criteria'));
    cpSync(path.join(ROOT, 'criteria', 'so-nganh-mau.yaml'), path.join(root, 'criteria', 'so-nganh-mau.yaml'));
    writeFileSync(path.join(round, 'evidence', 'ghi chú.txt'), 'SNV gửi bổ sung ngày 15/01; "không phải bảng", ; ;\n');
    const r = await run(['rank'], { cwd: round });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`evidence/ghi chú.txt\n`);
    expect(r.stderr).toContain('Bỏ qua "evidence/ghi chú.txt": thư mục minh chứng chỉ đọc phiếu Excel (.xlsx, .xlsm), LibreOffice (.ods) và bảng .csv.  evidence-file-ignored');
    expect(r.stdout).toContain('Sở Nội vụ');
  }, 60_000);
});
