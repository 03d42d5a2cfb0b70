// parscore's own spreadsheet reader against hostile and hand-made files.
// Every input is made by test/forge.ts; each hostile file must end in a
// plain diagnostic naming the file, within 60 s and 1.5 GB, leaving nothing
// in the temp folder.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../src/core/limits.js';
import { workbookGrids } from '../src/evidence/grids.js';
import { readEvidenceFile, readSurvey } from '../src/evidence/read.js';
import { readCsvGrid } from '../src/evidence/csv.js';
import { classifyOle } from '../src/io/ole.js';
import { readWorkbookBytes } from '../src/io/workbook-read.js';
import { deflatedFiller, forgeOds, forgeOle, forgeXlsx, forgeZip, num, row, str, xlsxParts } from './forge.js';

const dir = mkdtempSync(path.join(tmpdir(), 'parscore-reader-'));
const privateTemp = mkdtempSync(path.join(tmpdir(), 'parscore-reader-tmp-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(privateTemp, { recursive: true, force: true });
});

// While a hostile file is read, TMPDIR points at a private empty folder: anything written there would show.

const HEADER = row(1, str('A1', 'Mã đơn vị'), str('B1', 'Mã tiêu chí'), str('C1', 'Điểm tự chấm'));
const DATA = (r: number, unit: string, code: string, self: number): string => row(r, str(`A${r}`, unit), str(`B${r}`, code), num(`C${r}`, self));

async function evidence(name: string, bytes: Buffer, streamAbove?: number) {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return readEvidenceFile(file, name, new Set(['A', 'B']), streamAbove);
}

/** Runs `read` and checks the bounds every hostile file must meet. */
async function bounded<T>(read: () => Promise<T>): Promise<T> {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = privateTemp;
  try {
    expect(tmpdir()).toBe(privateTemp);
    const start = Date.now();
    const result = await read();
    expect(Date.now() - start).toBeLessThan(60_000);
    expect(process.memoryUsage().rss).toBeLessThan(1.5 * 1024 ** 3);
    expect(readdirSync(privateTemp)).toEqual([]);
    return result;
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

const codes = (r: { diagnostics: { code: string }[] }): string[] => r.diagnostics.map((d) => d.code);

describe('zip: declarations are never trusted', () => {
  it('a part that declares 1,000 bytes and inflates past the part budget is refused as it inflates', async () => {
    const parts = xlsxParts({ sheets: [{ name: 'A', xml: HEADER }] }).filter((p) => p.name !== 'xl/worksheets/sheet1.xml');
    // 600 MB of "<x/>" inside a worksheet root: over the 512 MB a part may unpack to.
    const bomb = forgeZip([...parts, { name: 'xl/worksheets/sheet1.xml', data: '', raw: await deflatedFiller(600 * 1024 * 1024), declare: 1000 }]);
    const r = await bounded(() => evidence('bomb.xlsx', bomb));
    expect(codes(r)).toEqual(['xlsx-unpacked-too-large']);
    expect(r.diagnostics[0]!.file).toBe('bomb.xlsx');
    expect(r.diagnostics[0]!.params.limit).toBe((LIMITS.partBytes / 1048576).toFixed(1));
  });

  it('the total budget counts what was inflated, not what was declared', async () => {
    const bytes = forgeXlsx({ sheets: [{ name: 'A', xml: HEADER + DATA(2, 'A', '1.1', 1) }] });
    // Every part declares 1 byte; together they unpack to far more than the 2,000 allowed here.
    const lying = forgeZip(xlsxParts({ sheets: [{ name: 'A', xml: HEADER + DATA(2, 'A', '1.1', 1) }] }).map((p) => ({ ...p, declare: 1 })));
    expect(await readWorkbookBytes(bytes, () => undefined, { limits: { maxEntries: 100, maxPartBytes: 1e6, maxTotalBytes: 1e6 } })).toBeUndefined();
    // The parts really unpack to over 1,000 bytes (workbook.xml and its rels alone are about 700).
    const total = (sheets: number) => ({ maxEntries: 100, maxPartBytes: 1e6, maxTotalBytes: sheets });
    expect(await readWorkbookBytes(lying, () => ({ row() {}, end() {} }), { limits: total(1000) })).toMatchObject({ code: 'xlsx-unpacked-too-large' });
  });

  it('a local entry the central directory does not list is refused', async () => {
    const parts = xlsxParts({ sheets: [{ name: 'A', xml: HEADER + DATA(2, 'A', '1.1', 1) }] });
    const hidden = forgeZip([...parts.slice(0, 2), { name: 'xl/worksheets/sheet9.xml', data: '<worksheet/>', localOnly: true }, ...parts.slice(2)]);
    const r = await evidence('local-only.xlsx', hidden);
    expect(codes(r)).toEqual(['xlsx-corrupt']);
    expect(String(r.diagnostics[0]!.params.detail)).toContain('belong to no listed part');
  });

  it('a local header that names another part than the central directory is refused', async () => {
    const parts = xlsxParts({ sheets: [{ name: 'A', xml: HEADER }] });
    const lying = forgeZip(parts.map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, localName: 'xl/worksheets/sheet2.xml' } : p)));
    const r = await evidence('disagree.xlsx', lying);
    expect(codes(r)).toEqual(['xlsx-corrupt']);
    expect(String(r.diagnostics[0]!.params.detail)).toContain('local header disagrees');
  });

  it('a local header that declares other sizes than the central directory is refused', async () => {
    const parts = xlsxParts({ sheets: [{ name: 'A', xml: HEADER }] });
    const good = forgeZip(parts);
    // Patch the first local header's unpacked size (offset 22) only.
    const bad = Buffer.from(good);
    bad.writeUInt32LE(bad.readUInt32LE(22) + 1, 22);
    expect(codes(await evidence('size-ok.xlsx', good))).toEqual([]);
    expect(codes(await evidence('size-bad.xlsx', bad))).toEqual(['xlsx-corrupt']);
  });

  it('parts in any order are read the same', async () => {
    const parts = xlsxParts({ sheets: [{ name: 'A', xml: HEADER + DATA(2, 'A', '1.1', 0.5) }] });
    const reversed = await evidence('reversed.xlsx', forgeZip([...parts].reverse()));
    const inOrder = await evidence('in-order.xlsx', forgeZip(parts));
    expect(codes(reversed)).toEqual([]);
    expect(reversed.rows).toHaveLength(1);
    expect(JSON.stringify(reversed.rows)).toBe(JSON.stringify(inOrder.rows).replaceAll('in-order', 'reversed'));
  });

  it('12,000 worksheets: more parts than the limit, refused from the central directory', async () => {
    const sheets = Array.from({ length: 12_000 }, (_, i) => ({ name: `S${i}`, xml: '' }));
    const r = await bounded(() => evidence('many.xlsx', forgeXlsx({ sheets })));
    expect(codes(r)).toEqual(['xlsx-too-many-parts']);
    expect(r.diagnostics[0]!.params).toEqual({ count: 12_004, limit: LIMITS.workbookParts });
  });
});

describe('xlsx: only what the workbook lists, within budgets', () => {
  it('a sheet in the zip but not listed in workbook.xml is never read, whatever the size', async () => {
    const wb = {
      sheets: [
        { name: 'A', xml: HEADER + DATA(2, 'A', '1.1', 1) },
        { name: 'Ẩn', xml: HEADER + DATA(2, 'B', '1.1', 10), unlisted: true },
      ],
    };
    for (const streamAbove of [undefined, 0]) {
      const r = await evidence('unlisted.xlsx', forgeXlsx(wb), streamAbove);
      expect(codes(r)).toEqual([]);
      expect(r.rows.map((x) => `${x.unit} ${x.criterion}`)).toEqual(['A 1.1']);
    }
  });

  it('a listed sheet whose relationship is missing is damage, not an empty workbook', async () => {
    const parts = xlsxParts({ sheets: [{ name: 'A', xml: HEADER + DATA(2, 'A', '1.1', 1) }] }).map((p) =>
      p.name === 'xl/_rels/workbook.xml.rels' ? { ...p, data: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>' } : p,
    );
    const r = await evidence('no-rels.xlsx', forgeZip(parts));
    expect(r.diagnostics.map((d) => [d.code, d.params.detail])).toEqual([['xlsx-corrupt', 'sheet "A" has no part']]);
  });

  it('XML broken inside a sheet is damage shown on that sheet, read whole or streamed', async () => {
    const wb = { sheets: [{ name: 'Sở Tư pháp', xml: HEADER + DATA(2, 'A', '1.1', 1).replace('</row>', '</rowx>') }] };
    for (const streamAbove of [undefined, 0]) {
      const r = await evidence('broken-xml.xlsx', forgeXlsx(wb), streamAbove);
      expect(r.diagnostics.map((d) => [d.code, d.cell?.sheet, d.params.detail])).toEqual([['xlsx-corrupt', 'Sở Tư pháp', 'xl/worksheets/sheet1.xml: </rowx> closes <row>']]);
    }
  });

  it('hidden and very hidden sheets are skipped', async () => {
    const r = await evidence(
      'hidden.xlsx',
      forgeXlsx({
        sheets: [
          { name: 'A', xml: HEADER + DATA(2, 'A', '1.1', 1) },
          { name: 'H', xml: HEADER + DATA(2, 'B', '1.1', 1), state: 'hidden' },
          { name: 'V', xml: HEADER + DATA(2, 'B', '1.2', 1), state: 'veryHidden' },
        ],
      }),
    );
    expect(r.rows.map((x) => `${x.unit} ${x.criterion}`)).toEqual(['A 1.1']);
  });

  it('9,990 sheets each with one cell at row 999,999: refused after the third sheet, not after 87 minutes', async () => {
    const sheets = Array.from({ length: 9_990 }, (_, i) => ({ name: `S${i}`, xml: row(999_999, num('A999999', 1)) }));
    const r = await bounded(() => evidence('far.xlsx', forgeXlsx({ sheets })));
    expect(codes(r)).toEqual(['limit-sheet-rows']);
    // Sheets S0 and S1 add 1,999,998 rows; S2 takes the total past 2,000,000.
    expect(r.diagnostics[0]!.cell).toEqual({ sheet: 'S2' });
  });

  it('a shared-strings table of tiny rich-text runs is refused while it is parsed', async () => {
    // Two one-letter runs a string: the 2,000,000-run limit is reached at string 1,000,000, before the string limit.
    const raw = await deflatedFiller(1_500_000 * 40, '<si><r><t>a</t></r><r><t>b</t></r></si>', '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">');
    const parts = xlsxParts({ sheets: [{ name: 'A', xml: HEADER }], sharedStrings: '' }).map((p) => (p.name === 'xl/sharedStrings.xml' ? { ...p, raw, declare: 1000 } : p));
    const r = await bounded(() => evidence('runs.xlsx', forgeZip(parts)));
    expect(codes(r)).toEqual(['limit-rich-text']);
  });

  it('a shared-strings table of more strings than the limit is refused while it is parsed', async () => {
    // 2,100,000 one-letter strings (17 characters of XML each): past the 2,000,000 limit.
    const raw = await deflatedFiller(2_100_000 * 17, '<si><t>a</t></si>', '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">');
    const parts = xlsxParts({ sheets: [{ name: 'A', xml: HEADER }], sharedStrings: '' }).map((p) => (p.name === 'xl/sharedStrings.xml' ? { ...p, raw, declare: 1000 } : p));
    const r = await bounded(() => evidence('strings.xlsx', forgeZip(parts)));
    expect(r.diagnostics.map((d) => [d.code, d.file])).toEqual([['limit-shared-strings', 'strings.xlsx']]);
  });

  it('a huge styles part is refused while it is parsed', async () => {
    const raw = await deflatedFiller(2_000_000 * 16, '<xf numFmtId="9"/>', '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>');
    const parts = xlsxParts({ sheets: [{ name: 'A', xml: HEADER }], styles: '' }).map((p) => (p.name === 'xl/styles.xml' ? { ...p, raw, declare: 1000 } : p));
    const r = await bounded(() => evidence('styles.xlsx', forgeZip(parts)));
    expect(codes(r)).toEqual(['limit-styles']);
  });

  it('the text limit applies to what a cell finally holds: rich text joined, a formula result', async () => {
    // 3 runs of 4,000 characters: 12,000 characters in the cell, over the 10,000 limit; 2 runs (8,000) are within it.
    const run = `<r><t>${'x'.repeat(4000)}</t></r>`;
    const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si>${run.repeat(3)}</si><si>${run.repeat(2)}</si></sst>`;
    const formula = `<c r="C4" t="str"><f>REPT("y",12000)</f><v>${'y'.repeat(12_000)}</v></c>`;
    const sheet =
      HEADER +
      row(2, str('A2', 'A'), str('B2', '1.1'), '<c r="C2" t="s"><v>0</v></c>') +
      row(3, str('A3', 'A'), str('B3', '1.2'), '<c r="C3" t="s"><v>1</v></c>') +
      row(4, str('A4', 'A'), str('B4', '1.3'), formula);
    const r = await evidence('long-text.xlsx', forgeXlsx({ sheets: [{ name: 'D', xml: sheet }], sharedStrings: sst }));
    expect(r.diagnostics.map((d) => `${d.code}@${d.cell?.cell}:${d.params.length}`)).toEqual(['limit-text-length@C2:12000', 'limit-text-length@C4:12000']);
    expect(r.rows.map((x) => x.criterion)).toEqual(['1.2']);
  });

  it('a cell merged down over a score column is reported at its first data row', async () => {
    const sheet = HEADER + DATA(2, 'A', '1.1', 1) + row(3, str('A3', 'A'), str('B3', '1.2'));
    for (const streamAbove of [undefined, 0]) {
      const r = await evidence(
        'merged.xlsx',
        forgeXlsx({ sheets: [{ name: 'D', xml: sheet, after: '<mergeCells count="2"><mergeCell ref="C2:C3"/><mergeCell ref="A1:B1"/></mergeCells>' }] }),
        streamAbove,
      );
      expect(r.diagnostics.map((d) => `${d.code}@${d.cell?.cell} ${d.params.range}`)).toEqual(['cell-merged-over-rows@C2 C2:C3']);
    }
  });

  it('merged ranges past the limit are refused as they arrive', async () => {
    // 1,000,001 one-column merges two rows tall: one past the 1,000,000 limit.
    const raw = await deflatedFiller(1_000_001 * 26, '<mergeCell ref="A1:A2"/>  ', `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/><mergeCells>`);
    const parts = xlsxParts({ sheets: [{ name: 'M', xml: '' }] }).map((p) => (p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data: '', raw } : p));
    const r = await bounded(() => evidence('merges.xlsx', forgeZip(parts)));
    expect(r.diagnostics.map((d) => [d.code, d.cell?.sheet])).toEqual([['limit-merges', 'M']]);
  });

  it('a formula whose saved value predates a pending recalculation is not scored', async () => {
    const cells = (f: string): string => HEADER + row(2, str('A2', 'A'), str('B2', '1.1'), `<c r="C2"><f>${f}</f><v>1</v></c>`);
    const pending = '<calcPr calcId="171027" fullCalcOnLoad="1"/>';
    // Reads D2, and the workbook asks for a recalculation: the saved 1 cannot be trusted.
    const stale = await evidence('stale.xlsx', forgeXlsx({ sheets: [{ name: 'D', xml: cells('D2*2') }], workbookExtra: pending }));
    expect(stale.rows[0]!.self?.content).toEqual({ kind: 'formula-without-result' });
    // The same file saved by Excel or LibreOffice (no pending recalculation), or a formula of constants: trusted.
    for (const [name, f, extra] of [
      ['saved.xlsx', 'D2*2', '<calcPr calcId="191029"/>'],
      ['constant.xlsx', '3-2', pending],
    ] as const) {
      const r = await evidence(name, forgeXlsx({ sheets: [{ name: 'D', xml: cells(f) }], workbookExtra: extra }));
      expect((r.rows[0]!.self!.content as { value?: { toString(): string } }).value?.toString()).toBe('1');
    }
  });

  it('number formats: built-in percent and date ids, custom codes, text', async () => {
    const styles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="10"/><xf numFmtId="164"/><xf numFmtId="49"/></cellXfs></styleSheet>`;
    const sheet = row(1, num('A1', 0.95, 1), num('B1', 0.955, 2), num('C1', 45877, 3), num('D1', 45877, 0), `<c r="E1" s="4" t="inlineStr"><is><t>8/8</t></is></c>`);
    const { grids, diagnostics } = await workbookGrids(forgeXlsx({ sheets: [{ name: 'F', xml: sheet }], styles }), 'f.xlsx');
    expect(diagnostics).toEqual([]);
    const g = grids[0]!;
    expect([1, 2, 3, 4, 5].map((c) => g.numFmt?.(1, c))).toEqual(['0%', '0.00%', 'dd/mm/yyyy', 'General', '@']);
    expect(g.value(1, 1)).toBe(0.95);
    // Serial 45877 is 2025-08-08 (25569 is 1970-01-01; 45877 − 25569 = 20308 days after it).
    expect(g.value(1, 3)).toEqual(new Date(Date.UTC(2025, 7, 8)));
    expect(g.value(1, 4)).toBe(45877);
    expect(g.value(1, 5)).toBe('8/8');
  });
});

describe('OLE2: a renamed .xls is not an encrypted workbook', () => {
  it('tells them apart by the directory stream names', () => {
    expect(classifyOle(forgeOle(['Workbook']))).toBe('legacy');
    expect(classifyOle(forgeOle(['Book']))).toBe('legacy');
    expect(classifyOle(forgeOle(['EncryptionInfo', 'EncryptedPackage']))).toBe('encrypted');
    expect(classifyOle(forgeOle(['WordDocument']))).toBe('other');
    expect(classifyOle(Buffer.concat([forgeOle([]).subarray(0, 512)]))).toBe('unreadable');
  });

  it('names the file with the right advice', async () => {
    expect(codes(await evidence('renamed.xlsx', forgeOle(['Workbook', '\u0005SummaryInformation'])))).toEqual(['xlsx-legacy']);
    expect(codes(await evidence('locked.xlsx', forgeOle(['EncryptionInfo', 'EncryptedPackage'])))).toEqual(['xlsx-encrypted']);
  });
});

describe('ods', () => {
  const table = (name: string, rows: string, style = ''): string => `<table:table table:name="${name}"${style}>${rows}</table:table>`;
  const s = (text: string, extra = ''): string => `<table:table-cell office:value-type="string"${extra}><text:p>${text}</text:p></table:table-cell>`;
  const f = (value: string, type = 'float', extra = ''): string => `<table:table-cell office:value-type="${type}" office:value="${value}"${extra}><text:p>${value}</text:p></table:table-cell>`;
  const HEAD = `<table:table-row>${s('Mã đơn vị')}${s('Mã tiêu chí')}${s('Số liệu')}${s('Điểm tự chấm')}</table:table-row>`;

  it('reads percent, date, repeated cells and rows, paragraphs, and skips hidden tables', async () => {
    const rows =
      HEAD +
      `<table:table-row>${s('A')}${s('1.2')}${f('0.95', 'percentage')}<table:table-cell/></table:table-row>` +
      `<table:table-row>${s('A')}${s('1.3')}<table:table-cell office:value-type="date" office:date-value="2025-08-08"><text:p>08/08/25</text:p></table:table-cell></table:table-row>` +
      // Two identical rows, written once; three identical cells, written once.
      `<table:table-row table:number-rows-repeated="2">${s('B', ' table:number-columns-repeated="1"')}${s('2.1')}<table:table-cell table:number-columns-repeated="2" office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell></table:table-row>` +
      `<table:table-row>${s('B')}${s('2.2')}<table:table-cell office:value-type="string"><text:p>dòng một</text:p><text:p>dòng<text:s text:c="2"/>hai</text:p></table:table-cell></table:table-row>` +
      // LibreOffice's empty tail: a million rows and 16,000 columns, none materialised.
      `<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`;
    const hidden = '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>';
    const bytes = forgeOds(table('Dữ liệu', rows) + table('Ẩn', HEAD + `<table:table-row>${s('A')}${s('9.9')}</table:table-row>`, ' table:style-name="ta2"'), hidden);
    const { grids, diagnostics } = await bounded(() => workbookGrids(bytes, 'd.ods'));
    expect(diagnostics).toEqual([]);
    expect(grids.map((g) => g.sheet)).toEqual(['Dữ liệu']);
    const g = grids[0]!;
    expect([g.rowCount, g.columnCount]).toEqual([6, 4]);
    expect([g.value(2, 3), g.numFmt?.(2, 3)]).toEqual([0.95, '0%']);
    expect([g.value(3, 3), g.numFmt?.(3, 3)]).toEqual([new Date(Date.UTC(2025, 7, 8)), 'yyyy-mm-dd']);
    expect([g.value(4, 2), g.value(5, 2), g.value(4, 3), g.value(4, 4), g.value(5, 4)]).toEqual(['2.1', '2.1', 7, 7, 7]);
    expect(g.value(6, 3)).toBe('dòng một\ndòng  hai');
  });

  it('a .ods form in an evidence folder is scored like an .xlsx one', async () => {
    const sub = mkdtempSync(path.join(dir, 'ods-'));
    writeFileSync(path.join(sub, 'A - Đơn vị A.ods'), forgeOds(table('D', HEAD + `<table:table-row>${s('A')}${s('1.4')}<table:table-cell/>${f('0.75')}</table:table-row>`)));
    const { readEvidence } = await import('../src/evidence/read.js');
    const r = await readEvidence(sub, 'evidence', new Set(['A']));
    expect(codes(r)).toEqual([]);
    expect(r.rows.map((x) => [x.unit, x.criterion, x.at.cell])).toEqual([['A', '1.4', { sheet: 'D', cell: 'B2' }]]);
  });

  it('an OpenDocument file that is not a spreadsheet is named', async () => {
    const odt = forgeZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', method: 0 },
      { name: 'content.xml', data: '<x/>' },
    ]);
    expect(codes(await evidence('note.ods', odt))).toEqual(['ods-not-spreadsheet']);
  });
});

describe('csv: physical lines, no row swallowed, limits as rows arrive', () => {
  it('a quoted cell over three lines moves every later location by two', () => {
    const text = 'Mã đơn vị,Mã tiêu chí,Giải trình\nA,1.1,"dòng 1\ndòng 2\ndòng 3"\nA,1.2,x\n';
    const read = readCsvGrid('e.csv', text);
    if ('problem' in read) throw new Error('unexpected');
    // Row 3 (A,1.2) starts on line 5: header line 1, the quoted cell spans lines 2–4.
    expect([read.grid.lineOf?.(2), read.grid.lineOf?.(3)]).toEqual([2, 5]);
  });

  it('an unclosed quote is an error at the line where it opens', () => {
    const text = 'Mã đơn vị,Mã tiêu chí,Giải trình\nA,1.1,ok\nA,1.2,"không đóng\nA,1.3,x\nA,1.4,y\n';
    const read = readCsvGrid('e.csv', text);
    expect('problem' in read && read.problem).toMatchObject({ code: 'csv-unclosed-quote', file: 'e.csv', location: { line: 3, column: 3 }, fatal: true });
  });

  it('limits are checked as rows arrive', () => {
    const text = `a,b\n${'1,2\n'.repeat(10)}`;
    // 11 rows: the 11th is one past a limit of 10, found on line 11.
    expect(readCsvGrid('e.csv', text, { rows: 10, columns: 5, cells: 100 })).toMatchObject({ problem: { code: 'limit-rows', location: { line: 11 } } });
    // 2 cells a row: the 6th row brings 12 cells, past 11.
    expect(readCsvGrid('e.csv', text, { rows: 100, columns: 5, cells: 11 })).toMatchObject({ problem: { code: 'limit-cells', location: { line: 6 } } });
    expect(readCsvGrid('e.csv', text, { rows: 11, columns: 2, cells: 22 })).toHaveProperty('grid');
  });
});

describe('survey through the same reader', () => {
  it('an .ods survey matrix is read', async () => {
    const file = path.join(dir, 'survey.ods');
    const cell = (t: string): string => `<table:table-cell office:value-type="string"><text:p>${t}</text:p></table:table-cell>`;
    writeFileSync(
      file,
      forgeOds(
        `<table:table table:name="XHH"><table:table-row>${cell('Mã đơn vị')}${cell('2.1')}</table:table-row><table:table-row>${cell('A')}<table:table-cell office:value-type="float" office:value="0.8"><text:p>0,8</text:p></table:table-cell></table:table-row></table:table>`,
      ),
    );
    const r = await readSurvey(file, 'survey.ods');
    expect(codes(r)).toEqual([]);
    expect(r.survey.map((x) => [x.unit, x.criterion, x.at.cell?.cell])).toEqual([['A', '2.1', 'B2']]);
  });
});
