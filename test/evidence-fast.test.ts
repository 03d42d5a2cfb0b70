// The fast paths of reading evidence (issue 16) against the general paths
// they stand in for: plain numbers, texts that cannot be words, a CSV read
// as it is scanned, units that no leaf can be "not applicable" for.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../src/core/decimal.js';
import { LIMITS } from '../src/core/limits.js';
import { foldForMatch } from '../src/core/text.js';
import { loadCriteria } from '../src/criteria/index.js';
import { isNotApplicableText, isNothingArisen, isPlainNumber, mayBeWord, parseMeasure, parseNumberText } from '../src/evidence/cells.js';
import { csvGrid, readCsvGrid } from '../src/evidence/csv.js';
import { resolveEvidence } from '../src/evidence/resolve.js';
import { rowsFromCsv, rowsFromGrids, type EvidenceRow, type Located } from '../src/evidence/rows.js';
import type { Grid } from '../src/evidence/table.js';
import { loadUnits, notApplicableReason } from '../src/units/index.js';

/** parseNumberText as it was before its fast path: strip spaces, match, parse. */
function numberReference(raw: string): Decimal | undefined {
  const text = raw.replace(/[\s\u00a0]/g, '');
  if (!/^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/.test(text)) return undefined;
  return Decimal.parse(text.replace(',', '.').replace(/^\+/, ''));
}

const NUMBER_TEXTS = ['85', '8.5', '08', '0', '0.75', '100', '.5', '5.', '1.2.3', '', ' ', '8,5', ' 8.5 ', '8\u00a05', '+2', '-0,25', '-1', '1e3', '12%', '45/50', 'abc', '١٢', '８'];

describe('numbers typed as text', () => {
  it('plain digits with at most one inner point, and nothing else, take the fast path', () => {
    expect(['85', '8.5', '08', '0', '0.75'].filter(isPlainNumber)).toEqual(['85', '8.5', '08', '0', '0.75']);
    expect(['.5', '5.', '1.2.3', '', '8,5', ' 8', '+2', '-1', '1e3', '١٢', '８'].filter(isPlainNumber)).toEqual([]);
  });

  it('parseNumberText reads every text as the general path does, the second time too', () => {
    for (const pass of [1, 2]) {
      for (const text of NUMBER_TEXTS) expect(parseNumberText(text)?.toString(), `${text} (pass ${pass})`).toBe(numberReference(text)?.toString());
    }
  });

  it('a text already read gives the same decimal', () => {
    expect(parseNumberText('0.333')).toBe(parseNumberText('0.333'));
  });
});

describe('measures typed as text', () => {
  it('a content already parsed gives the same measure, equal to a fresh parse of the same text', () => {
    for (const text of ['45/50', '90%', '90,5 %', '0.9', 'abc', '0/0', '-1/5', '5/0', '1/2/3']) {
      const content = { kind: 'text', text } as const;
      const first = parseMeasure(content);
      expect(parseMeasure(content), text).toBe(first);
      expect(parseMeasure({ kind: 'text', text }), text).toEqual(first);
    }
    expect(parseMeasure({ kind: 'text', text: '45/50' })).toMatchObject({ percent: false, text: '45/50' });
    expect(parseMeasure({ kind: 'text', text: '5/0' })).toBeUndefined();
  });
});

describe('texts that cannot be words', () => {
  const TEXTS = ['KAD', 'kad', 'Không áp dụng', 'khong ap dung', 'N/A', 'n.a', 'NA', 'Không phát sinh', 'KPS', '0.5', '12%', '45/50', ' 0 / 0 ', '', '-', 'ＫＡＤ', 'Đ', '1a'];

  it('mayBeWord is false only for texts of ASCII digits, signs and punctuation', () => {
    expect(TEXTS.filter((t) => !mayBeWord(t))).toEqual(['0.5', '12%', '45/50', ' 0 / 0 ', '', '-']);
  });

  it('isNotApplicableText answers as the folded lookup does', () => {
    const NA = new Set(['khongapdung', 'kad', 'na', 'khongdanhgia', 'kdg', 'notapplicable']);
    for (const text of TEXTS) expect(isNotApplicableText(text), text).toBe(NA.has(foldForMatch(text)));
  });

  it('isNothingArisen: the words, and 0/0 however spaced', () => {
    const arisen = (text: string): boolean => isNothingArisen({ kind: 'text', text });
    expect(['Không phát sinh', 'KPS', 'kps', '0/0', ' 0 / 0 ', '0,0/0'].map(arisen)).toEqual([true, true, true, true, true, true]);
    expect(['0/5', '52%', '0', 'KAD', ''].map(arisen)).toEqual([false, false, false, false, false]);
  });

  it('isNothingArisen on ratios answers as the pattern alone does, with the measure already parsed or not', () => {
    const byPattern = (text: string): boolean => {
      const ratio = /^([^/]+)\/([^/]+)$/.exec(text.replace(/[\s\u00a0]/g, ''));
      return ratio !== null && parseNumberText(ratio[1]!)?.isZero() === true && parseNumberText(ratio[2]!)?.isZero() === true;
    };
    const RATIOS = ['0/0', ' 0 / 0 ', '0,0/0', '0/-0', '-0/0', '0/0.0', '+0/0', '0/5', '5/0', '3/50', '50/50', '0//0', '0/0/0', '/0', '0/', 'a/b', '0/0%'];
    expect(RATIOS.filter(byPattern)).toEqual(['0/0', ' 0 / 0 ', '0,0/0', '0/-0', '-0/0', '0/0.0', '+0/0']);
    for (const text of RATIOS) {
      expect(isNothingArisen({ kind: 'text', text }), text).toBe(byPattern(text));
      const measured = { kind: 'text', text } as const;
      parseMeasure(measured);
      expect(isNothingArisen(measured), `${text} (measured first)`).toBe(byPattern(text));
    }
  });
});

/** A row as plain data, its locations written out (they are getters on the rows read). */
function plain(row: EvidenceRow): unknown {
  const cell = (l: Located | undefined): unknown => l && { content: l.content, at: l.at, formula: l.formula };
  return {
    unit: row.unit,
    criterion: row.criterion,
    origin: row.origin,
    at: row.at,
    evidenceAt: row.evidenceAt,
    evidence: row.evidence,
    note: row.note,
    reason: row.reason,
    self: cell(row.self),
    appraised: cell(row.appraised),
    measure: cell(row.measure),
    option: cell(row.option),
    blankForm: row.blankForm,
  };
}

/** A CSV's rows and findings, scanned row by row and read as a whole grid. */
function bothWays(file: string, text: string, units = ['U1', 'U2', 'SNV']): { scanned: unknown; whole: unknown } {
  const codes = new Set(units);
  const scanned = rowsFromCsv(file, text, codes);
  const read = readCsvGrid(file, text);
  const whole = 'problem' in read ? { rows: [], diagnostics: [read.problem] } : rowsFromGrids([read.grid], file, codes);
  return { scanned: { rows: scanned.rows.map(plain), diagnostics: scanned.diagnostics }, whole: { rows: whole.rows.map(plain), diagnostics: whole.diagnostics } };
}

describe('a CSV read as it is scanned is read as the whole grid is', () => {
  const LONG = 'Mã đơn vị,Mã tiêu chí,Số liệu,Lựa chọn,Điểm tự chấm,Tài liệu kiểm chứng,Điểm thẩm định,Giải trình,Lý do';
  const cases: Record<string, [string, string]> = {
    'a long table, BOM and CRLF': ['e.csv', `\ufeff${LONG}\r\nU1,1.1.1,,Có,,QĐ 1,,,\r\nU1,1.1.2,52%,,1,QĐ 2,0.5,gt,lý do\r\nU2, 1 . 1 . 1. ,8,,,,KAD,,\r\nX9,1.1.1,,,1,,,,\r\n`],
    'semicolons, quoted fields over lines': ['e.csv', `${LONG.replaceAll(',', ';')}\nU1;1.1.1;"45\n/50";;;"QĐ ""1""\nvà 2";;;\nU2;1.2;;;0,5;;;;\n`],
    'text past the limit, then rows after it': ['e.csv', `${LONG}\nU1,1.1.1,,,1,${'x'.repeat(LIMITS.textLength + 1)},,,\nU1,1.1.2,,,1,QĐ,,,\n`],
    'blank codes and units are left out': ['e.csv', `${LONG}\nU1,,,,1,,,,\n,1.1.1,,,1,,,,\n U1 ,1.1.1.,,,1,,,,\n`],
    'the header below title rows': ['e.csv', `Biểu tổng hợp\n\n,,,\n${LONG}\nU1,1.1.1,,,1,,,,\n`],
    'no header in the first 40 rows': ['e.csv', `${'a,b\n'.repeat(40)}${LONG}\nU1,1.1.1,,,1,,,,\n`],
    'no table at all': ['e.csv', 'a,b,c\n1,2,3\n'],
    'an empty file': ['e.csv', ''],
    'a quote never closed': ['e.csv', `${LONG}\nU1,1.1.1,,,1,,,,\nU1,1.1.2,"oops\nU2,1.1.1,,,1,,,,\n`],
    'past the column limit': ['e.csv', `${LONG}\n${'x,'.repeat(LIMITS.columns + 1)}\n`],
    "a unit's own form, named by its label, council columns filled": [
      'forms/SNV.csv',
      'Mã đơn vị:,SNV\n\nMã tiêu chí,Số liệu,Lựa chọn,Điểm tự chấm,Tài liệu kiểm chứng,Điểm thẩm định,Lý do điều chỉnh\n1.1.1,,Có,,QĐ,0.5,vì\n1.1.2,,,1,,KAD,\n',
    ],
    "a unit's own form, named by its file, untouched": ['forms/U2 copy.csv', 'Mã tiêu chí,Số liệu,Điểm tự chấm,Tài liệu kiểm chứng\n1.1.1,,,\n1.1.2,,,\n'],
    "a unit's own form that names no unit": ['forms/bảng.csv', 'Mã tiêu chí,Điểm tự chấm\n1.1.1,1\n'],
  };
  for (const [name, [file, text]] of Object.entries(cases)) {
    it(name, () => {
      const { scanned, whole } = bothWays(file, text);
      expect(scanned).toEqual(whole);
    });
  }

  it('the cases say something: rows, locations by physical line, findings', () => {
    const { scanned } = bothWays('e.csv', cases['semicolons, quoted fields over lines']![1]) as { scanned: { rows: { at: unknown; measure: unknown }[] } };
    expect(scanned.rows.map((r) => r.at)).toEqual([
      { file: 'e.csv', location: { line: 2, column: 2 } },
      { file: 'e.csv', location: { line: 5, column: 2 } },
    ]);
    const codes = (name: string): string[] => (bothWays(cases[name]![0], cases[name]![1]).scanned as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
    expect(codes('text past the limit, then rows after it')).toEqual(['limit-text-length']);
    expect(codes('no header in the first 40 rows')).toEqual(['no-evidence-table']);
    expect(codes('a quote never closed')).toEqual(['csv-unclosed-quote']);
    expect(codes("a unit's own form, named by its label, council columns filled")).toEqual(['council-filled-by-unit']);
    expect(codes("a unit's own form that names no unit")).toEqual(['unit-not-identified']);
    expect((bothWays(...cases["a unit's own form, named by its file, untouched"]!).scanned as { rows: { blankForm?: true }[] }).rows.map((r) => r.blankForm)).toEqual([true, true]);
  });

  it('rows of the same codes and texts share them', () => {
    const { rows } = rowsFromCsv('e.csv', 'Mã đơn vị,Mã tiêu chí,Lựa chọn\nU1,1.1.1,Có\nU1,1.1.2,Có\nU2,1.1.1,Có\n', new Set(['U1', 'U2']));
    expect(rows[0]!.origin).toBe('e.csv#U1');
    expect(rows[1]!.origin).toBe(rows[0]!.origin);
    expect(rows[2]!.option!.content).toBe(rows[0]!.option!.content);
    expect(rows.map((r) => r.option!.at)).toEqual([2, 3, 4].map((line) => ({ file: 'e.csv', location: { line, column: 3 } })));
  });
});

describe('rows keep their data cells as contents, made into cells when asked', () => {
  it('a workbook row: every data cell with its place, formula flag and content', () => {
    const values: Record<string, unknown> = {
      '1,1': 'Mã tiêu chí',
      '1,2': 'Số liệu',
      '1,3': 'Lựa chọn',
      '1,4': 'Điểm tự chấm',
      '1,5': 'Tài liệu kiểm chứng',
      '1,6': 'Điểm thẩm định',
      '2,1': '1.1.1',
      '2,2': { formula: 'A1', result: 0.5 },
      '2,3': 'Có',
      '2,4': { sharedFormula: 'B2', result: 2 },
      '2,6': 1.5,
      '3,1': '1.1.2',
      '3,5': 'QĐ 1',
    };
    const grid: Grid = { file: 'f.xlsx', sheet: 'SNV', rowCount: 3, columnCount: 6, value: (r, c) => values[`${r},${c}`], numFmt: (r, c) => (r === 2 && c === 2 ? '0%' : undefined) };
    const { rows } = rowsFromGrids([grid], 'f.xlsx', new Set(['SNV']));
    const at = (cell: string): unknown => ({ file: 'f.xlsx', cell: { sheet: 'SNV', cell } });
    expect(rows.map(plain)).toEqual([
      {
        unit: 'SNV',
        criterion: '1.1.1',
        origin: 'f.xlsx › SNV',
        at: at('A2'),
        evidenceAt: at('E2'),
        evidence: '',
        note: '',
        reason: '',
        self: { content: { kind: 'number', value: Decimal.parse('2') }, at: at('D2'), formula: true },
        appraised: { content: { kind: 'number', value: Decimal.parse('1.5') }, at: at('F2'), formula: undefined },
        measure: { content: { kind: 'number', value: Decimal.parse('0.5'), percent: true }, at: at('B2'), formula: true },
        option: { content: { kind: 'text', text: 'Có' }, at: at('C2'), formula: undefined },
        blankForm: undefined,
      },
      {
        unit: 'SNV',
        criterion: '1.1.2',
        origin: 'f.xlsx › SNV',
        at: at('A3'),
        evidenceAt: at('E3'),
        evidence: 'QĐ 1',
        note: '',
        reason: '',
        self: undefined,
        appraised: undefined,
        measure: undefined,
        option: undefined,
        blankForm: undefined,
      },
    ]);
  });

  it('a CSV row without an evidence column has no evidence cell; an empty data cell is no cell', () => {
    const { rows } = rowsFromCsv('e.csv', 'Mã đơn vị,Mã tiêu chí,Số liệu,Điểm tự chấm\nU1,1.1.1, ,3\n', new Set(['U1']));
    expect(rows.map(plain)).toEqual([
      {
        unit: 'U1',
        criterion: '1.1.1',
        origin: 'e.csv#U1',
        at: { file: 'e.csv', location: { line: 2, column: 2 } },
        evidenceAt: undefined,
        evidence: '',
        note: '',
        reason: '',
        self: { content: { kind: 'text', text: '3' }, at: { file: 'e.csv', location: { line: 2, column: 4 } }, formula: undefined },
        appraised: undefined,
        measure: undefined,
        option: undefined,
        blankForm: undefined,
      },
    ]);
  });
});

describe('units no leaf can be "not applicable" for are resolved without looking', () => {
  it('every leaf is applicable exactly when notApplicableReason says so', () => {
    const criteria = loadCriteria('c.yaml', readFileSync(new URL('../criteria/so-nganh-mau.yaml', import.meta.url), 'utf8'));
    const set = criteria.set!;
    const skipped = set.leaves.find((l) => notApplicableReason({ code: 'x', name: 'x', tags: ['khong-tthc'], notApplicable: [] }, l, set) !== undefined);
    expect(skipped, 'the sample set skips some leaf for khong-tthc').toBeDefined();
    const units = loadUnits(
      'u.yaml',
      `units:
  - { code: A, name: A }
  - { code: B, name: B, tags: [khong-tthc] }
  - { code: C, name: C, tags: [khac] }
  - { code: D, name: D, notApplicable: [{ code: ${set.leaves[0]!.code}, reason: sáp nhập }] }
`,
      set,
    ).units!;
    const { input } = resolveEvidence(set, units, [], [], { surveyGiven: false, evidenceFile: 'e.csv' });
    for (const u of input.units) {
      for (const leaf of set.leaves) {
        const na = notApplicableReason(u.unit, leaf, set);
        expect(u.leaves.get(leaf.code)!.applicable, `${u.unit.code} ${leaf.code}`).toBe(na === undefined);
        expect(u.leaves.get(leaf.code)!.naReason).toBe(na?.reason);
      }
    }
    expect(input.units.map((u) => [...u.leaves.values()].filter((l) => !l.applicable).length)).toEqual([0, expect.any(Number), 0, 1]);
    expect([...input.units[1]!.leaves.values()].some((l) => !l.applicable)).toBe(true);
    // A leaf's input has every property from the start, in one order: one shape for all (resolve.ts, newInput).
    const all = ['code', 'applicable', 'naReason', 'self', 'appraised', 'max', 'survey', 'typedSelf', 'option', 'measure', 'evidence', 'note', 'reason', 'decisions', 'settled', 'problems'];
    expect(Object.keys(input.units[0]!.leaves.get(set.leaves[0]!.code)!)).toEqual(all);
    expect(Object.keys(input.units[1]!.leaves.get(skipped!.code)!)).toEqual(all);
  });
});

describe('rows of one unit after another are indexed as each alone would be', () => {
  it('an unknown unit and a second source are each reported once, however their rows run', () => {
    const set = loadCriteria('c.yaml', readFileSync(new URL('../criteria/so-nganh-mau.yaml', import.meta.url), 'utf8')).set!;
    const units = loadUnits('u.yaml', 'units:\n  - { code: U1, name: A }\n  - { code: U2, name: B }\n', set).units!;
    const head = 'Mã đơn vị,Mã tiêu chí,Điểm tự chấm\n';
    const codes = new Set(['U1', 'U2']);
    const rows = [
      ...rowsFromCsv('a.csv', `${head}U1,1.1.1,1\nX,1.1.1,1\nX,1.1.2,1\nU1,1.1.2,1\nX,1.1.3,1\nu2,1.1.1,1\nU2,1.1.2,1\n`, codes).rows,
      ...rowsFromCsv('b.csv', `${head}U1,1.1.3,1\nU1,1.1.4,1\nX,1.1.1,1\n`, codes).rows,
    ];
    const { input, diagnostics } = resolveEvidence(set, units, rows, [], { surveyGiven: false, evidenceFile: 'a.csv' });
    const said = diagnostics.filter((d) => d.code === 'unit-unknown' || d.code === 'unit-duplicate').map((d) => [d.code, d.file, d.location?.line, d.params.unit]);
    expect(said).toEqual([
      ['unit-unknown', 'a.csv', 3, 'X'],
      ['unit-duplicate', 'a.csv', 8, 'U2'],
      ['unit-duplicate', 'b.csv', 2, 'U1'],
      ['unit-unknown', 'b.csv', 4, 'X'],
    ]);
    const typed = (unit: number): string[] => [...input.units[unit]!.leaves.values()].filter((l) => l.typedSelf !== undefined || l.self !== undefined).map((l) => l.code);
    expect(typed(0).filter((c) => c.startsWith('1.1.'))).toEqual(expect.arrayContaining(['1.1.1', '1.1.2']));
    expect(typed(0)).not.toContain('1.1.4');
  });
});

describe('csvGrid and the scan agree on line numbers', () => {
  it('a quoted field over lines moves the next rows down', () => {
    const grid = csvGrid('e.csv', 'a,b\n"x\ny",1\nz,2\n');
    expect([1, 2, 3].map((r) => grid.lineOf!(r))).toEqual([1, 2, 4]);
  });
});
