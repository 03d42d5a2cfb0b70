/**
 * One sheet per unit: its whole tree. Cells say only what is known: a stage
 * column is blank where that stage gave no score (survey points only under
 * "Điều tra XHH", appraised points only where the council gave them),
 * "Không áp dụng" where a branch or leaf does not apply. Branch rows are
 * live SUM formulas carrying the values they compute.
 */
import type ExcelJS from 'exceljs';
import { Decimal } from '../../core/decimal.js';
import { columnLetter } from '../../evidence/cells.js';
import { formatIndex, formatPoints } from '../format.js';
import { indexUnit, type UnitView } from '../model.js';
import type { TreeNodeJson } from '../../results/results-json.js';
import type { SheetContext } from './context.js';
import { BANNER_FILL, BODY, BRANCH, LOST_FILL, NA_FILL, RED, SheetWriter, numberLook, type Look } from './sheet.js';
import { uniqueSheetName } from '../../io/sheet-names.js';

// The two columns of sentences (a unit's explanation, the council's reason) are wide enough for one
// in two lines, as the evidence is: at 13 wide, a unit's note made its row twice as tall as the rows
// around it. The figure columns give up the width, so the sheet keeps its page scale.
const WIDTHS = [7, 32, 7, 7, 7, 7, 7, 7, 13, 18, 25, 15];
/** Columns, 1-based. */
const C = { code: 1, name: 2, max: 3, self: 4, appraised: 5, survey: 6, points: 7, diff: 8, option: 9, evidence: 10, note: 11, reason: 12 } as const;
const FIGURES = ['max', 'self', 'appraised', 'survey', 'points', 'diff'] as const;
type Figure = (typeof FIGURES)[number];
type Figures = Record<Figure, Decimal | null>;

/** Sheet name from a unit code: at most 31 characters, unique, none of : \ / ? * [ ]. */
/** A unit's sheet name: safe, unique ignoring case, never one Excel reserves (History). */
export function unitSheetName(code: string, taken: Set<string>): string {
  return uniqueSheetName(code, taken);
}

const dec = (n: number | null): Decimal | null => (n === null ? null : (Decimal.fromNumber(n) ?? Decimal.ZERO));
const num = (d: Decimal | null): number | null => (d === null ? null : d.toNumber());

export function unitSheet(ctx: SheetContext, u: UnitView, name: string): ExcelJS.Worksheet {
  const { model, o, w } = ctx;
  const x = u.json;
  // This unit's leaves and branches by code, for this sheet only (let go when it is written).
  const { leaves, nodes } = indexUnit(x);
  const head = 3;
  const s = new SheetWriter(ctx.wb, name, WIDTHS, { lang: o.lang, mark: ctx.mark, headerRows: { first: head, last: head }, freezeCols: 2 });
  const ws = s.ws;
  const cols = WIDTHS.length;
  const rank = x.rank === null ? '—' : `${x.rank}/${model.units.length}`;
  s.title(1, w.unitTitle(x.name, x.code, formatIndex(x.index, model.results.options.decimals, o.lang), rank), cols, 13);
  const notes = [model.results.draft ? w.draft : '', u.provisional ? w.provisional(x.code) : '', x.totals.appraised === null && model.results.options.stage === 'final' ? w.notAppraised : ''].filter(
    Boolean,
  );
  if (notes.length > 0) s.merged(2, 1, cols, notes.join(' '), { bold: true, color: RED, fill: BANNER_FILL });
  s.header(head, w.unitHead);
  const pts: Look = numberLook(ctx.pointsFmt);
  const figureLook: Record<number, Look> = Object.fromEntries(FIGURES.map((f) => [C[f], pts]));
  const lostLook: Record<number, Look> = { ...figureLook, [C.points]: { ...pts, fill: LOST_FILL } };
  let row = head;

  const label = (n: TreeNodeJson): string => `${'  '.repeat(Math.max(0, n.level - 1))}${n.name}`;
  const notApplicable = (r: number, n: TreeNodeJson, reason: string, base: Look): void => {
    s.row(r, [n.code, label(n)], base);
    s.put(r, C.max, w.na, { ...base, fill: NA_FILL, h: 'center' }, C.diff - C.max + 1);
    for (let c = C.max + 1; c <= C.diff; c++) s.put(r, c, null, { ...base, fill: NA_FILL });
    ws.mergeCells(r, C.max, r, C.diff);
    for (let c = C.option; c <= cols; c++) s.put(r, c, c === C.option ? reason : '', base);
  };
  const none: Figures = { max: null, self: null, appraised: null, survey: null, points: null, diff: null };

  const write = (n: TreeNodeJson): { row: number; figures: Figures } => {
    const r = ++row;
    if (n.leaf) {
      const l = leaves.get(n.code)!;
      if (!l.applicable) {
        notApplicable(r, n, l.notApplicableReason ?? '', BODY);
        return { row: r, figures: none };
      }
      const survey = n.rule?.kind === 'survey';
      const f: Figures = {
        max: dec(n.max),
        self: survey ? null : dec(l.self),
        appraised: survey ? null : dec(l.appraised),
        survey: survey ? dec(l.survey) : null,
        points: dec(l.points),
        diff: null,
      };
      const diff: ExcelJS.CellValue =
        f.self !== null && f.appraised !== null ? { formula: `${columnLetter(C.appraised)}${r}-${columnLetter(C.self)}${r}`, result: f.appraised.sub(f.self).toNumber() } : null;
      if (f.self !== null && f.appraised !== null) f.diff = f.appraised.sub(f.self);
      const lost = l.lost !== null && l.lost > 0;
      s.row(
        r,
        [n.code, label(n), num(f.max), num(f.self), num(f.appraised), num(f.survey), num(f.points), diff, l.option ?? l.measure ?? '', l.evidence, l.note, l.reason],
        BODY,
        lost ? lostLook : figureLook,
      );
      return { row: r, figures: f };
    }
    const node = nodes.get(n.code);
    if (node && node.points === null) {
      // Nothing under this branch applies: say so once, and list what it holds.
      notApplicable(r, n, '', { ...BODY, ...BRANCH });
      for (const c of model.tree.children.get(n.code) ?? []) write(c);
      return { row: r, figures: none };
    }
    const kids = (model.tree.children.get(n.code) ?? []).map(write);
    const f = { ...none };
    const cells: ExcelJS.CellValue[] = [n.code, label(n)];
    for (const fig of FIGURES) {
      const given = kids.filter((k) => k.figures[fig] !== null);
      // The cached value is what the formula computes from the cells it sums.
      f[fig] = given.length > 0 ? Decimal.sum(given.map((k) => k.figures[fig]!)) : null;
      const L = columnLetter(C[fig]);
      cells.push(f[fig] === null ? null : { formula: `SUM(${kids.map((k) => `${L}${k.row}`).join(',')})`, result: f[fig]!.toNumber() });
    }
    cells.push('', '', '', '');
    const lost = n.part === 'area' && node !== undefined && node.lost !== null && node.lost > 0;
    s.row(r, cells, { ...BODY, ...BRANCH }, lost ? lostLook : figureLook);
    return { row: r, figures: f };
  };

  const areaRows = model.tree.areas.map(write);
  const partRows: { kind: string; cap: number; itemRows: number[] }[] = [];
  for (const p of model.tree.parts) {
    const r = ++row;
    s.row(r, [p.code, `${p.name} ${w.part(p.part, formatPoints(p.max, o.lang))}`, null, null, null, null, null, null, '', '', '', ''], { ...BODY, ...BRANCH });
    const items = (model.tree.children.get(p.code) ?? []).map(write);
    partRows.push({ kind: p.part, cap: p.max, itemRows: items.map((i) => i.row) });
  }

  // Totals: every stage column, each a formula over the area rows; the points with bonus and penalty.
  const totalRow = ++row;
  const over = (fig: Figure): ExcelJS.CellValue => {
    const given = areaRows.filter((a) => a.figures[fig] !== null);
    if (given.length === 0) return null;
    const L = columnLetter(C[fig]);
    return { formula: `SUM(${areaRows.map((a) => `${L}${a.row}`).join(',')})`, result: Decimal.sum(given.map((a) => a.figures[fig]!)).toNumber() };
  };
  const G = columnLetter(C.points);
  const list = (rows: number[]): string => (rows.length > 0 ? rows.map((r) => `${G}${r}`).join(',') : '0');
  const adj = partRows.map((p) => `${p.kind === 'bonus' ? '+' : '-'}MIN(${p.cap},SUM(${list(p.itemRows)}))`).join('');
  s.row(
    totalRow,
    ['', w.total, over('max'), over('self'), over('appraised'), over('survey'), { formula: `MAX(0,SUM(${list(areaRows.map((a) => a.row))})${adj})`, result: x.points }, over('diff'), '', '', '', ''],
    { ...BODY, bold: true },
    figureLook,
  );
  const indexRow = ++row;
  s.row(indexRow, ['', w.indexRow, null, null, null, null, x.index, null, '', '', '', ''], { ...BODY, bold: true }, { [C.points]: numberLook(ctx.indexFmt) });
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: totalRow - 1, column: cols } };
  return s.finish();
}
