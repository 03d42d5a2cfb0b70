import { describe, expect, it } from 'vitest';
import { displayWidth, renderTextTable, wrapWords } from '../src/report/text-table.js';

describe('terminal table layout', () => {
  it('wraps at spaces, keeps every word once, and keeps the indentation', () => {
    const text = '    Lấy ý kiến, gửi thẩm định dự thảo văn bản QPPL đúng quy định';
    const lines = wrapWords(text, 30);
    // 4 spaces + "Lấy ý kiến, gửi thẩm định dự" = 32 > 30, so "dự" moves down; and so on.
    expect(lines).toEqual(['    Lấy ý kiến, gửi thẩm định', '    dự thảo văn bản QPPL đúng', '    quy định']);
    expect(lines.map((l) => l.trim()).join(' ')).toBe(text.trim());
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(30);
  });

  it('cuts a word longer than a line rather than losing it', () => {
    expect(wrapWords('abcdefghij xy', 4)).toEqual(['abcd', 'efgh', 'ij', 'xy']);
  });

  it('counts NFD Vietnamese (combining marks) and colour escapes as no columns', () => {
    expect(displayWidth('Sở Nội vụ'.normalize('NFD'))).toBe(9);
    expect(displayWidth('\u001b[31m97,53\u001b[39m')).toBe(5);
  });

  it('pads to the widest cell, aligns as asked, wraps a fixed-width column', () => {
    const out = renderTextTable(
      [{ align: 'right' }, { align: 'left', width: 8 }, { align: 'center' }],
      ['N', 'Tên', '±'],
      [
        ['1', 'Sở Tư pháp', '↑2'],
        ['10', 'Ban', { text: '=', paint: (s) => `<${s}>` }],
      ],
    );
    expect(out).toBe(
      [
        '┌────┬──────────┬────┐',
        '│  N │ Tên      │ ±  │',
        '├────┼──────────┼────┤',
        '│  1 │ Sở Tư    │ ↑2 │',
        '│    │ pháp     │    │',
        '│ 10 │ Ban      │ <= > │', // the paint wraps the padded cell: colour never shifts a column
        '└────┴──────────┴────┘',
      ].join('\n'),
    );
  });
});
