/** Where points were lost: by criterion over all units, and each unit's facts (the press's figures). */
import type ExcelJS from 'exceljs';
import { Decimal, type RoundingMode } from '../../core/decimal.js';
import { formatPoints } from '../format.js';
import type { SheetContext } from './context.js';
import { indexUnit } from '../model.js';
import { BODY, CENTER, COMMIT_EVERY, SheetWriter, numberLook } from './sheet.js';
import { REPORT_SHEETS } from './words.js';

export function analysisSheet(ctx: SheetContext): ExcelJS.Worksheet {
  const { model, o, w } = ctx;
  const head = 3;
  const s = new SheetWriter(ctx.wb, REPORT_SHEETS[o.lang].analysis, [9, 38, 9, 10, 10, 10, 30], { lang: o.lang, mark: ctx.mark, headerRows: { first: head, last: head } });
  const ws = s.ws;
  const cols = w.lostHead.length;
  s.title(1, w.lostTitle, cols);
  s.header(head, w.lostHead);
  const pts = numberLook(ctx.pointsFmt);
  const criteria = model.tree.nodes.filter((n) => n.part === 'area' && n.level === 2);
  const order = new Map(model.tree.nodes.map((n, i) => [n.code, i]));
  // Sums over units of the engine's per-unit lost points (a branch's node, or the criterion's own leaf).
  // Unit by unit, each unit's lookups built and let go in turn.
  const rows = criteria.map((c) => ({ c, assessed: 0, losing: 0, lost: Decimal.ZERO }));
  for (const u of model.units) {
    const { leaves, nodes } = indexUnit(u.json);
    for (const x of rows) {
      const leaf = x.c.leaf ? leaves.get(x.c.code) : undefined;
      const unitLost = x.c.leaf ? (leaf?.applicable ? leaf.lost : null) : nodes.get(x.c.code)?.points === null ? null : (nodes.get(x.c.code)?.lost ?? null);
      if (unitLost === null) continue;
      x.assessed++;
      const d = Decimal.fromNumber(unitLost) ?? Decimal.ZERO;
      if (d.gt(Decimal.ZERO)) x.losing++;
      x.lost = x.lost.add(d);
    }
  }
  rows.sort((a, b) => b.lost.cmp(a.lost) || order.get(a.c.code)! - order.get(b.c.code)!);
  const { precision, rounding } = model.results.options;
  rows.forEach((x, i) => {
    const perUnit =
      x.assessed > 0
        ? x.lost
            .div(Decimal.of(BigInt(x.assessed)))
            .round(precision, roundingMode(rounding))
            .toNumber()
        : null;
    s.row(head + 1 + i, [x.c.code, x.c.name, x.c.max, x.assessed, x.losing, x.lost.toNumber(), perUnit], BODY, { 3: pts, 4: CENTER, 5: CENTER, 6: pts, 7: pts });
  });
  const last = head + rows.length;
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: Math.max(last, head), column: cols } };
  return s.finish();
}

/**
 * Each unit's facts (the press's figures), on a sheet of its own: a table on
 * the analysis sheet would print under that sheet's repeated header, which is
 * the other table's. The weakest area is named only when there is one: a unit
 * at 100 % in every area it is assessed on has none.
 */
export function unitFactsSheet(ctx: SheetContext): ExcelJS.Worksheet {
  const { model, o, w } = ctx;
  const head = 3;
  const s = new SheetWriter(ctx.wb, REPORT_SHEETS[o.lang].facts, [9, 38, 9, 10, 10, 30, 30], { lang: o.lang, mark: ctx.mark, headerRows: { first: head, last: head } });
  const ws = s.ws;
  const cols = w.factsHead.length;
  s.title(1, w.factsTitle, cols);
  s.header(head, w.factsHead);
  const areaName = new Map(model.tree.areas.map((n) => [n.code, `${n.code}. ${n.name}`]));
  model.units.forEach((u, i) => {
    const f = u.json.facts;
    const weakest = f.weakestArea === null ? undefined : u.json.areas.find((a) => a.code === f.weakestArea);
    const hasWeakest = weakest !== undefined && weakest.index !== null && weakest.index < 100;
    s.row(
      head + 1 + i,
      [
        u.json.code,
        u.json.name,
        u.json.index,
        f.areasAtLeast90,
        f.areasFull,
        hasWeakest ? (areaName.get(f.weakestArea!) ?? f.weakestArea) : f.weakestArea !== null ? w.noWeakestArea : '',
        f.lostMost
          .slice(0, 3)
          .map((l) => `${l.code} (−${formatPoints(l.lost, o.lang)})`)
          .join('; '),
      ],
      BODY,
      { 3: numberLook(ctx.indexFmt), 4: CENTER, 5: CENTER },
    );
    if (i % COMMIT_EVERY === COMMIT_EVERY - 1) s.commitThrough(head + 1 + i);
  });
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: Math.max(head + model.units.length, head), column: cols } };
  return s.finish();
}

function roundingMode(text: string): RoundingMode {
  return text === 'half-even' || text === 'down' ? text : 'half-up';
}
