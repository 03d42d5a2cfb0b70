// Text that cannot fool a terminal (issue 12, item 4) and JUnit that always parses (item 10).
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { decodeExcelEscapes, escapeControls, escapeForTerminal, normalizeText, stripControls, xmlSafe } from '../src/core/text.js';
import { formatDiagnostics } from '../src/report/diagnostics.js';
import { readCell } from '../src/evidence/cells.js';
import { ROOT, run, tempFolders } from './helpers.js';

const tmp = tempFolders('harden');

const ESC = '\u001b';
/** What a hostile cell tries: clear the screen, print a green "all clear", hide the rest; then reverse the text after it. */
const ATTACK = `${ESC}[2J${ESC}[H${ESC}[32m✔ Không có vấn đề nào${ESC}[8m\r\u202eSở\u2066\u0085\u009b\u007f\b`;
/** Every character a terminal could act on: none may reach a printed line. */
const DANGEROUS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('control characters in input text', () => {
  it('are removed on reading, beside NFC', () => {
    // "Sở" typed in NFD (o + horn + hook) becomes NFC; every control goes; visible text stays.
    expect(normalizeText(`  S\u006f\u031b\u0309 ${ATTACK}  `)).toBe('Sở [2J[H[32m✔ Không có vấn đề nào[8m Sở');
    expect(stripControls('a\tb\nc\u202ed')).toBe('a\tb\ncd');
    expect(readCell(ATTACK)).toEqual({ kind: 'text', text: '[2J[H[32m✔ Không có vấn đề nào[8m Sở' });
    expect(readCell({ richText: [{ text: `${ESC}[2J` }, { text: 'x\u202e' }] })).toEqual({ kind: 'text', text: '[2Jx' });
    expect(readCell({ formula: 'A1', result: `ok${ESC}c` })).toEqual({ kind: 'text', text: 'okc' });
  });

  it('text taken as already normal is what the full normalisation gives, character by character', () => {
    // normalizeText skips NFC for printable Latin text (ASCII, U+00A1–U+024F, U+1E00–U+1EFF) with single
    // inner spaces. Every character of those blocks must be its own NFC and no control; any other text
    // (a combining mark, a double space, a leading space) takes the full path.
    const slow = (t: string): string =>
      stripControls(t.normalize('NFC'))
        .replace(/[\s\u00a0]+/g, ' ')
        .trim();
    const blocks: [number, number][] = [
      [0x21, 0x7e],
      [0xa1, 0x24f],
      [0x1e00, 0x1eff],
    ];
    for (const [from, to] of blocks) {
      for (let c = from; c <= to; c++) {
        const t = `a${String.fromCodePoint(c)} b`;
        expect(normalizeText(t)).toBe(slow(t));
      }
    }
    for (const t of ['Sở Tư pháp', 'Ho\u0300a', ' lề trái', 'hai  dấu cách', 'cuối ', 'Ban\u00a0Dân tộc', 'Å\u212b']) expect(normalizeText(t)).toBe(slow(t));
  });

  it("Excel's _x001B_ escape is decoded, then stripped like the character itself", () => {
    expect(decodeExcelEscapes('_x001B_[2J_x005F_x')).toBe(`${ESC}[2J_x`);
    expect(normalizeText(decodeExcelEscapes('_x001B_[2Jok'))).toBe('[2Jok');
  });

  it('printing escapes what is left as \\uXXXX; only parscore’s own colour sequences pass the final step', () => {
    expect(escapeControls(`a${ESC}[2J\r\u202eb\tc\n`)).toBe('a\\u001b[2J\\u000d\\u202eb\tc\n');
    expect(escapeForTerminal(`${ESC}[31mred${ESC}[39m ${ESC}[2J ${ESC}]0;title\u0007`)).toBe(`${ESC}[31mred${ESC}[39m \\u001b[2J \\u001b]0;title\\u0007`);
    // The escape is valid inside a JSON string and means the same character.
    expect(JSON.parse(escapeForTerminal(JSON.stringify({ n: 'x\u202ey\u0085' })))).toEqual({ n: 'x\u202ey\u0085' });
  });

  it('every diagnostic format escapes a hostile file name and message; junit stays well-formed XML', () => {
    const d = { code: 'score-unparsable' as const, severity: 'error' as const, file: `ev/${ESC}[2J.xlsx`, cell: { sheet: `S\u202eheet`, cell: 'G7' }, params: { code: '1.1', value: ATTACK } };
    for (const format of ['stylish', 'github', 'junit'] as const) {
      const text = formatDiagnostics(format, [d], { lang: 'vi', files: [d.file] });
      expect(text.replace(/\n|\t/g, ''), format).not.toMatch(DANGEROUS);
    }
    const xml = formatDiagnostics('junit', [{ ...d, params: { code: '1.1', value: 'a\u0000b\ud800c\uffffd' } }], { lang: 'vi', files: [] });
    expect(xml).not.toMatch(/[\u0000\ud800\uffff]/);
    expect(xmlSafe('a\u0000b\ud800c\uffffd\u{1f600}')).toBe('abcd\u{1f600}');
  });
});

describe('a hostile round prints nothing a terminal acts on', () => {
  it('control characters in a unit name, a criteria title, last year’s results and an evidence cell: plain output, the real summary, exit 1', async () => {
    const root = tmp('text');
    const round = path.join(root, 'samples', '2021');
    cpSync(path.join(ROOT, 'samples', '2021'), round, { recursive: true });
    mkdirSync(path.join(root, 'samples', '2020'));
    mkdirSync(path.join(root, 'criteria'));
    // A criteria title and a unit name with ESC (YAML's "\e") and a right-to-left override.
    const criteria = readFileSync(path.join(ROOT, 'criteria', 'so-nganh-mau.yaml'), 'utf8').replace(/^title: .*$/m, 'title: "\\e[2J\\u202eBộ tiêu chí"');
    writeFileSync(path.join(root, 'criteria', 'so-nganh-mau.yaml'), criteria);
    const units = readFileSync(path.join(round, 'units.yaml'), 'utf8').replace('name: Sở Nội vụ', 'name: "Sở \\e[2J\\e[32mNội\\u202e vụ"');
    expect(units).toContain('\\e[2J');
    writeFileSync(path.join(round, 'units.yaml'), units);
    // Last year's results: a name with controls, for a unit that is gone this year (so it is printed).
    const previous = JSON.parse(readFileSync(path.join(ROOT, 'samples', '2020', 'results.json'), 'utf8')) as { units: { code: string; name: string; rank: number; index: number }[] };
    previous.units.push({ ...previous.units[0]!, code: 'GONE', name: `Đã giải thể${ESC}[2J\u202e`, rank: previous.units.length + 1 });
    writeFileSync(path.join(root, 'samples', '2020', 'results.json'), JSON.stringify(previous));
    // An evidence cell: a criterion's measure replaced by the attack, written as Excel would (_x001B_).
    const formPath = path.join(round, 'evidence', 'SNV - Sở Nội vụ.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(formPath);
    const ws = wb.getWorksheet('Tự đánh giá')!;
    // The first measure typed in ("Số liệu", column E): replaced by the attack, which then cannot be read as a measure.
    const row = [...Array(ws.rowCount).keys()].map((i) => i + 1).find((r) => typeof ws.getCell(r, 5).value === 'string' && r > 6)!;
    ws.getCell(row, 5).value = 'PLACEHOLDER-CELL';
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml'))) {
      const text = await zip.file(name)!.async('string');
      if (text.includes('PLACEHOLDER-CELL')) zip.file(name, text.replace('PLACEHOLDER-CELL', '_x001B_[2J_x001B_[32m✔ Không có vấn đề nào_x001B_[8m'));
    }
    writeFileSync(formPath, await zip.generateAsync({ type: 'nodebuffer' }));

    for (const args of [
      ['check', round],
      ['rank', round],
      ['rank', round, '--unit', 'SNV'],
      ['rank', round, '--json'],
      ['check', round, '--format', 'json'],
    ]) {
      const r = await run(args);
      const printed = r.stdout + r.stderr;
      expect(printed.replace(/[\n\t]/g, ''), args.join(' ')).not.toMatch(DANGEROUS);
      if (args[0] === 'check' && args.length === 2) {
        expect(r.code).toBe(1);
        expect(r.stdout).toContain('[2J[32m✔ Không có vấn đề nào[8m');
        expect(r.stdout).toMatch(/✖ \d+ vấn đề \(\d+ lỗi/);
      }
    }
  }, 120_000);
});
