import { describe, expect, it } from 'vitest';
import { a4UsableWidth, charsPerLine, rowHeightFor, wrappedLines } from '../src/io/sheet-layout.js';

describe('sheet layout', () => {
  it('fits characters to a column by its width and font', () => {
    // 55 units × 7 px − 5 px = 380 px; a 12 pt character ≈ 0.5 em = 8 px → 47 characters.
    expect(charsPerLine(55, 12)).toBe(47);
    // 10 units: 65 px / 8 px → 8 characters.
    expect(charsPerLine(10, 12)).toBe(8);
  });

  it('wraps at spaces, counts paragraphs, and cuts words longer than a line', () => {
    expect(wrappedLines('', 10, 12)).toBe(1);
    expect(wrappedLines('abc def', 10, 12)).toBe(1); // 7 characters on an 8-character line
    expect(wrappedLines('abcd efgh', 10, 12)).toBe(2); // 4 + 1 + 4 = 9 > 8
    expect(wrappedLines('a\nb\nc', 10, 12)).toBe(3);
    expect(wrappedLines('abcdefghijklmnopq', 10, 12)).toBe(3); // 17 characters: 8 + 8 + 1
  });

  it('gives a row the height of its tallest wrapped cell', () => {
    // Three lines at 12 pt: 3 × 12 × 1.2 + 4 = 47.2 → 48.
    expect(rowHeightFor([{ text: 'a\nb\nc', width: 10, fontSizePt: 12 }, { text: 'x', width: 10, fontSizePt: 12 }])).toBe(48);
    expect(rowHeightFor([], 15)).toBe(15);
    expect(rowHeightFor([{ text: 'x\n'.repeat(500), width: 10, fontSizePt: 12 }])).toBe(409);
  });

  it('knows the width of an A4 page', () => {
    // Landscape: (11.69 − 0.9) in × 96 = 1035.8 px, less 5 → 1030 / 7 = 147.
    expect(a4UsableWidth('landscape')).toBe(147);
    // Portrait: (8.27 − 0.9) × 96 = 707.5, less 5 → 702 / 7 = 100.
    expect(a4UsableWidth('portrait')).toBe(100);
  });
});
