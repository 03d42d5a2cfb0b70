// The "real client" test: the form parscore writes is filled through
// LibreOffice's own input handling — a Python UNO script that moves to a
// cell (.uno:GoToCell) and types into it (.uno:EnterString), as a clerk
// does — in a Vietnamese and an English locale, saved, and ingested. Every
// expected number is worked out by hand below from
// test/fixtures/evidence/criteria.yaml (see test/forms.test.ts's header).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { diagnosticMessage as i18nMessage } from '../src/diagnostics/messages.js';
import { readEvidence } from '../src/evidence/read.js';
import { resolveEvidence } from '../src/evidence/resolve.js';
import { buildUnitTemplate, COLUMNS, TEMPLATE_SHEET, templateFileName } from '../src/evidence/template.js';
import { loadRound } from '../src/round/load-round.js';
import { scoreRound } from '../src/scoring/engine.js';
import { columnLetter } from '../src/evidence/cells.js';
import { tempFolders } from './helpers.js';
import { MINI, loadMiniSet } from './mini-set.js';

const { criteria: criteriaFile, units: unitsFile, survey: surveyFile } = MINI;
const SCRIPT = path.join(import.meta.dirname, 'uno', 'type-into-form.py');

/** Formats the typed forms are saved in, and ingested from: Excel's and LibreOffice's own default. */
const INGESTED_FORMATS = ['xlsx', 'ods'] as const;
const SAVE_FILTERS = { xlsx: 'Calc MS Excel 2007 XML', ods: 'calc8' } as const;

const { set, units } = loadMiniSet();
const work = tempFolders('client')('work');

/** Types `type` ([cell, text] pairs) into each job's workbook through LibreOffice and saves it as each `out` says. */
function typeInLibreOffice(locale: string, jobs: { in: string; sheet: string; type: [string, string][]; out: [string, string][] }[]): void {
  const profile = mkdtempSync(path.join(tmpdir(), 'parscore-uno-profile-'));
  try {
    const r = spawnSync('/usr/bin/python3', [SCRIPT], { input: JSON.stringify({ profile, locale, jobs }), encoding: 'utf8', timeout: 400_000 });
    if (r.status !== 0) throw new Error(`UNO script failed (${r.status}): ${r.stderr}\n${readSoffice(profile)}`);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** A cell of a saved workbook: its value and number format. */
async function savedCell(file: string, sheet: string, ref: string): Promise<{ value: ExcelJS.CellValue; numFmt: string | undefined }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const cell = wb.getWorksheet(sheet)!.getCell(ref);
  return { value: cell.value, numFmt: cell.numFmt };
}

function readSoffice(profile: string): string {
  try {
    return readFileSync(path.join(profile, 'soffice.log'), 'utf8').slice(0, 2000);
  } catch {
    return '';
  }
}

/** Row of each criterion code in a generated form. */
function rowsByCode(ws: ExcelJS.Worksheet): Map<string, number> {
  const rows = new Map<string, number>();
  ws.eachRow((row, n) => {
    const v = row.getCell(COLUMNS.code).value;
    if (typeof v === 'string') rows.set(v, n);
  });
  return rows;
}

const at = (rows: Map<string, number>, code: string, col: number): string => `${columnLetter(col)}${rows.get(code)!}`;

/** What the clerk of each unit types; `decimal` is the locale's decimal separator. */
function entries(unit: string, decimal: ',' | '.'): [string, keyof typeof COLUMNS, string][] {
  const d = (s: string): string => s.replace('.', decimal);
  if (unit === 'A')
    return [
      ['1.1', 'option', 'Kịp thời'],
      ['1.1', 'evidence', 'QĐ 1'],
      ['1.2', 'measure', '95%'],
      ['1.2', 'evidence', 'BC 2'],
      ['1.3', 'measure', '45/50'],
      ['1.3', 'evidence', 'BC 3'],
      ['1.4', 'self', d('0.75')],
      ['1.4', 'note', 'Đã triển khai'],
      ['2.2', 'self', d('1.5')],
      ['2.2', 'evidence', 'KH 5'],
      ['TH.1', 'self', d('0.5')],
      ['TH.1', 'evidence', 'QĐ khen thưởng 3'],
    ];
  return [
    ['1.1', 'option', 'Chậm'],
    ['1.1', 'evidence', 'QĐ 7'],
    ['1.2', 'measure', '8/8'],
    ['1.2', 'evidence', 'BC 8'],
    ['1.3', 'measure', '30/40'],
    ['1.3', 'evidence', 'BC 9'],
    ['1.4', 'self', '1'],
    ['1.4', 'evidence', 'QĐ 10'],
  ];
}

/**
 * Self-stage points worked out by hand:
 * A: 1.1 Kịp thời → 1; 1.2 95 % ≥ 90 → 2; 1.3 2 × 45/50 = 1.8; 1.4 typed 0.75;
 *    area 1 = 1 + 2 + 1.8 + 0.75 = 5.55. 2.1 survey 1.6 (survey.csv), 2.2 typed 1.5:
 *    area 2 = 3.1. Bonus TH.1 0.5 (cap 1). Total 5.55 + 3.1 + 0.5 = 9.15.
 * B: 1.1 Chậm → 0.5; 1.2 "8/8" = 8 of 8 = 100 % → 2; 1.3 2 × 30/40 = 1.5; 1.4 typed 1;
 *    area 1 = 5; area 2 not applicable (khong-tthc). Total 5.
 * The form's own "Tổng điểm tự chấm" leaves out the survey, which the office
 * adds: A 9.15 − 1.6 = 7.55, area 2 shows 1.5; B 5.
 */
const SELF = { A: '9.15', B: '5' };
const LEAVES: Record<string, Record<string, string>> = {
  // A penalty or bonus item left blank did not happen: 0.
  A: { '1.1': '1', '1.2': '2', '1.3': '1.8', '1.4': '0.75', '2.1': '1.6', '2.2': '1.5', 'TH.1': '0.5', 'TR.1': '0' },
  B: { '1.1': '0.5', '1.2': '2', '1.3': '1.5', '1.4': '1', 'TH.1': '0', 'TR.1': '0' },
};
const FORM = { A: { total: 7.55, '1': 5.55, '2': 1.5, TH: 0.5 }, B: { total: 5, '1': 5 } } as Record<string, Record<string, number>>;

describe('a form filled through LibreOffice, as a clerk types', () => {
  for (const [locale, lang, decimal] of [
    ['vi-VN', 'vi', ','],
    ['en-US', 'en', '.'],
  ] as const) {
    it(`${locale}: what was typed is what parscore scores, and the form's live totals agree`, async () => {
      const dir = path.join(work, locale);
      const out = Object.fromEntries(Object.keys(SAVE_FILTERS).map((f) => [f, path.join(dir, f)]));
      for (const d of Object.values(out)) mkdirSync(d, { recursive: true });
      const jobs = [];
      const rowsOf = new Map<string, Map<string, number>>();
      for (const unit of units.units) {
        const wb = buildUnitTemplate(set, unit, lang);
        const rows = rowsByCode(wb.getWorksheet(TEMPLATE_SHEET[lang])!);
        rowsOf.set(unit.code, rows);
        const blank = path.join(dir, `blank-${unit.code}.xlsx`);
        await wb.xlsx.writeFile(blank);
        const name = templateFileName(unit).replace(/\.xlsx$/, '');
        jobs.push({
          in: blank,
          sheet: TEMPLATE_SHEET[lang],
          type: entries(unit.code, decimal).map(([code, field, text]) => [at(rows, code, COLUMNS[field]), text] as [string, string]),
          out: Object.entries(SAVE_FILTERS).map(([f, filter]) => [path.join(out[f]!, `${name}.${f}`), filter] as [string, string]),
        });
      }
      typeInLibreOffice(locale, jobs);

      // Calc's input handling ran: the Text-formatted measure cells kept what was typed…
      const savedA = path.join(out.xlsx!, templateFileName(units.units[0]!));
      const rowsA = rowsOf.get('A')!;
      expect(await savedCell(savedA, TEMPLATE_SHEET[lang], at(rowsA, '1.2', COLUMNS.measure))).toEqual({ value: '95%', numFmt: '@' });
      expect((await savedCell(savedA, TEMPLATE_SHEET[lang], at(rowsA, '1.3', COLUMNS.measure))).value).toBe('45/50');
      // …and a score typed with the locale's decimal separator became the number 0.75.
      expect((await savedCell(savedA, TEMPLATE_SHEET[lang], at(rowsA, '1.4', COLUMNS.self))).value).toBe(0.75);

      for (const format of INGESTED_FORMATS) {
        const { round, diagnostics } = await loadRound({ cwd: work, overrides: { criteria: criteriaFile, units: unitsFile, evidence: out[format]!, survey: surveyFile } });
        expect(diagnostics.map((d) => `${d.code} ${d.cell?.cell ?? ''}`)).toEqual([]);
        const results = scoreRound(round!.input, { stage: 'self' });
        for (const u of results.units) {
          expect(u.points.toString(), `${format} ${u.unit.code}`).toBe(SELF[u.unit.code as 'A' | 'B']);
          const leaves = Object.fromEntries(u.leaves.filter((l) => l.points !== null).map((l) => [l.node.code, l.points!.toString()]));
          expect(leaves, `${format} ${u.unit.code}`).toEqual(LEAVES[u.unit.code]);
        }
      }

      // The totals LibreOffice computed in the saved form.
      for (const unit of units.units) {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(path.join(out.xlsx!, templateFileName(unit)));
        const ws = wb.getWorksheet(TEMPLATE_SHEET[lang])!;
        const rows = rowsOf.get(unit.code)!;
        const result = (ref: string): unknown => {
          const v = ws.getCell(ref).value;
          return v && typeof v === 'object' && 'formula' in v ? (v.result ?? 0) : v;
        };
        const want = FORM[unit.code]!;
        expect(result('I4'), `${unit.code} total`).toBe(want.total);
        for (const [code, points] of Object.entries(want)) if (code !== 'total') expect(result(at(rows, code, COLUMNS.self)), `${unit.code} ${code}`).toBe(points);
      }
    });
  }

  it('a table the office made (General cells): 95% is read as 95 %, 8/8 made a date is reported in the words typed', async () => {
    // Long format, as an office builds it by hand: no Text formats, so Calc
    // turns 95% into 0.95 shown as 95.00 %, and 8/8 (en-US) into 8 August.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Dữ liệu');
    ws.addRow(['Mã đơn vị', 'Mã tiêu chí', 'Số liệu', 'Tài liệu kiểm chứng']);
    ws.addRow(['A', '1.2', null, 'BC 2']);
    ws.addRow(['B', '1.2', null, 'BC 8']);
    const file = path.join(work, 'bang.xlsx');
    await wb.xlsx.writeFile(file);
    const saved = path.join(work, 'bang-typed.xlsx');
    typeInLibreOffice('en-US', [
      {
        in: file,
        sheet: 'Dữ liệu',
        type: [
          ['C2', '95%'],
          ['C3', '8/8'],
        ],
        out: [[saved, SAVE_FILTERS.xlsx]],
      },
    ]);
    expect(await savedCell(saved, 'Dữ liệu', 'C2')).toEqual({ value: 0.95, numFmt: '0.00%' });
    const date = await savedCell(saved, 'Dữ liệu', 'C3');
    expect(date.value).toBeInstanceOf(Date);
    expect(date.numFmt).toMatch(/^m+\/d+\/y+$/i);

    const read = await readEvidence(saved, 'bang-typed.xlsx', new Set(['A', 'B']));
    const { input, diagnostics } = resolveEvidence(set, units, read.rows, [], { surveyGiven: false, evidenceFile: 'bang-typed.xlsx' });
    // A: 0.95 with a percent format is 95 %, ≥ 90 → 2 points (not 0.95 % → 0).
    expect(
      input.units
        .find((u) => u.unit.code === 'A')!
        .leaves.get('1.2')!
        .self!.toString(),
    ).toBe('2');
    const dateDiagnostic = diagnostics.find((d) => d.code === 'cell-date')!;
    expect(dateDiagnostic.cell).toEqual({ sheet: 'Dữ liệu', cell: 'C3' });
    // m/d order from the cell's format: the clerk typed 8/8, which as a share is 100 %.
    expect(i18nMessage(dateDiagnostic, 'vi')).toBe('Ô C3 (tiêu chí 1.2) đã bị Excel đổi thành ngày 08/08; gõ 8/8 vào ô định dạng Văn bản, hoặc 100%.');
  });
});
