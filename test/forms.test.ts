// The department's form as parscore writes it and as it comes back: valid
// workbook XML, print layout, live points computed by the spreadsheet
// itself, and numbers read as the spreadsheet shows them.
// Expected values are worked out by hand from test/fixtures/evidence/criteria.yaml:
//   1.1 options Kịp thời 1 / Chậm 0.5 / Không 0      (max 1)
//   1.2 bands (percent) ≥90 → 2, [50, 90) → 1, <50 → 0 (max 2)
//   1.3 proportional, max 2, precision 2
//   1.4 manual, step 0.25 (max 1); 2.1 survey (max 2); 2.2 manual (max 2)
//   TH bonus cap 1 (TH.1 manual step 0.5, max 1); TR penalty cap 1 (TR.1 manual, max 2)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadCriteria } from '../src/criteria/index.js';
import { buildMultiUnitTemplate, buildUnitTemplate, COLUMNS, HEADER_ROW, TEMPLATE_SHEET, templateFileName } from '../src/evidence/template.js';
import { readZipText } from '../src/io/xlsx-guard.js';
import { readEvidence, readSurvey } from '../src/evidence/read.js';
import { resolveEvidence } from '../src/evidence/resolve.js';
import { diagnosticMessage } from '../src/diagnostics/messages.js';
import { isDateFormat, isPercentFormat, parseMeasure, readCell } from '../src/evidence/cells.js';
import { rowHeightFor, type WrappedCell } from '../src/io/sheet-layout.js';
import { loadRound } from '../src/round/load-round.js';
import { loadUnits } from '../src/units/index.js';
import { ROOT, run, tempFolders } from './helpers.js';
import { MINI, MINI_DIR, loadMiniSet } from './mini-set.js';

const fixtures = MINI_DIR;
const { criteria: criteriaFile, units: unitsFile, survey: surveyFile } = MINI;

const { set, units } = loadMiniSet();
const work = tempFolders('forms')('work');

/** A1-style range "G9:G10" or "G10" → [c1, r1, c2, r2]. */
function rangeBox(ref: string): [number, number, number, number] {
  const col = (s: string): number => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const [a, b = a] = ref.replace(/\$/g, '').split(':') as [string, string?];
  const p = (x: string): [number, number] => {
    const m = /^([A-Z]+)(\d+)$/.exec(x)!;
    return [col(m[1]!), Number(m[2])];
  };
  const [c1, r1] = p(a);
  const [c2, r2] = p(b!);
  return [c1, r1, c2, r2];
}

/** Every pair of data-validation ranges on one sheet that share a cell, as "sheet: A ∩ B". */
function overlappingValidations(bytes: Uint8Array): string[] {
  const found: string[] = [];
  for (let i = 1; ; i++) {
    const xml = readZipText(bytes, `xl/worksheets/sheet${i}.xml`, 64 << 20);
    if (xml === undefined) break;
    const refs = [...xml.matchAll(/<dataValidation\b[^>]*\bsqref="([^"]+)"/g)].flatMap((m) => m[1]!.split(/\s+/));
    const boxes = refs.map(rangeBox);
    for (let x = 0; x < boxes.length; x++)
      for (let y = x + 1; y < boxes.length; y++) {
        const [a, b] = [boxes[x]!, boxes[y]!];
        if (a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]) found.push(`sheet${i}: ${refs[x]} ∩ ${refs[y]}`);
      }
  }
  return found;
}

describe('workbooks parscore writes', () => {
  it('no two data validations share a cell, in any form or the report', async () => {
    const written: [string, Uint8Array][] = [];
    for (const file of ['so-nganh-mau.yaml', 'tinh-2017.yaml']) {
      const big = loadCriteria(file, readFileSync(path.join(ROOT, 'criteria', file), 'utf8')).set!;
      const list = loadUnits('units.yaml', 'units:\n  - { code: SNV, name: Sở Nội vụ }\n  - { code: SYT, name: Sở Y tế }\n', big).units!;
      for (const lang of ['vi', 'en'] as const) {
        written.push([`${file} ${lang}`, new Uint8Array(await buildUnitTemplate(big, list.units[0]!, lang).xlsx.writeBuffer())]);
        written.push([`${file} ${lang} --single`, new Uint8Array(await buildMultiUnitTemplate(big, list.units, lang).xlsx.writeBuffer())]);
      }
    }
    const reportFile = path.join(work, 'bao-cao.xlsx');
    const r = await run(['report', path.join(ROOT, 'samples', '2021'), '-o', reportFile]);
    expect(r.code).toBe(0);
    written.push(['report', new Uint8Array(readFileSync(reportFile))]);
    // The check itself must see an overlap when there is one.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    // exceljs's typings omit the sheet-level collection it writes from.
    const validations = (ws as unknown as { dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    validations.add('B2:B5', { type: 'whole', allowBlank: true, formulae: [0] });
    validations.add('B4', { type: 'whole', allowBlank: true, formulae: [1] });
    expect(overlappingValidations(new Uint8Array(await wb.xlsx.writeBuffer()))).toEqual(['sheet1: B2:B5 ∩ B4']);
    for (const [name, bytes] of written) expect(overlappingValidations(bytes), name).toEqual([]);
  });

  it('rows are as tall as the wrapped text they hold; A4 at 100 %, text of 10 pt or more', async () => {
    const big = loadCriteria('so-nganh-mau.yaml', readFileSync(path.join(ROOT, 'criteria', 'so-nganh-mau.yaml'), 'utf8')).set!;
    const list = loadUnits('units.yaml', 'units:\n  - { code: SNV, name: Sở Nội vụ }\n', big).units!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildUnitTemplate(big, list.units[0]!, 'vi').xlsx.writeBuffer()) as ArrayBuffer);
    let checked = 0;
    for (const ws of wb.worksheets.filter((w) => w.state !== 'veryHidden')) {
      expect(ws.pageSetup.fitToPage, ws.name).toBeFalsy();
      expect(ws.pageSetup.scale ?? 100, ws.name).toBe(100);
      expect(ws.pageSetup.paperSize, ws.name).toBe(9);
      ws.eachRow((row, n) => {
        const wrapped: WrappedCell[] = [];
        row.eachCell((cell, c) => {
          expect(cell.font?.size ?? 11, `${ws.name}!${cell.address}`).toBeGreaterThanOrEqual(10);
          // A merged title spans the page: its width is not its first column's.
          if (cell.alignment?.wrapText && typeof cell.value === 'string' && !cell.isMerged) wrapped.push({ text: cell.value, width: ws.getColumn(c).width ?? 9, fontSizePt: cell.font?.size ?? 11 });
        });
        if (wrapped.length === 0) return;
        checked++;
        expect(row.height, `${ws.name} row ${n}`).toBeGreaterThanOrEqual(rowHeightFor(wrapped));
      });
      // The columns fit an A4 page's width at 100 %. LibreOffice draws a width unit at about
      // 9.2 px (measured on its PDF): 10.8 in (landscape) or 7.4 in (portrait) between the
      // margins hold 112 or 77 units.
      const visible = (ws.columns ?? []).filter((c) => !c.hidden).reduce((s, c) => s + (c.width ?? 9), 0);
      expect(visible, ws.name).toBeLessThanOrEqual(ws.pageSetup.orientation === 'landscape' ? 112 : 77);
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('the department form: council columns locked, measure cells are Text, not-applicable reason shown', async () => {
    const b = units.units.find((u) => u.code === 'B')!;
    const ws = buildUnitTemplate(set, b, 'vi').getWorksheet(TEMPLATE_SHEET.vi)!;
    const rowOf = (code: string): ExcelJS.Row => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((row) => {
        if (row.getCell(COLUMNS.code).value === code) found = row;
      });
      return found!;
    };
    for (const code of ['1.1', '1.2', '1.3', '1.4']) {
      for (const c of [COLUMNS.appraised, COLUMNS.reason]) expect(rowOf(code).getCell(c).protection?.locked, code).toBe(true);
    }
    expect(rowOf('1.2').getCell(COLUMNS.measure).numFmt).toBe('@');
    expect(rowOf('1.2').getCell(COLUMNS.measure).protection?.locked).toBe(false);
    expect(rowOf('1.4').getCell(COLUMNS.self).protection?.locked).toBe(false); // manual: typed
    expect(rowOf('1.1').getCell(COLUMNS.self).protection?.locked).toBe(true); // computed
    expect(String(rowOf('2.2').getCell(COLUMNS.rule).value)).toMatch(/^Không áp dụng: skipFor: khong-tthc\n/);
  });
});

/** Row of each criterion code in a generated form sheet. */
function rowOfCode(ws: ExcelJS.Worksheet, code: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row, n) => {
    if (n > HEADER_ROW && row.getCell(COLUMNS.code).value === code) found = row;
  });
  return found!;
}

async function ingest(evidence: string, survey: string | undefined = surveyFile) {
  return loadRound({ cwd: work, overrides: { criteria: criteriaFile, units: unitsFile, evidence, ...(survey ? { survey } : {}) } });
}

const where = (d: { code: string; file?: string; cell?: { sheet: string; cell?: string }; location?: { line: number; column: number } }): string =>
  `${d.code} ${path.basename(d.file ?? '')}${d.cell ? ` › ${d.cell.sheet}${d.cell.cell ? `!${d.cell.cell}` : ''}` : ''}${d.location ? `:${d.location.line}:${d.location.column}` : ''}`;

describe('returned forms', () => {
  it('a form written by another program (openpyxl-style): percent-formatted numbers are percentages, a date cell is reported as typed, a fraction is warned about', async () => {
    const dir = path.join(work, 'program-written');
    mkdirSync(dir, { recursive: true });
    for (const unit of units.units) {
      const wb = buildUnitTemplate(set, unit, 'vi');
      const ws = wb.getWorksheet(TEMPLATE_SHEET.vi)!;
      const put = (code: string, col: number, value: ExcelJS.CellValue, numFmt?: string): void => {
        const cell = rowOfCode(ws, code).getCell(col);
        cell.value = value;
        if (numFmt) cell.numFmt = numFmt;
      };
      if (unit.code === 'A') {
        put('1.1', COLUMNS.option, 'Kịp thời');
        put('1.2', COLUMNS.measure, 0.95, '0%'); // 95 % ≥ 90 → 2 (read as 0.95 % it would be 0)
        put('1.3', COLUMNS.measure, 0.9, '0.00%'); // 2 × 90 % = 1.8
        put('1.4', COLUMNS.self, 0.75);
        put('2.2', COLUMNS.self, 1.5);
      } else {
        put('1.1', COLUMNS.option, 'Chậm');
        put('1.2', COLUMNS.measure, new Date(Date.UTC(2026, 7, 8)), 'dd/mm/yyyy'); // "8/8" turned into 8 August
        put('1.3', COLUMNS.measure, 0.75); // a fraction without a percent format: 0.75 % → 2 × 0.0075 = 0.015 → 0.02 (half-up)
        put('1.4', COLUMNS.self, 1);
      }
      for (const code of ['1.1', '1.2', '1.3', '1.4', '2.2']) put(code, COLUMNS.evidence, 'VB 1');
      await wb.xlsx.writeFile(path.join(dir, templateFileName(unit)));
    }
    const { diagnostics } = await ingest(dir);
    expect(diagnostics.map(where)).toEqual(['cell-date B - Đơn vị B.xlsx › Tự đánh giá!E9', 'measure-fraction B - Đơn vị B.xlsx › Tự đánh giá!E10']);
    const date = diagnostics[0]!;
    expect(diagnosticMessage(date, 'vi')).toBe('Ô E9 (tiêu chí 1.2) đã bị Excel đổi thành ngày 08/08; gõ 8/8 vào ô định dạng Văn bản, hoặc 100%.');
    expect(diagnosticMessage(date, 'en')).toBe('Cell E9 (criterion 1.2) was turned into the date 08/08 by the spreadsheet; type 8/8 into a cell formatted as Text, or 100%.');
    expect(diagnosticMessage(diagnostics[1]!, 'vi')).toBe('Số liệu "0,75" của tiêu chí 1.3 được hiểu là 0,75%; nếu đây là tỷ lệ 0,75 (tức 75%), hãy ghi 75% hoặc dạng a/b.');
    expect(diagnosticMessage(diagnostics[1]!, 'en')).toBe('Measure "0.75" of criterion 1.3 is read as 0.75%; if it is the fraction 0.75 (75%), write 75% or a/b.');
    // A's points, read from the percent-formatted cells: 1 + 2 + 1.8 + 0.75 + 1.6 (survey) + 1.5 = 8.65.
    const a = resolvedSelf(await ingestInput(dir), 'A');
    expect(a).toEqual({ '1.1': '1', '1.2': '2', '1.3': '1.8', '1.4': '0.75', '2.1': '1.6', '2.2': '1.5', 'TH.1': '0', 'TR.1': '0' });
  });

  it('a fraction typed as text ("0,75"): the message quotes what was typed, and the numbers parscore prints follow the language', async () => {
    const dir = path.join(work, 'typed-fraction');
    mkdirSync(dir, { recursive: true });
    for (const unit of units.units) {
      const wb = buildUnitTemplate(set, unit, 'vi');
      rowOfCode(wb.getWorksheet(TEMPLATE_SHEET.vi)!, '1.3').getCell(COLUMNS.measure).value = '0,75';
      await wb.xlsx.writeFile(path.join(dir, templateFileName(unit)));
    }
    const fraction = (await ingest(dir)).diagnostics.find((d) => d.code === 'measure-fraction')!;
    // Read as 0.75 (%); as a fraction it would be 0.75 × 100 = 75 %.
    expect(diagnosticMessage(fraction, 'en')).toBe('Measure "0,75" of criterion 1.3 is read as 0.75%; if it is the fraction 0.75 (75%), write 75% or a/b.');
    expect(diagnosticMessage(fraction, 'vi')).toBe('Số liệu "0,75" của tiêu chí 1.3 được hiểu là 0,75%; nếu đây là tỷ lệ 0,75 (tức 75%), hãy ghi 75% hoặc dạng a/b.');
  });

  it('council cells filled by the department: one warning naming them; the form’s own score formulas are not typed scores', async () => {
    const dir = path.join(work, 'council');
    mkdirSync(dir, { recursive: true });
    for (const unit of units.units) {
      const wb = buildUnitTemplate(set, unit, 'vi');
      const ws = wb.getWorksheet(TEMPLATE_SHEET.vi)!;
      const row = (code: string): ExcelJS.Row => rowOfCode(ws, code);
      row('1.1').getCell(COLUMNS.option).value = unit.code === 'A' ? 'Kịp thời' : 'Chậm';
      // The form's formula, with the value a spreadsheet saved: ingestion reads the option, not this.
      const g = row('1.1').getCell(COLUMNS.self);
      g.value = { formula: (g.value as ExcelJS.CellFormulaValue).formula, result: 0.25 };
      row('1.2').getCell(COLUMNS.measure).value = '95%';
      row('1.3').getCell(COLUMNS.measure).value = '45/50';
      row('1.4').getCell(COLUMNS.self).value = 1;
      if (unit.code === 'A') row('2.2').getCell(COLUMNS.self).value = 2;
      for (const code of ['1.1', '1.2', '1.3', '1.4', '2.2']) row(code).getCell(COLUMNS.evidence).value = 'VB';
      if (unit.code === 'A') {
        row('1.4').getCell(COLUMNS.appraised).value = 0.5;
        row('1.4').getCell(COLUMNS.reason).value = 'Thiếu tài liệu';
        row('1.2').getCell(COLUMNS.appraised).value = 2;
        // A council score on the survey item: ignored, with a warning.
        row('2.1').getCell(COLUMNS.appraised).value = 1;
      }
      await wb.xlsx.writeFile(path.join(dir, templateFileName(unit)));
    }
    const { diagnostics } = await ingest(dir);
    const council = diagnostics.filter((d) => d.code === 'council-filled-by-unit');
    expect(council.map(where)).toEqual(['council-filled-by-unit A - Đơn vị A.xlsx › Tự đánh giá!J9']);
    expect(council[0]!.params.cells).toBe('J9, J11, K11, J13');
    // A large form is read as it streams: still one warning for the sheet, not one per row.
    const { readEvidenceFile } = await import('../src/evidence/read.js');
    const formA = path.join(dir, templateFileName(units.units.find((u) => u.code === 'A')!));
    const streamed = await readEvidenceFile(formA, path.basename(formA), new Set(units.units.map((u) => u.code)), 0);
    const streamedCouncil = streamed.diagnostics.filter((d) => d.code === 'council-filled-by-unit');
    expect(streamedCouncil.map(where)).toEqual(['council-filled-by-unit A - Đơn vị A.xlsx › Tự đánh giá!J9']);
    expect(streamedCouncil[0]!.params.cells).toBe('J9, J11, K11, J13');
    expect(diagnostics.filter((d) => d.code === 'survey-appraised-ignored').map(where)).toEqual(['survey-appraised-ignored A - Đơn vị A.xlsx › Tự đánh giá!J13']);
    expect(diagnostics.filter((d) => d.code === 'score-mismatch' || d.severity === 'error')).toEqual([]);
  });

  it('an untouched form: one message; beside a filled copy for the same unit, set aside with a warning', async () => {
    const dir = path.join(work, 'blank');
    mkdirSync(dir, { recursive: true });
    for (const unit of units.units) await buildUnitTemplate(set, unit, 'vi').xlsx.writeFile(path.join(dir, templateFileName(unit)));
    const alone = await ingest(dir);
    expect(alone.diagnostics.map(where)).toEqual(['form-blank A - Đơn vị A.xlsx › Tự đánh giá', 'form-blank B - Đơn vị B.xlsx › Tự đánh giá']);

    // B's clerk saved the filled form under another name, and left the blank one; the unit code typed in lower case.
    const wb = buildUnitTemplate(set, units.units[1]!, 'vi');
    const ws = wb.getWorksheet(TEMPLATE_SHEET.vi)!;
    ws.getCell('I2').value = 'b'; // the unit code, beside "Mã đơn vị:"
    rowOfCode(ws, '1.1').getCell(COLUMNS.option).value = 'Chậm';
    rowOfCode(ws, '1.2').getCell(COLUMNS.measure).value = '60';
    rowOfCode(ws, '1.3').getCell(COLUMNS.measure).value = '30/40';
    // 1.4's row deleted: reported on B's filled form and sheet.
    ws.spliceRows(rowOfCode(ws, '1.4').number, 1);
    for (const code of ['1.1', '1.2', '1.3']) rowOfCode(ws, code).getCell(COLUMNS.evidence).value = 'VB';
    await wb.xlsx.writeFile(path.join(dir, 'B - bản đã điền.xlsx'));
    const beside = await ingest(dir);
    // Reading sets the blank copy aside; resolving then reports A's blank form and B's deleted row.
    expect(beside.diagnostics.map(where)).toEqual([
      'form-blank-ignored B - Đơn vị B.xlsx › Tự đánh giá',
      'form-blank A - Đơn vị A.xlsx › Tự đánh giá',
      'leaf-missing B - bản đã điền.xlsx › Tự đánh giá',
    ]);
  });

  it('survey problems point at the survey file and the unit’s row', async () => {
    const survey = path.join(work, 'survey.csv');
    writeFileSync(survey, 'Mã đơn vị,Tên đơn vị,2.1\nZ,Không có,1\n');
    const { diagnostics } = await ingest(path.join(fixtures, 'valid', 'evidence.csv'), survey);
    expect(diagnostics.map(where)).toEqual(['unit-unknown survey.csv:2:1', 'survey-missing survey.csv']);
  });
});

/** Self points per leaf of one unit, straight from the resolved input. */
function resolvedSelf(
  input: { units: { unit: { code: string }; leaves: Map<string, { self?: { toString(): string }; survey?: { toString(): string }; applicable: boolean }> }[] },
  unit: string,
): Record<string, string> {
  const u = input.units.find((x) => x.unit.code === unit)!;
  return Object.fromEntries([...u.leaves].filter(([, l]) => l.applicable).map(([code, l]) => [code, (l.self ?? l.survey)?.toString() ?? '']));
}

async function ingestInput(evidence: string) {
  const set2 = set;
  const read = await readEvidence(evidence, path.basename(evidence), new Set(units.units.map((u) => u.code)));
  const survey = await readSurvey(surveyFile, 'survey.csv');
  return resolveEvidence(set2, units, read.rows, survey.survey, { surveyGiven: true, evidenceFile: evidence }).input;
}

describe('number formats', () => {
  it('tells percentages and dates from other formats', () => {
    for (const f of ['0%', '0.00%', '#,##0.0 %', '0%;[Red]-0%']) expect(isPercentFormat(f), f).toBe(true);
    for (const f of ['General', '@', '0.###', '#,##0', '0.00E+00', '"%"0', '0\\%']) expect(isPercentFormat(f), f).toBe(false);
    for (const f of ['dd/mm/yyyy', 'MM/DD/YY', 'm/d/yy', '[$-42A]d mmmm yyyy', 'h:mm', '[h]:mm:ss', 'd-mmm']) expect(isDateFormat(f), f).toBe(true);
    for (const f of ['General', '@', '0.###', '#,##0', '0%', '"ngày" 0', '[Red]0.00', undefined]) expect(isDateFormat(f), String(f)).toBe(false);
  });

  it('reads a cell by its format: 0.95 as 95 %, a date serial as the day and month typed', () => {
    expect(parseMeasure(readCell(0.95, '0%'))).toMatchObject({ percent: true, text: '95%' });
    expect(parseMeasure(readCell(0.95, '0%'))!.value.toString()).toBe('95');
    expect(parseMeasure(readCell(0.95, 'General'))!.value.toString()).toBe('0.95');
    // Serial 46242 is 8 August 2026 (days since 30 December 1899).
    expect(readCell(46242, 'MM/DD/YY')).toMatchObject({ kind: 'date', day: 8, month: 8, typed: '8/8', shown: '08/08' });
    // 3/4 typed in a US locale is 4 March: month first in the format, so "3/4" again.
    expect(readCell(46085, 'm/d/yy')).toMatchObject({ kind: 'date', day: 4, month: 3, typed: '3/4' });
    expect(readCell(46085, 'dd/mm/yyyy')).toMatchObject({ kind: 'date', typed: '4/3', shown: '04/03' });
  });
});
