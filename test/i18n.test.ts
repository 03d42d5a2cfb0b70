import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES, diagnosticMessage } from '../src/diagnostics/index.js';
import { ROOT } from './helpers.js';

describe('message catalogue', () => {
  it('every code reads in both languages, and no message falls back to its code', () => {
    for (const code of DIAGNOSTIC_CODES) {
      const d = { code, severity: 'error' as const, file: 'f', params: {} };
      expect(diagnosticMessage(d, 'en'), code).not.toMatch(new RegExp(`^${code} `));
      expect(diagnosticMessage(d, 'vi'), code).not.toMatch(new RegExp(`^${code} `));
    }
  });

  it('numbers read with a decimal comma in Vietnamese', () => {
    const d = { code: 'sum-mismatch' as const, severity: 'error' as const, file: 'f', params: { code: '1', sum: '10.5', max: '11', count: 3 } };
    expect(diagnosticMessage(d, 'vi')).toBe('Tổng điểm tối đa của 3 mục con là 10,5, khác điểm tối đa 11 của "1".');
    expect(diagnosticMessage(d, 'en')).toBe('The maxima of the 3 children add up to 10.5, not to the maximum 11 of "1".');
  });

  it('the percentage cell-date suggests is parscore’s number: in the reader’s format; what was typed stays as typed', () => {
    // "7/8" typed, turned into 7 August: as a fraction it is 7 × 100 / 8 = 87.5 %.
    const d = { code: 'cell-date' as const, severity: 'error' as const, file: 'f', params: { code: '1.2', cell: 'E9', shown: '07/08', typed: '7/8', percent: '87.5' } };
    expect(diagnosticMessage(d, 'vi')).toBe('Ô E9 (tiêu chí 1.2) đã bị Excel đổi thành ngày 07/08; gõ 7/8 vào ô định dạng Văn bản, hoặc 87,5%.');
    expect(diagnosticMessage(d, 'en')).toBe('Cell E9 (criterion 1.2) was turned into the date 07/08 by the spreadsheet; type 7/8 into a cell formatted as Text, or 87.5%.');
  });

  it('every code is documented in docs/diagnostics.md', () => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
    for (const code of DIAGNOSTIC_CODES) expect(doc, code).toContain(`\`${code}\``);
  });
});
