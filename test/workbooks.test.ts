// Evidence workbooks for real: templates written, filled as an office would,
// re-saved by LibreOffice, laid out in other shapes, and broken in the ways
// files break. Expected values are those of the hand-worked valid round in
// test/fixtures/evidence (A: 8.65 of 10, B: 3.5 of 6).
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildMultiUnitTemplate, buildUnitTemplate, COLUMNS, HEADER_ROW, TEMPLATE_SHEET, templateFileName } from '../src/evidence/template.js';
import { loadRound } from '../src/round/load-round.js';
import { scoreRound } from '../src/scoring/engine.js';
import { deflatedFiller, forgeOle, forgeZip, xlsxParts } from './forge.js';
import { run, tempFolders } from './helpers.js';
import { MINI, MINI_DIR, loadMiniSet } from './mini-set.js';
import { libreOfficeConvert } from './libreoffice.js';

const fixtures = MINI_DIR;
const { criteria: criteriaFile, units: unitsFile, survey: surveyFile } = MINI;

/** The valid round's entries, as an office types them. */
const ENTRIES: Record<string, Record<string, Partial<Record<keyof typeof COLUMNS, string | number>>>> = {
  A: {
    '1.1': { option: 'Kịp thời', evidence: 'QĐ 1', appraised: 1 },
    '1.2': { measure: '95%', evidence: 'BC 2', appraised: 2 },
    '1.3': { measure: '45/50', evidence: 'BC 3', appraised: 1.8 },
    '1.4': { self: 0.75, note: 'Đã triển khai', appraised: 0.75 },
    '2.2': { self: 1.5, evidence: 'KH 5', appraised: 1.5 },
  },
  B: {
    '1.1': { option: 'Chậm', evidence: 'QĐ 7', appraised: 0.5 },
    '1.2': { measure: 60, evidence: 'BC 8', appraised: 1 },
    '1.3': { measure: '30/40', evidence: 'BC 9', appraised: 1.5 },
    '1.4': { self: 1, evidence: 'QĐ 10', appraised: 0.5, reason: 'Không đủ tài liệu' },
  },
};

const { set, units } = loadMiniSet();
const tmp = tempFolders('wb');
const work = tmp('work');

function fillSheet(ws: ExcelJS.Worksheet, entries: (typeof ENTRIES)[string]): void {
  ws.eachRow((row, n) => {
    if (n <= HEADER_ROW) return;
    const e = entries[String(row.getCell(COLUMNS.code).value)];
    if (!e) return;
    for (const [field, value] of Object.entries(e)) row.getCell(COLUMNS[field as keyof typeof COLUMNS]).value = value;
  });
}

async function writePerUnit(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const unit of units.units) {
    const wb = buildUnitTemplate(set, unit, 'vi');
    fillSheet(wb.getWorksheet(TEMPLATE_SHEET.vi)!, ENTRIES[unit.code]!);
    await wb.xlsx.writeFile(path.join(dir, templateFileName(unit)));
  }
}

async function scores(evidence: string, survey = surveyFile): Promise<{ points: Record<string, string>; diagnostics: string[] }> {
  const { round, diagnostics } = await loadRound({ cwd: work, overrides: { criteria: criteriaFile, units: unitsFile, evidence, survey } });
  // The council here writes into the departments' forms (the old workflow): that
  // warning is tested in forms.test.ts, and left out of these comparisons.
  const shown = diagnostics.filter((d) => d.code !== 'council-filled-by-unit').map((d) => `${d.code}@${d.cell ? `${d.cell.sheet}!${d.cell.cell}` : (d.location?.line ?? '')}`);
  if (!round || diagnostics.some((d) => d.severity === 'error')) return { points: {}, diagnostics: shown };
  const results = scoreRound(round.input, { stage: 'final' });
  const points: Record<string, string> = {};
  for (const u of results.units) {
    points[u.unit.code] = u.points.toString();
    for (const l of u.leaves) points[`${u.unit.code} ${l.node.code}`] = l.points?.toString() ?? 'n/a';
  }
  return { points, diagnostics: shown };
}

const EXPECTED_TOTALS = { A: '8.65', B: '3.5' };

describe('evidence workbooks', () => {
  it('template → filled → ingested: exactly the values entered', async () => {
    const dir = path.join(work, 'per-unit');
    await writePerUnit(dir);
    const { points, diagnostics } = await scores(dir);
    expect(diagnostics).toEqual([]);
    expect(points.A).toBe(EXPECTED_TOTALS.A);
    expect(points.B).toBe(EXPECTED_TOTALS.B);
    expect(points['A 1.3']).toBe('1.8'); // 2 × 45/50
    expect(points['B 1.2']).toBe('1'); // 60 % is in [50, 90)
    expect(points['B 2.1']).toBe('n/a'); // khong-tthc
  });

  it('the same after LibreOffice opens and re-saves every workbook', async () => {
    const dir = path.join(work, 'per-unit');
    if (!existsSync(dir)) await writePerUnit(dir);
    const resaved = path.join(work, 'resaved');
    mkdirSync(resaved, { recursive: true });
    for (const f of readdirSync(dir)) libreOfficeConvert(path.join(dir, f), 'xlsx', resaved);
    expect(readdirSync(resaved).sort()).toEqual(readdirSync(dir).sort());
    const direct = await scores(dir);
    const viaLibreOffice = await scores(resaved);
    expect(viaLibreOffice.diagnostics).toEqual([]);
    expect(viaLibreOffice.points).toEqual(direct.points);
  });

  it('the same from .ods files LibreOffice saved (its default format), with the same cell locations', async () => {
    const dir = path.join(work, 'per-unit');
    if (!existsSync(dir)) await writePerUnit(dir);
    const ods = path.join(work, 'ods');
    mkdirSync(ods, { recursive: true });
    for (const f of readdirSync(dir)) libreOfficeConvert(path.join(dir, f), 'ods', ods);
    expect(readdirSync(ods).sort()).toEqual(
      readdirSync(dir)
        .map((f) => f.replace(/\.xlsx$/, '.ods'))
        .sort(),
    );
    const direct = await scores(dir);
    const viaOds = await scores(ods);
    expect(viaOds.diagnostics).toEqual([]);
    expect(viaOds.points).toEqual(direct.points);
    const { readEvidence } = await import('../src/evidence/read.js');
    const codes = new Set(['A', 'B']);
    const where = (r: Awaited<ReturnType<typeof readEvidence>>): string[] => r.rows.map((x) => `${x.unit} ${x.criterion} ${x.at.cell?.sheet}!${x.at.cell?.cell} ${x.self?.at.cell?.cell ?? ''}`).sort();
    expect(where(await readEvidence(ods, 'evidence', codes))).toEqual(where(await readEvidence(dir, 'evidence', codes)));
  });

  it('one workbook with a sheet per unit (--single) reads the same', async () => {
    const wb = buildMultiUnitTemplate(set, units.units, 'vi');
    for (const unit of units.units) fillSheet(wb.getWorksheet(unit.code)!, ENTRIES[unit.code]!);
    const file = path.join(work, 'single.xlsx');
    await wb.xlsx.writeFile(file);
    const { points, diagnostics } = await scores(file);
    expect(diagnostics).toEqual([]);
    expect(points.A).toBe(EXPECTED_TOTALS.A);
    expect(points.B).toBe(EXPECTED_TOTALS.B);
  });

  it('long-format .xlsx (reordered and extra columns, blank and hidden rows) and .csv read the same as per-unit workbooks', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Dữ liệu');
    ws.addRow(['Bảng tổng hợp điểm (bản làm việc)']);
    ws.addRow([]);
    // Headers typed by hand: other case, no diacritics, extra spaces, English aliases.
    ws.addRow(['Ghi chú nội bộ', 'ma tieu chi', '  MÃ ĐƠN VỊ ', 'self', 'Số  liệu', 'Lựa chọn', 'Điểm thẩm định', 'evidence', 'Giải trình', 'Lý do điều chỉnh']);
    for (const [unit, leaves] of Object.entries(ENTRIES)) {
      for (const [code, e] of Object.entries(leaves)) {
        ws.addRow(['x', code, unit, e.self ?? null, e.measure ?? null, e.option ?? null, e.appraised ?? null, e.evidence ?? null, e.note ?? null, e.reason ?? null]);
        ws.addRow([]);
      }
    }
    ws.getRow(6).hidden = true;
    const file = path.join(work, 'long.xlsx');
    await wb.xlsx.writeFile(file);
    const longXlsx = await scores(file);
    const csv = await scores(path.join(fixtures, 'valid', 'evidence.csv'));
    const perUnitDir = path.join(work, 'per-unit');
    if (!existsSync(perUnitDir)) await writePerUnit(perUnitDir);
    const perUnit = await scores(perUnitDir);
    expect(longXlsx.diagnostics).toEqual([]);
    expect(longXlsx.points).toEqual(perUnit.points);
    expect(csv.points).toEqual(perUnit.points);
  });

  it('a large workbook is read as a stream, with the same result', async () => {
    const file = path.join(work, 'long-stream.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Dữ liệu');
    ws.addRow(['Mã đơn vị', 'Mã tiêu chí', 'Lựa chọn', 'Số liệu', 'Điểm tự chấm', 'Tài liệu kiểm chứng', 'Giải trình', 'Điểm thẩm định', 'Lý do điều chỉnh']);
    for (const [unit, leaves] of Object.entries(ENTRIES)) {
      for (const [code, e] of Object.entries(leaves))
        ws.addRow([unit, code, e.option ?? null, e.measure ?? null, e.self ?? null, e.evidence ?? null, e.note ?? null, e.appraised ?? null, e.reason ?? null]);
    }
    await wb.xlsx.writeFile(file);
    const { readEvidenceFile } = await import('../src/evidence/read.js');
    const codes = new Set(['A', 'B']);
    const whole = await readEvidenceFile(file, 'long.xlsx', codes);
    const streamed = await readEvidenceFile(file, 'long.xlsx', codes, 0);
    expect(streamed.diagnostics).toEqual([]);
    expect(streamed.rows).toHaveLength(9);
    expect(streamed.rows).toEqual(whole.rows);
  });

  it('reads what offices type: text numbers with a comma, rich text, formulas by their saved value, merged cells', async () => {
    const unitA = units.byCode.get('A')!;
    const wb = buildUnitTemplate(set, unitA, 'vi');
    const ws = wb.getWorksheet(TEMPLATE_SHEET.vi)!;
    fillSheet(ws, ENTRIES.A!);
    const rowOf = (code: string): ExcelJS.Row => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((row) => {
        if (row.getCell(COLUMNS.code).value === code) found = row;
      });
      return found!;
    };
    rowOf('1.4').getCell(COLUMNS.self).value = ' 0,75 ';
    rowOf('1.1').getCell(COLUMNS.option).value = { richText: [{ text: 'Kịp ', font: { bold: true } }, { text: 'thời' }] };
    rowOf('2.2').getCell(COLUMNS.self).value = { formula: '3/2', result: 1.5 };
    // NFD text (typed on a Mac) matches the NFC option label.
    rowOf('1.1').getCell(COLUMNS.evidence).value = 'Quyết định'.normalize('NFD');
    ws.unMergeCells(1, 1, 1, 11);
    ws.mergeCells(rowOf('1.2').number, COLUMNS.evidence, rowOf('1.2').number, COLUMNS.note);
    const dir = path.join(work, 'typed');
    mkdirSync(dir, { recursive: true });
    await wb.xlsx.writeFile(path.join(dir, 'A.xlsx'));
    await writePerUnitOnly(dir, 'B');
    const { points, diagnostics } = await scores(dir);
    expect(diagnostics).toEqual([]);
    expect(points['A 1.4']).toBe('0.75');
    expect(points['A 1.1']).toBe('1');
    expect(points['A 2.2']).toBe('1.5');
    expect(points.A).toBe(EXPECTED_TOTALS.A);
  });

  it('a formula with no saved value, and an error cell, are located errors', async () => {
    const wb = buildUnitTemplate(set, units.byCode.get('A')!, 'vi');
    const ws = wb.getWorksheet(TEMPLATE_SHEET.vi)!;
    fillSheet(ws, ENTRIES.A!);
    let r14 = 0;
    let r22 = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(COLUMNS.code).value === '1.4') r14 = n;
      if (row.getCell(COLUMNS.code).value === '2.2') r22 = n;
    });
    ws.getCell(r14, COLUMNS.self).value = { formula: 'B1*2' } as ExcelJS.CellFormulaValue;
    ws.getCell(r22, COLUMNS.self).value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
    const dir = path.join(work, 'formulas');
    mkdirSync(dir, { recursive: true });
    await wb.xlsx.writeFile(path.join(dir, 'A.xlsx'));
    await writePerUnitOnly(dir, 'B');
    const { diagnostics } = await scores(dir);
    expect(diagnostics).toEqual([`formula-without-result@Tự đánh giá!G${r14}`, `cell-error@Tự đánh giá!G${r22}`]);
  });

  it('a sheet without a unit code is reported, not guessed', async () => {
    const wb = buildUnitTemplate(set, units.byCode.get('A')!, 'vi');
    const ws = wb.getWorksheet(TEMPLATE_SHEET.vi)!;
    fillSheet(ws, ENTRIES.A!);
    ws.getCell(2, 9).value = null; // the unit code beside "Mã đơn vị:"
    const dir = path.join(work, 'no-code');
    mkdirSync(dir, { recursive: true });
    await wb.xlsx.writeFile(path.join(dir, 'phieu.xlsx'));
    await writePerUnitOnly(dir, 'B');
    const { diagnostics } = await scores(dir);
    expect(diagnostics).toEqual([`unit-not-identified@Tự đánh giá!A${HEADER_ROW}`, 'unit-no-data@']);
  });
});

async function writePerUnitOnly(dir: string, code: string): Promise<void> {
  const unit = units.byCode.get(code)!;
  const wb = buildUnitTemplate(set, unit, 'vi');
  fillSheet(wb.getWorksheet(TEMPLATE_SHEET.vi)!, ENTRIES[code]!);
  await wb.xlsx.writeFile(path.join(dir, templateFileName(unit)));
}

describe('files that cannot be read: exit 2, a message that says what to do, nothing written', () => {
  const broken = (): string => tmp('broken');
  // Both are OLE2 containers; only their directories' stream names differ.
  const XLS = forgeOle(['Workbook', '\u0005SummaryInformation']);
  const ENCRYPTED = forgeOle(['EncryptionInfo', 'EncryptedPackage']);

  it.each([
    ['legacy .xls', 'phieu.xls', () => XLS, 'Đây là tệp Excel cũ (.xls).'],
    ['an .xls renamed to .xlsx', 'phieu.xlsx', () => XLS, 'Đây là tệp Excel cũ (.xls).'],
    ['password-protected .xlsx', 'phieu.xlsx', () => ENCRYPTED, 'Tệp Excel được đặt mật khẩu mở tệp.'],
    ['not a workbook at all', 'phieu.xlsx', () => Buffer.from('Mã đơn vị,Mã tiêu chí\n'), 'Tệp không phải tệp Excel .xlsx hợp lệ'],
    // A real form cut short, made here so the case runs alone as well as after the others.
    [
      'truncated',
      'phieu.xlsx',
      async () => Buffer.from((await buildMultiUnitTemplate(set, units.units, 'vi').xlsx.writeBuffer()) as ArrayBuffer).subarray(0, 3000),
      'Tệp Excel bị hỏng hoặc không đầy đủ',
    ],
    // A part that declares 1,000 bytes and inflates to 600 MB, past the 512 MB a part may hold.
    [
      'a zip bomb (declares 1,000 bytes)',
      'phieu.xlsx',
      async () =>
        forgeZip([
          ...xlsxParts({ sheets: [{ name: 'A', xml: '' }] }).filter((p) => p.name !== 'xl/worksheets/sheet1.xml'),
          { name: 'xl/worksheets/sheet1.xml', data: '', raw: await deflatedFiller(600 * 1024 * 1024), declare: 1000 },
        ]),
      'Tệp Excel khi giải nén quá lớn',
    ],
  ])('%s', async (_what, name, bytes, message) => {
    const dir = broken();
    mkdirSync(path.join(dir, 'evidence'));
    writeFileSync(path.join(dir, 'evidence', name), await bytes());
    copyFileSync(criteriaFile, path.join(dir, 'criteria.yaml'));
    copyFileSync(unitsFile, path.join(dir, 'units.yaml'));
    copyFileSync(surveyFile, path.join(dir, 'survey.csv'));
    const before = readdirSync(dir).sort();
    const r = await run(['rank', '--criteria', 'criteria.yaml', '--units', 'units.yaml', '--evidence', 'evidence', '--survey', 'survey.csv', '-o', 'results.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(path.join('evidence', name));
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});
