// Every limit of core/limits.ts, just under and just over.
import { closeSync, mkdtempSync, openSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../src/core/limits.js';
import { loadCriteria } from '../src/criteria/index.js';
import { csvGrid } from '../src/evidence/csv.js';
import { readEvidenceFile } from '../src/evidence/read.js';
import { readBytesInput } from '../src/io/read-text.js';
import { ReadBudget, ReadStop } from '../src/io/spreadsheet.js';
import { Zip, ZipError } from '../src/io/zip.js';
import { forgeZip } from './forge.js';
import { loadUnits } from '../src/units/index.js';
import { run } from './helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'parscore-limits-'));
const codes = (ds: { code: string }[]): string[] => ds.map((d) => d.code);

/** A file of `size` bytes that takes no disk (sparse). */
function sparse(name: string, size: number): string {
  const file = path.join(dir, name);
  const fd = openSync(file, 'w');
  ftruncateSync(fd, size);
  closeSync(fd);
  return file;
}

describe('file sizes', () => {
  it('YAML files: 10 MB accepted, one byte more refused (exit 2)', async () => {
    const under = await run(['validate', sparse('under.yaml', LIMITS.yamlBytes)]);
    expect(under.stdout).not.toContain('Tệp quá lớn');
    const over = await run(['validate', sparse('over.yaml', LIMITS.yamlBytes + 1)]);
    expect(over.code).toBe(2);
    expect(over.stdout).toContain('Tệp quá lớn (10,0 MB; tối đa 10 MB).');
  });

  it('tables and workbooks: at the limit read, past it refused before reading', async () => {
    expect((await readBytesInput(sparse('t.csv', LIMITS.tableBytes), 't.csv', LIMITS.tableBytes)).ok).toBe(true);
    const table = await readBytesInput(sparse('t2.csv', LIMITS.tableBytes + 1), 't2.csv', LIMITS.tableBytes);
    expect(table.ok ? undefined : table.diagnostic.code).toBe('file-too-large');
    const under = await readEvidenceFile(sparse('w.xlsx', LIMITS.workbookBytes), 'w.xlsx', new Set());
    expect(codes(under.diagnostics)).toEqual(['xlsx-not-zip']);
    const over = await readEvidenceFile(sparse('w2.xlsx', LIMITS.workbookBytes + 1), 'w2.xlsx', new Set());
    expect(codes(over.diagnostics)).toEqual(['file-too-large']);
  });

  it('results JSON: past 512 MB refused before reading, by report and by previous:', async () => {
    // Reading 512 MB to show the size itself is accepted would cost a gigabyte: the 20,000-unit
    // files of test/national-20000.test.ts and bench/results.mjs are read through the same limit.
    const over = sparse('over.json', LIMITS.resultsBytes + 1);
    const report = await run(['report', over, '-o', path.join(dir, 'over.xlsx')]);
    expect(report.code).toBe(2);
    expect(report.stdout + report.stderr).toContain('Tệp quá lớn (512,0 MB; tối đa 512 MB).');
    const { readPreviousFile } = await import('../src/results/results-read.js');
    const previous = await readPreviousFile(over, 'over.json');
    expect(previous.ok ? [] : previous.diagnostics.map((d) => d.code)).toEqual(['file-too-large']);
  });

  it('parts of a workbook: 10,000 opened, one more refused', () => {
    const parts = (n: number) => forgeZip(Array.from({ length: n }, (_, i) => ({ name: `p${i}`, data: '', method: 0 as const })));
    expect('zip' in Zip.open(parts(LIMITS.workbookParts))).toBe(true);
    expect(Zip.open(parts(LIMITS.workbookParts + 1))).toEqual({ problem: { code: 'xlsx-too-many-parts', count: LIMITS.workbookParts + 1, limit: LIMITS.workbookParts } });
  });

  it('bytes actually inflated, per part and in total: at the limit read, one byte more refused', async () => {
    // Two parts of 1,000 bytes each, declaring 1 byte: only what comes out of the decompressor counts.
    const bytes = forgeZip([
      { name: 'a', data: 'a'.repeat(1000), declare: 1 },
      { name: 'b', data: 'b'.repeat(1000), declare: 1 },
    ]);
    const readAll = async (maxPartBytes: number, maxTotalBytes: number): Promise<string | undefined> => {
      const opened = Zip.open(bytes, { maxEntries: 10, maxPartBytes, maxTotalBytes });
      if ('problem' in opened) return opened.problem.code;
      try {
        for (const name of ['a', 'b']) await opened.zip.stream(name, () => undefined);
        return undefined;
      } catch (err) {
        return err instanceof ZipError ? err.problem.code : String(err);
      }
    };
    expect(await readAll(1000, 2000)).toBeUndefined();
    expect(await readAll(999, 2000)).toBe('xlsx-unpacked-too-large');
    expect(await readAll(1000, 1999)).toBe('xlsx-unpacked-too-large');
    expect(LIMITS.partBytes).toBe(512 * 1024 * 1024);
    expect(LIMITS.unpackedBytes).toBe(1024 * 1024 * 1024);
  });
});

describe('tables', () => {
  const header = 'Mã đơn vị,Mã tiêu chí,Điểm tự chấm';
  it('rows: a CSV holds the long table of the largest round (2,100,000 rows); one more refused', async () => {
    // 20,000 units × 100 leaves = 2,000,000 scores (LIMITS.roundScores), one row each, plus a header block.
    expect(LIMITS.csvRows).toBeGreaterThan(LIMITS.roundScores);
    const under = path.join(dir, 'rows-under.csv');
    // The header line, then one empty row per further newline.
    writeFileSync(under, `${header}\n${'\n'.repeat(LIMITS.csvRows - 1)}`);
    expect(csvGrid('x', `${header}\n${'\n'.repeat(LIMITS.csvRows - 1)}`).rowCount).toBe(LIMITS.csvRows);
    expect(codes((await readEvidenceFile(under, 'rows-under.csv', new Set())).diagnostics)).toEqual([]);
    const over = path.join(dir, 'rows-over.csv');
    writeFileSync(over, `${header}\n${'\n'.repeat(LIMITS.csvRows)}`);
    const found = (await readEvidenceFile(over, 'rows-over.csv', new Set())).diagnostics;
    expect(found.map((d) => [d.code, d.params.limit])).toEqual([['limit-rows', LIMITS.csvRows]]);
  });

  it('columns', async () => {
    const wide = (n: number): string => `${header}${',x'.repeat(n - 3)}\nA,1.1,1\n`;
    const under = path.join(dir, 'cols-under.csv');
    writeFileSync(under, wide(LIMITS.columns));
    expect(codes((await readEvidenceFile(under, 'c.csv', new Set(['A']))).diagnostics)).toEqual([]);
    const over = path.join(dir, 'cols-over.csv');
    writeFileSync(over, wide(LIMITS.columns + 1));
    expect(codes((await readEvidenceFile(over, 'c.csv', new Set(['A']))).diagnostics)).toEqual(['limit-columns']);
  });

  it('text in a cell', async () => {
    const cell = (n: number): string => `Mã đơn vị,Mã tiêu chí,Điểm tự chấm,Tài liệu kiểm chứng\nA,1.1,1,${'x'.repeat(n)}\n`;
    writeFileSync(path.join(dir, 'text-under.csv'), cell(LIMITS.textLength));
    const under = await readEvidenceFile(path.join(dir, 'text-under.csv'), 't.csv', new Set(['A']));
    expect([codes(under.diagnostics), under.rows.length]).toEqual([[], 1]);
    writeFileSync(path.join(dir, 'text-over.csv'), cell(LIMITS.textLength + 1));
    const over = await readEvidenceFile(path.join(dir, 'text-over.csv'), 't.csv', new Set(['A']));
    expect(over.diagnostics.map((d) => [d.code, d.location?.line, d.location?.column])).toEqual([['limit-text-length', 2, 4]]);
  });
});

describe('YAML and criteria', () => {
  const set = (areas: string): string => `id: gioi-han\ntitle: Giới hạn\nyear: 2024\ntotal: 1\nprecision: 2\nareas:\n${areas}`;

  it('nesting depth', () => {
    const nested = (k: number): string => `id: x\nextra: ${'['.repeat(k)}1${']'.repeat(k)}\n`;
    expect(codes(loadCriteria('u.yaml', nested(LIMITS.yamlDepth - 1)).diagnostics)).not.toContain('limit-yaml-depth');
    expect(codes(loadCriteria('o.yaml', nested(LIMITS.yamlDepth)).diagnostics)).toContain('limit-yaml-depth');
    // Far past it, the parser itself would run out of stack: still a located answer.
    expect(codes(loadCriteria('deep.yaml', nested(100_000)).diagnostics)).toEqual(['limit-yaml-depth']);
  });

  it('tree depth: 8 levels accepted, 9 refused', () => {
    const chain = (levels: number): string => {
      let yaml = '';
      let code = '';
      for (let l = 1; l <= levels; l++) {
        code = l === 1 ? '1' : `${code}.1`;
        const pad = '  '.repeat(2 * (l - 1));
        yaml += `${pad}  - code: "${code}"\n${pad}    name: Mức ${l}\n${pad}    max: 1\n${l < levels ? `${pad}    children:\n` : ''}`;
      }
      return set(yaml);
    };
    expect(loadCriteria('u.yaml', chain(LIMITS.treeDepth)).diagnostics).toEqual([]);
    expect(codes(loadCriteria('o.yaml', chain(LIMITS.treeDepth + 1)).diagnostics)).toEqual(['limit-tree-depth']);
  });

  it('number of nodes', () => {
    const flat = (n: number): string => {
      const leaves = Array.from({ length: n - 1 }, (_, i) => `      - { code: "1.${i + 1}", name: x, max: 1 }`).join('\n');
      return `id: gioi-han\ntitle: Giới hạn\nyear: 2024\ntotal: ${n - 1}\nprecision: 2\nareas:\n  - code: "1"\n    name: Một\n    max: ${n - 1}\n    children:\n${leaves}\n`;
    };
    expect(loadCriteria('u.yaml', flat(LIMITS.nodes)).diagnostics).toEqual([]);
    expect(codes(loadCriteria('o.yaml', flat(LIMITS.nodes + 1)).diagnostics)).toEqual(['limit-nodes']);
  });

  it('text length of a YAML value', () => {
    const named = (n: number): string => set(`  - { code: "1", name: ${'a'.repeat(n)}, max: 1 }\n`);
    expect(loadCriteria('u.yaml', named(LIMITS.textLength)).diagnostics).toEqual([]);
    expect(loadCriteria('o.yaml', named(LIMITS.textLength + 1)).diagnostics.map((d) => [d.code, d.location?.line])).toEqual([['limit-text-length', 7]]);
  });

  it('number of units: 20,000 accepted, one more refused', () => {
    const units = (n: number): string => `units:\n${Array.from({ length: n }, (_, i) => `  - { code: U${i}, name: Đơn vị ${i} }`).join('\n')}\n`;
    expect(loadUnits('u.yaml', units(LIMITS.units)).diagnostics).toEqual([]);
    expect(codes(loadUnits('o.yaml', units(LIMITS.units + 1)).diagnostics)).toEqual(['limit-units']);
  });
});

describe('workbook budgets, checked as cells arrive', () => {
  it('cells, columns, rows a sheet, rows over all sheets, XML elements: at the limit read, one more refused', () => {
    const budget = () => new ReadBudget({ cells: 4, sheetRows: 10, rows: 6, columns: 3, xmlElements: 5 });
    const stopCode = (f: () => void): string | undefined => {
      try {
        f();
        return undefined;
      } catch (err) {
        return err instanceof ReadStop ? err.problem.code : String(err);
      }
    };
    // Cells: 4 fine, the 5th refused; a column past 3 refused.
    expect(
      stopCode(() => {
        const b = budget();
        for (let i = 0; i < 4; i++) b.cell('S', 1);
      }),
    ).toBeUndefined();
    expect(
      stopCode(() => {
        const b = budget();
        for (let i = 0; i < 5; i++) b.cell('S', 1);
      }),
    ).toBe('limit-cells');
    expect(stopCode(() => budget().cell('S', 3))).toBeUndefined();
    expect(stopCode(() => budget().cell('S', 4))).toBe('limit-columns');
    // Rows: row 6 of a sheet fine, row 7 refused; two sheets to row 5 (10 rows) fine, a third row past that refused.
    expect(stopCode(() => budget().advance('S', 0, 6))).toBeUndefined();
    expect(stopCode(() => budget().advance('S', 0, 7))).toBe('limit-rows');
    expect(
      stopCode(() => {
        const b = budget();
        b.advance('S1', 0, 5);
        b.advance('S2', 0, 5);
      }),
    ).toBeUndefined();
    expect(
      stopCode(() => {
        const b = budget();
        b.advance('S1', 0, 5);
        b.advance('S2', 0, 5);
        b.advance('S3', 0, 1);
      }),
    ).toBe('limit-sheet-rows');
    // XML elements: 5 fine, the 6th refused.
    expect(
      stopCode(() => {
        const b = budget();
        for (let i = 0; i < 5; i++) b.element();
      }),
    ).toBeUndefined();
    expect(
      stopCode(() => {
        const b = budget();
        for (let i = 0; i < 6; i++) b.element();
      }),
    ).toBe('limit-xml-elements');
    expect([LIMITS.cells, LIMITS.sheetRows, LIMITS.xmlElements]).toEqual([20_000_000, 2_000_000, 30_000_000]);
  });
});
