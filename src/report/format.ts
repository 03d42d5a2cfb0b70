/**
 * How reporters write numbers and rank changes: one place, so the terminal
 * and the workbook say the same thing. Numbers come from the results model
 * exactly; only their text is made here.
 */
import { Decimal } from '../core/decimal.js';
import { formatNumberText, type Lang } from '../core/lang.js';
import type { RankChange } from './model.js';

const NEW = { vi: 'mới', en: 'new' } as const;

/** Points as written: every decimal they have ("65,145"), "—" when none. */
export function formatPoints(n: number | null, lang: Lang): string {
  if (n === null) return '—';
  return formatNumberText((Decimal.fromNumber(n) ?? Decimal.ZERO).toString(), lang);
}

/** An index already rounded by the engine, with the set's display decimals ("88,10"). */
export function formatIndex(n: number | null, decimals: number, lang: Lang): string {
  if (n === null) return '—';
  return formatNumberText((Decimal.fromNumber(n) ?? Decimal.ZERO).toFixed(decimals), lang);
}

export function formatRankChange(change: RankChange, lang: Lang): string {
  if (change === null) return '';
  switch (change.kind) {
    case 'new':
      return NEW[lang];
    case 'up':
      return `↑${change.places}`;
    case 'down':
      return `↓${change.places}`;
    case 'same':
      return '=';
  }
}

/** Spreadsheet number format with exactly `decimals` decimals ("0.000"); the viewer's locale supplies the separators. */
export function fixedFormat(decimals: number): string {
  return decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0';
}
