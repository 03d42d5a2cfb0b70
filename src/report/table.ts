/**
 * Terminal reporters for results: the ranking table and one unit's tree.
 * Pure: (results, options) → text. Numbers are rounded here, for display
 * only, with the criteria set's rule.
 */
import Table from 'cli-table3';
import { Decimal, type Ratio } from '../core/decimal.js';
import type { Palette } from '../diagnostics/formatters.js';
import { PLAIN } from '../diagnostics/formatters.js';
import { formatNumberText, type Lang } from '../i18n/index.js';
import type { NodeResult, Results, UnitResult } from '../scoring/engine.js';

export interface TableOptions {
  lang: Lang;
  palette?: Palette;
  areas?: boolean;
}

const WORDS = {
  vi: {
    rank: 'Hạng',
    unit: 'Đơn vị',
    points: 'Điểm',
    max: 'Tối đa',
    index: 'Chỉ số (%)',
    change: '± hạng',
    class: 'Xếp loại',
    new: 'mới',
    provisional: 'tạm',
    title: (title: string, n: number) => `${title} — ${n} đơn vị`,
    stageSelf: 'Xếp hạng theo điểm TỰ CHẤM (chưa thẩm định).',
    provisionalNote: (codes: string) => `Kết quả TẠM: chưa thẩm định xong ${codes}.`,
    notSubmitted: 'chưa nộp',
    notSubmittedNote: (codes: string) => `Chưa nộp phiếu (0 điểm các tiêu chí tự chấm): ${codes}.`,
    exemptNote: (list: string) => `Miễn đánh giá năm nay: ${list}.`,
    unscoredNote: (list: string) => `DỰ THẢO — chưa tính được (còn lỗi): ${list}.`,
    errors: (n: number) => `${n} lỗi`,
    gone: (list: string) => `Có trong kết quả năm trước nhưng không có năm nay: ${list}.`,
    code: 'Mã',
    name: 'Nội dung',
    self: 'Tự chấm',
    appraised: 'Thẩm định',
    final: 'Điểm',
    lost: 'Mất',
    na: 'KAD',
    unitTitle: (u: UnitResult, index: string, rank: string) => `${u.unit.name} (${u.unit.code}) — chỉ số ${index}%, hạng ${rank}`,
    facts: (a90: number, full: number, n: number, weakest: string) => `${a90}/${n} lĩnh vực đạt từ 90% trở lên, ${full} lĩnh vực đạt điểm tối đa; lĩnh vực thấp nhất: ${weakest}.`,
    lostMost: 'Mất nhiều điểm nhất:',
    bonus: 'Điểm thưởng',
    penalty: 'Điểm trừ',
  },
  en: {
    rank: 'Rank',
    unit: 'Unit',
    points: 'Points',
    max: 'Max',
    index: 'Index (%)',
    change: '± rank',
    class: 'Class',
    new: 'new',
    provisional: 'provisional',
    title: (title: string, n: number) => `${title} — ${n} units`,
    stageSelf: 'Ranked on SELF-ASSESSED scores (not appraised).',
    provisionalNote: (codes: string) => `PROVISIONAL: appraisal not complete for ${codes}.`,
    notSubmitted: 'not submitted',
    notSubmittedNote: (codes: string) => `Form not submitted (0 points on self-assessed items): ${codes}.`,
    exemptNote: (list: string) => `Exempt this year: ${list}.`,
    unscoredNote: (list: string) => `DRAFT — cannot be scored yet (errors): ${list}.`,
    errors: (n: number) => `${n} error${n === 1 ? '' : 's'}`,
    gone: (list: string) => `In last year's results but not this year: ${list}.`,
    code: 'Code',
    name: 'Name',
    self: 'Self',
    appraised: 'Appraised',
    final: 'Points',
    lost: 'Lost',
    na: 'N/A',
    unitTitle: (u: UnitResult, index: string, rank: string) => `${u.unit.name} (${u.unit.code}) — index ${index} %, rank ${rank}`,
    facts: (a90: number, full: number, n: number, weakest: string) => `${a90}/${n} areas at 90 % or more, ${full} at full marks; weakest area: ${weakest}.`,
    lostMost: 'Where it lost most:',
    bonus: 'Bonus',
    penalty: 'Penalty',
  },
};

export function formatPoints(d: Decimal | null, lang: Lang): string {
  return d === null ? '—' : formatNumberText(d.toString(), lang);
}

export function formatIndex(r: Ratio | null, results: Results, lang: Lang): string {
  if (r === null) return '—';
  const { decimals, rounding } = results.set;
  return formatNumberText(r.round(decimals, rounding).toFixed(decimals), lang);
}

export function formatRankChange(u: UnitResult, results: Results, lang: Lang): string {
  if (!results.hasPrevious) return '';
  if (u.previous === null) return WORDS[lang].new;
  if (u.rankChange === null) return '';
  if (u.rankChange > 0) return `↑${u.rankChange}`;
  if (u.rankChange < 0) return `↓${-u.rankChange}`;
  return '=';
}

function classColor(results: Results, label: string | null, p: Palette): (s: string) => string {
  const i = results.set.classes.findIndex((c) => c.label === label);
  return i === 0 ? p.green : i === 1 ? (s) => s : i === 2 ? p.yellow : i >= 3 ? p.red : (s) => s;
}

const PLAIN_CHARS = { top: '─', 'top-mid': '┬', 'top-left': '┌', 'top-right': '┐', bottom: '─', 'bottom-mid': '┴', 'bottom-left': '└', 'bottom-right': '┘', left: '│', 'left-mid': '├', mid: '─', 'mid-mid': '┼', right: '│', 'right-mid': '┤', middle: '│' };

/** One row per unit, in rank order: the rows of the table, as plain cells (shared with the Excel report). */
export function rankingRows(results: Results, lang: Lang): string[][] {
  const w = WORDS[lang];
  return results.units.map((u) => [
    u.rank === null ? '—' : String(u.rank),
    [u.unit.name, ...(u.submission === 'not-submitted' ? [`(${w.notSubmitted})`] : []), ...(u.status === 'provisional' ? [`(${w.provisional})`] : [])].join(' '),
    formatPoints(u.points, lang),
    formatPoints(u.max, lang),
    formatIndex(u.index, results, lang),
    formatRankChange(u, results, lang),
    u.class ?? '',
  ]);
}

export function formatRankingTable(results: Results, title: string, opts: TableOptions): string {
  const p = opts.palette ?? PLAIN;
  const w = WORDS[opts.lang];
  const areaHead = opts.areas ? results.set.areas.map((a) => `${opts.lang === 'vi' ? 'LV' : 'A'}${a.code}`) : [];
  const table = new Table({
    head: [w.rank, w.unit, w.points, w.max, w.index, w.change, w.class, ...areaHead],
    style: { head: [], border: [], compact: true },
    colAligns: ['right', 'left', 'right', 'right', 'right', 'center', 'left', ...areaHead.map(() => 'right' as const)],
    chars: PLAIN_CHARS,
  });
  const rows = rankingRows(results, opts.lang);
  results.units.forEach((u, i) => {
    const color = classColor(results, u.class, p);
    const row = rows[i]!.map((cell, c) => (c === 4 || c === 6 ? color(cell) : cell));
    if (opts.areas) row.push(...u.areas.map((a) => formatIndex(a.index, results, opts.lang)));
    table.push(row);
  });
  const lines = [p.bold(w.title(title, results.units.length))];
  if (results.stage === 'self') lines.push(p.yellow(w.stageSelf));
  lines.push(table.toString());
  return `${lines.join('\n')}\n`;
}

/** Notes printed after the table: provisional units, units gone since last year. */
export function formatRankingNotes(results: Results, lang: Lang, palette: Palette = PLAIN): string {
  const w = WORDS[lang];
  const notes: string[] = [];
  const provisional = results.units.filter((u) => u.status === 'provisional').map((u) => u.unit.code);
  if (provisional.length > 0) notes.push(palette.yellow(`⚠ ${w.provisionalNote(provisional.join(', '))}`));
  const notSubmitted = results.units.filter((u) => u.submission === 'not-submitted').map((u) => u.unit.code);
  if (notSubmitted.length > 0) notes.push(w.notSubmittedNote(notSubmitted.join(', ')));
  if (results.exempt.length > 0) notes.push(w.exemptNote(results.exempt.map((u) => `${u.name} (${u.code})`).join(', ')));
  if (results.unscored.length > 0) notes.push(palette.yellow(w.unscoredNote(results.unscored.map((x) => `${x.unit.name} (${x.unit.code}): ${w.errors(x.errors)}`).join('; '))));
  if (results.gone.length > 0) notes.push(w.gone(results.gone.map((g) => `${g.name} (${g.code})`).join(', ')));
  return notes.length > 0 ? `${notes.join('\n')}\n` : '';
}

/** One unit's whole tree, with the points it lost per node. */
export function formatUnitTree(results: Results, u: UnitResult, opts: TableOptions): string {
  const p = opts.palette ?? PLAIN;
  const lang = opts.lang;
  const w = WORDS[lang];
  const table = new Table({
    head: [w.code, w.name, w.max, w.self, w.appraised, w.final, w.lost, '%'],
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
    chars: PLAIN_CHARS,
    colWidths: [null, 62, null, null, null, null, null, null],
    wordWrap: true,
  });
  const leafByCode = new Map(u.leaves.map((l) => [l.node.code, l]));
  const walk = (code: string, name: string, level: number, node: NodeResult | undefined): void => {
    const leaf = leafByCode.get(code);
    const applicable = node ? node.points !== null : leaf!.input.applicable;
    const max = node ? node.max : leaf!.node.max;
    const self = node ? node.self : leaf!.self;
    // Accept by default: a blank council score is the self points accepted, as branch sums count it.
    const appraised = node ? node.appraised : (leaf!.appraised ?? leaf!.survey ?? leaf!.final);
    const points = node ? node.points : leaf!.points;
    const lost = applicable && points !== null ? max.sub(points) : null;
    const index = node ? formatIndex(node.index, results, lang) : '';
    const label = `${'  '.repeat(level - 1)}${name}`;
    const row = [code, level === 1 ? p.bold(label) : label, formatPoints(max, lang), applicable ? formatPoints(self, lang) : w.na, applicable ? formatPoints(appraised, lang) : w.na, applicable ? formatPoints(points, lang) : w.na, lost && lost.gt(Decimal.ZERO) ? p.red(formatPoints(lost, lang)) : '', index];
    table.push(row);
  };
  const visit = (n: { code: string; name: string; level: number; children: { code: string; name: string; level: number; children: unknown[] }[] }): void => {
    walk(n.code, n.name, n.level, u.nodes.get(n.code));
    for (const c of n.children) visit(c as typeof n);
  };
  for (const area of results.set.areas) visit(area);
  const rank = u.rank === null ? '—' : `${u.rank}/${results.units.length}`;
  const lines = [p.bold(w.unitTitle(u, formatIndex(u.index, results, lang), rank)), table.toString()];
  if (!u.bonus.isZero()) lines.push(`${w.bonus}: +${formatPoints(u.bonus, lang)}`);
  if (!u.penalty.isZero()) lines.push(`${w.penalty}: −${formatPoints(u.penalty, lang)}`);
  const weakest = results.set.areas.find((a) => a.code === u.facts.weakestArea);
  const applicableAreas = u.areas.filter((a) => a.points !== null).length;
  lines.push(w.facts(u.facts.areasAtLeast90, u.facts.areasFull, applicableAreas, weakest ? `${weakest.code}. ${weakest.name}` : '—'));
  if (u.facts.lostMost.length > 0) {
    lines.push(w.lostMost);
    for (const l of u.facts.lostMost) lines.push(`  ${l.code}  ${l.name}: −${formatPoints(l.lost, lang)}`);
  }
  return `${lines.join('\n')}\n`;
}
