// `template` writes all files or none, with names Excel and desktop file systems accept (issue 12, item 10).
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkFileNames, checkSheetNames, sheetNameProblem, uniqueSheetName } from '../src/io/sheet-names.js';
import { templateFileName } from '../src/evidence/template.js';
import { ROOT, run, tempFolders } from './helpers.js';

const tmp = tempFolders('harden');

const CRITERIA = path.join(ROOT, 'criteria', 'so-nganh-mau.yaml');
const LONG_A = `A${'x'.repeat(30)}1111`; // 35 characters; shares its first 31 with LONG_B
const LONG_B = `A${'x'.repeat(30)}2222`;

/** A units file: line 2 is `units:`, each unit takes two lines, so unit i's code is on line 3 + 2i, column 11. */
function unitsFile(dir: string, units: [string, string][]): string {
  const file = path.join(dir, 'units.yaml');
  writeFileSync(file, `# hostile unit codes\nunits:\n${units.map(([c, n]) => `  - code: ${c}\n    name: ${n}\n`).join('')}`);
  return file;
}

describe('sheet and file names', () => {
  it('Excel’s rules: History reserved, 31 characters, forbidden characters, case-insensitive uniqueness', () => {
    expect(sheetNameProblem('history')).toBe('reserved');
    expect(sheetNameProblem('x'.repeat(32))).toBe('too-long');
    expect(sheetNameProblem('a/b')).toBe('characters');
    expect(sheetNameProblem("'a")).toBe('characters');
    expect(sheetNameProblem('Sở Nội vụ')).toBeUndefined();
    const taken = new Set<string>();
    expect(['History', 'U1', 'u1', LONG_A, LONG_B].map((c) => uniqueSheetName(c, taken))).toEqual(['History~2', 'U1', 'u1~2', LONG_A.slice(0, 31), `${LONG_A.slice(0, 29)}~2`]);
    const findings = checkSheetNames(
      ['U1', 'u1', 'History', 'danhmuc'].map((name, index) => ({ name, unit: name, index })),
      ['Hướng dẫn', 'DanhMuc'],
    );
    expect(findings.map((f) => f.kind)).toEqual(['clash', 'sheet-invalid', 'sheet-taken']);
    expect(
      checkFileNames([
        { name: 'A.xlsx', unit: 'A', index: 0 },
        { name: 'a.XLSX', unit: 'a', index: 1 },
      ]).map((f) => f.kind),
    ).toEqual(['clash']);
  });

  it('a form’s file name stays under 200 bytes, cut at a whole letter', () => {
    // "Ở" (U+1EDE) takes 3 bytes in UTF-8; "U1 - " takes 5. 120 characters are kept first: 5 + 115 × 3 = 350 bytes, over 200,
    // so letters go until the name fits: 5 + 65 × 3 = 200 bytes (66 letters would be 203).
    const name = templateFileName({ code: 'U1', name: 'Ở'.repeat(150), tags: [], notApplicable: [] });
    expect(Buffer.byteLength(name)).toBe(200 + '.xlsx'.length);
    expect(name).toBe(`U1 - ${'Ở'.repeat(65)}.xlsx`);
  });
});

describe('template refuses names up front, located, and writes nothing', () => {
  const cases: { title: string; units: [string, string][]; code: string; line: number; single: boolean }[] = [
    {
      title: 'U1 and u1 in one workbook',
      units: [
        ['U1', 'Một'],
        ['u1', 'Hai'],
      ],
      code: 'template-name-clash',
      line: 5,
      single: true,
    },
    {
      title: 'a unit coded History',
      units: [
        ['SNV', 'Sở Nội vụ'],
        ['History', 'Lịch sử'],
      ],
      code: 'sheet-name-invalid',
      line: 5,
      single: true,
    },
    { title: 'a unit coded DanhMuc (a sheet parscore uses)', units: [['DanhMuc', 'Danh mục']], code: 'sheet-name-taken', line: 3, single: true },
    {
      title: 'two codes sharing 31 characters',
      units: [
        [LONG_A, 'Một'],
        [LONG_B, 'Hai'],
      ],
      code: 'template-name-clash',
      line: 5,
      single: true,
    },
    {
      title: 'two forms whose file names differ only by case',
      units: [
        ['U1', 'Sở A'],
        ['u1', 'sở a'],
      ],
      code: 'template-name-clash',
      line: 5,
      single: false,
    },
  ];
  for (const c of cases) {
    it(c.title, async () => {
      const dir = tmp('tpl');
      const units = unitsFile(dir, c.units);
      const out = c.single ? ['--single', path.join(dir, 'all.xlsx')] : ['--out', path.join(dir, 'forms')];
      const r = await run(['template', '--criteria', CRITERIA, '--units', units, ...out]);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toContain('unexpected');
      expect(r.stderr).toContain(`${units}\n  ${c.line}:11`);
      expect(r.stderr).toContain(`  ${c.code}`);
      expect(readdirSync(dir)).toEqual(['units.yaml']);
    });
  }

  it('all or none: when one target is refused, no form is written; with every target clear, all are', async () => {
    const dir = tmp('tpl-all');
    const units = unitsFile(dir, [
      ['A1', 'Một'],
      ['B2', 'Hai'],
      ['C3', 'Ba'],
    ]);
    const forms = path.join(dir, 'forms');
    mkdirSync(forms);
    // A folder stands where B2's form would go: the run is refused and no form is written.
    mkdirSync(path.join(forms, 'B2 - Hai.xlsx'));
    const r = await run(['template', '--criteria', CRITERIA, '--units', units, '--out', forms]);
    expect(r.code).toBe(2);
    expect(readdirSync(forms)).toEqual(['B2 - Hai.xlsx']);
    expect(readdirSync(path.join(forms, 'B2 - Hai.xlsx'))).toEqual([]);
    // A file someone made there instead is kept (never replaced, --force or not); the others are written.
    rmSync(path.join(forms, 'B2 - Hai.xlsx'), { recursive: true });
    writeFileSync(path.join(forms, 'B2 - Hai.xlsx'), 'a file someone made');
    const f = await run(['template', '--criteria', CRITERIA, '--units', units, '--out', forms, '--force']);
    expect(f.code).toBe(0);
    expect(readdirSync(forms).sort()).toEqual(['A1 - Một.xlsx', 'B2 - Hai.xlsx', 'C3 - Ba.xlsx']);
    expect(readFileSync(path.join(forms, 'B2 - Hai.xlsx'), 'utf8')).toBe('a file someone made');
  }, 60_000);
});

describe('report with a unit coded History', () => {
  it('gets a sheet named History~2, not an unexpected error', async () => {
    const dir = tmp('history');
    // Full results of the sample round, as `rank -o` writes them.
    expect((await run(['rank', path.join(ROOT, 'samples', '2021'), '-o', path.join(dir, 'full.json')])).code).toBe(0);
    const results = JSON.parse(readFileSync(path.join(dir, 'full.json'), 'utf8')) as { units: { code: string }[] };
    results.units[0]!.code = 'History';
    writeFileSync(path.join(dir, 'results.json'), JSON.stringify(results));
    const r = await run(['report', 'results.json', '-o', 'out.xlsx'], { cwd: dir });
    expect(r.stderr).not.toContain('unexpected');
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, 'out.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toContain('History~2');
  }, 60_000);
});
