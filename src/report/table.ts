/**
 * Terminal reporters: the ranking table and one unit's tree. Pure: (results
 * model, options) → text. Every figure is the engine's, from the model.
 */
import type { Palette } from './diagnostics.js';
import { PLAIN } from './diagnostics.js';
import type { Lang } from '../core/lang.js';
import { numberedName } from '../criteria/index.js';
import { formatIndex, formatPoints, formatRankChange } from './format.js';
import { lostRuleLines } from './lost-rules.js';
import { indexUnit, type ResultsModel, type UnitView } from './model.js';
import { renderTextTable, type TextCell } from './text-table.js';

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
    provisional: 'tạm',
    areaHead: (code: string) => `LV${code}`,
    areaLegend: 'Chỉ số thành phần (%) theo lĩnh vực:',
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
    unitTitle: (name: string, code: string, index: string, rank: string) => `${name} (${code}) — chỉ số ${index}%, hạng ${rank}`,
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
    provisional: 'provisional',
    areaHead: (code: string) => `A${code}`,
    areaLegend: 'Area indexes (%):',
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
    unitTitle: (name: string, code: string, index: string, rank: string) => `${name} (${code}) — index ${index} %, rank ${rank}`,
    facts: (a90: number, full: number, n: number, weakest: string) => `${a90}/${n} areas at 90 % or more, ${full} at full marks; weakest area: ${weakest}.`,
    lostMost: 'Where it lost most:',
    bonus: 'Bonus',
    penalty: 'Penalty',
  },
};

function classColor(model: ResultsModel, label: string | null, p: Palette): ((s: string) => string) | undefined {
  const i = model.results.criteria.classes.findIndex((c) => c.label === label);
  return i === 0 ? p.green : i === 2 ? p.yellow : i >= 3 ? p.red : undefined;
}

/** The unit's name as listed: "(tạm)" when it is ranked on final scores the council has not finished. */
function unitLabel(u: UnitView, lang: Lang): string {
  const w = WORDS[lang];
  return [u.json.name, ...(u.json.submission === 'not-submitted' ? [`(${w.notSubmitted})`] : []), ...(u.provisional ? [`(${w.provisional})`] : [])].join(' ');
}

export function formatRankingTable(model: ResultsModel, title: string, opts: TableOptions): string {
  const p = opts.palette ?? PLAIN;
  const w = WORDS[opts.lang];
  const { decimals } = model.results.options;
  const areas = opts.areas ? model.tree.areas : [];
  const rows = model.units.map((u): (TextCell | string)[] => {
    const j = u.json;
    const paint = classColor(model, j.class, p);
    const row: (TextCell | string)[] = [
      j.rank === null ? '—' : String(j.rank),
      unitLabel(u, opts.lang),
      formatPoints(j.points, opts.lang),
      formatPoints(j.max, opts.lang),
      { text: formatIndex(j.index, decimals, opts.lang), ...(paint ? { paint } : {}) },
      formatRankChange(u.change, opts.lang),
      { text: j.class ?? '', ...(paint ? { paint } : {}) },
    ];
    if (opts.areas) row.push(...j.areas.map((a) => formatIndex(a.index, decimals, opts.lang)));
    return row;
  });
  const table = renderTextTable(
    [{ align: 'right' }, { align: 'left' }, { align: 'right' }, { align: 'right' }, { align: 'right' }, { align: 'center' }, { align: 'left' }, ...areas.map(() => ({ align: 'right' as const }))],
    [w.rank, w.unit, w.points, w.max, w.index, w.change, w.class, ...areas.map((a) => w.areaHead(a.code))],
    rows,
  );
  const lines = [p.bold(w.title(title, model.units.length))];
  if (model.results.options.stage === 'self') lines.push(p.yellow(w.stageSelf));
  lines.push(table);
  if (opts.areas) {
    lines.push(w.areaLegend);
    for (const a of areas) lines.push(`  ${w.areaHead(a.code)}  ${a.name}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Notes printed after the table: provisional units, units gone since last year. */
export function formatRankingNotes(model: ResultsModel, lang: Lang, palette: Palette = PLAIN): string {
  const w = WORDS[lang];
  const notes: string[] = [];
  const provisional = model.units.filter((u) => u.provisional).map((u) => u.json.code);
  if (provisional.length > 0) notes.push(palette.yellow(`⚠ ${w.provisionalNote(provisional.join(', '))}`));
  const notSubmitted = model.units.filter((u) => u.json.submission === 'not-submitted').map((u) => u.json.code);
  if (notSubmitted.length > 0) notes.push(w.notSubmittedNote(notSubmitted.join(', ')));
  const exempt = model.results.exempt ?? [];
  if (exempt.length > 0) notes.push(w.exemptNote(exempt.map((u) => `${u.name} (${u.code})`).join(', ')));
  const unscored = model.results.unscored ?? [];
  if (unscored.length > 0) notes.push(palette.yellow(w.unscoredNote(unscored.map((x) => `${x.name} (${x.code}): ${w.errors(x.errors)}`).join('; '))));
  if (model.results.gone.length > 0) notes.push(w.gone(model.results.gone.map((g) => `${g.name} (${g.code})`).join(', ')));
  return notes.length > 0 ? `${notes.join('\n')}\n` : '';
}

/** One unit's whole tree (areas and their criteria), with the points it lost per node. */
export function formatUnitTree(model: ResultsModel, u: UnitView, opts: TableOptions): string {
  const p = opts.palette ?? PLAIN;
  const lang = opts.lang;
  const w = WORDS[lang];
  const { decimals } = model.results.options;
  const rows: (TextCell | string)[][] = [];
  const { nodes, leaves } = indexUnit(u.json);
  const visit = (code: string): void => {
    const n = model.tree.byCode.get(code)!;
    const node = nodes.get(code);
    const leaf = leaves.get(code);
    const applicable = node ? node.points !== null : leaf!.applicable;
    // A leaf's maximum is the unit's own (maxFor by kind of unit), as the results carry it.
    const max = node ? node.max : leaf!.max;
    const self = node ? node.self : leaf!.self;
    const appraised = node ? node.appraised : (leaf!.appraised ?? leaf!.survey);
    const points = node ? node.points : leaf!.points;
    const lost = applicable ? (node ? node.lost : leaf!.lost) : null;
    const label = `${'  '.repeat(n.level - 1)}${numberedName({ name: n.name, ...(n.number ? { number: n.number } : {}) })}`;
    rows.push([
      code,
      n.level === 1 ? { text: label, paint: p.bold } : label,
      formatPoints(max, lang),
      applicable ? formatPoints(self, lang) : w.na,
      applicable ? formatPoints(appraised, lang) : w.na,
      applicable ? formatPoints(points, lang) : w.na,
      lostText(lost, lang, p),
      node ? formatIndex(node.index, decimals, lang) : '',
    ]);
    for (const c of model.tree.children.get(code) ?? []) visit(c.code);
  };
  for (const area of model.tree.areas) visit(area.code);
  const table = renderTextTable(
    [{ align: 'left' }, { align: 'left', width: 60 }, { align: 'right' }, { align: 'right' }, { align: 'right' }, { align: 'right' }, { align: 'right' }, { align: 'right' }],
    [w.code, w.name, w.max, w.self, w.appraised, w.final, w.lost, '%'],
    rows,
  );
  const j = u.json;
  const rank = j.rank === null ? '—' : `${j.rank}/${model.units.length}`;
  const lines = [p.bold(w.unitTitle(j.name, j.code, formatIndex(j.index, decimals, lang), rank)), table];
  if (j.bonus !== 0) lines.push(`${w.bonus}: +${formatPoints(j.bonus, lang)}`);
  if (j.penalty !== 0) lines.push(`${w.penalty}: −${formatPoints(j.penalty, lang)}`);
  const weakest = j.facts.weakestArea === null ? undefined : model.tree.byCode.get(j.facts.weakestArea);
  const applicableAreas = j.areas.filter((a) => a.points !== null).length;
  lines.push(w.facts(j.facts.areasAtLeast90, j.facts.areasFull, applicableAreas, weakest ? `${weakest.code}. ${weakest.name}` : '—'));
  if (j.facts.lostMost.length > 0) {
    lines.push(w.lostMost);
    for (const l of j.facts.lostMost) lines.push(`  ${l.code}  ${l.name}: −${formatPoints(l.lost, lang)}`);
  }
  lines.push(...lostRuleLines(model, u, lang));
  return `${lines.join('\n')}\n`;
}

function lostText(lost: number | null, lang: Lang, p: Palette): TextCell | string {
  return lost !== null && lost > 0 ? { text: formatPoints(lost, lang), paint: p.red } : '';
}
