import { describe, expect, it } from 'vitest';
import { a4BodyHeightPt, a4UsableWidth, charsPerLine, pageEnds, rowHeightFor, wrappedLines } from '../src/io/sheet-layout.js';

describe('sheet layout', () => {
  it('fits characters to a column by its width and font', () => {
    // 55 units × 9 px − 5 px = 490 px; a 12 pt character ≈ 0.5 em = 8 px → 61 characters.
    expect(charsPerLine(55, 12)).toBe(61);
    // 10 units: 85 px / 8 px → 10 characters.
    expect(charsPerLine(10, 12)).toBe(10);
  });

  it('wraps at spaces, counts paragraphs, and cuts words longer than a line', () => {
    expect(wrappedLines('', 10, 12)).toBe(1);
    expect(wrappedLines('abcd efgh', 10, 12)).toBe(1); // 9 characters on a 10-character line
    expect(wrappedLines('abcde efghi', 10, 12)).toBe(2); // 5 + 1 + 5 = 11 > 10
    expect(wrappedLines('a\nb\nc', 10, 12)).toBe(3);
    expect(wrappedLines('abcdefghijklmnopqrstu', 10, 12)).toBe(3); // 21 characters: 10 + 10 + 1
  });

  it('pages rows by their heights, the title rows again at the top of each later page', () => {
    // Landscape A4: 8.27 in less 0.6 in top and bottom = 7.07 in = 509.04 pt.
    expect(a4BodyHeightPt('landscape')).toBeCloseTo(509.04, 2);
    // 25 pt pages, 5 pt of titles: 10 + 10 = 20, a third row would make 30 → page 1 ends at row 2;
    // page 2: 5 + 10 + 10 = 25, which fits exactly.
    expect(pageEnds([10, 10, 10, 10], 5, 25)).toEqual([2]);
    // A fifth row goes over: 25 + 1 > 25 → page 2 ends at row 4.
    expect(pageEnds([10, 10, 10, 10, 1], 5, 25)).toEqual([2, 4]);
    // A row taller than a page gets a page of its own; nothing at all, no page ends.
    expect(pageEnds([30, 10], 0, 25)).toEqual([1]);
    expect(pageEnds([], 5, 25)).toEqual([]);
  });

  it('gives a row the height of its tallest wrapped cell', () => {
    // Three lines at 12 pt: 3 × 12 × 1.2 + 4 = 47.2 → 48.
    expect(
      rowHeightFor([
        { text: 'a\nb\nc', width: 10, fontSizePt: 12 },
        { text: 'x', width: 10, fontSizePt: 12 },
      ]),
    ).toBe(48);
    expect(rowHeightFor([], 15)).toBe(15);
    expect(rowHeightFor([{ text: 'x\n'.repeat(500), width: 10, fontSizePt: 12 }])).toBe(409);
  });

  it('knows the width of an A4 page', () => {
    // Landscape: (11.69 − 0.9) in × 96 = 1035.8 px, less 5 → 1030.8 / 9 = 114.
    expect(a4UsableWidth('landscape')).toBe(114);
    // Portrait: (8.27 − 0.9) × 96 = 707.5, less 5 → 702.5 / 9 = 78.
    expect(a4UsableWidth('portrait')).toBe(78);
  });
});
