/** Where points were lost: by criterion over all units, and each unit's facts (the press's figures). */
import { Decimal, type RoundingMode } from '../../core/decimal.js';
import { formatPoints } from '../format.js';
import type { SheetContext } from './context.js';
import { BODY, CENTER, SheetWriter, numberLook } from './sheet.js';
import { REPORT_SHEETS } from './words.js';

export function analysisSheet(ctx: SheetContext): void {
  const { model, o, w } = ctx;
  const ws = ctx.wb.addWorksheet(REPORT_SHEETS[o.lang].analysis);
  const s = new SheetWriter(ws, [9, 38, 9, 10, 10, 10, 30]);
  const cols = w.lostHead.length;
  s.title(1, w.lostTitle, cols);
  const head = 3;
  s.header(head, w.lostHead);
  const pts = numberLook(ctx.pointsFmt);
  const criteria = model.tree.nodes.filter((n) => n.part === 'area' && n.level === 2);
  const order = new Map(model.tree.nodes.map((n, i) => [n.code, i]));
  // Sums over units of the engine's per-unit lost points (a branch's node, or the criterion's own leaf).
  const rows = criteria.map((c) => {
    let assessed = 0;
    let losing = 0;
    let lost = Decimal.ZERO;
    for (const u of model.units) {
      const unitLost = c.leaf ? (u.leaves.get(c.code)?.applicable ? u.leaves.get(c.code)!.lost : null) : u.nodes.get(c.code)?.points === null ? null : (u.nodes.get(c.code)?.lost ?? null);
      if (unitLost === null) continue;
      assessed++;
      const d = Decimal.fromNumber(unitLost) ?? Decimal.ZERO;
      if (d.gt(Decimal.ZERO)) losing++;
      lost = lost.add(d);
    }
    return { c, assessed, losing, lost };
  });
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
  const factsTitle = last + 2;
  // The second table starts on a new page: its title and header never end a page alone.
  ws.getRow(last + 1).addPageBreak();
  s.title(factsTitle, w.factsTitle, cols, 12);
  const factsHead = factsTitle + 1;
  s.header(factsHead, w.factsHead);
  const areaName = new Map(model.tree.areas.map((n) => [n.code, `${n.code}. ${n.name}`]));
  model.units.forEach((u, i) => {
    const f = u.json.facts;
    s.row(
      factsHead + 1 + i,
      [
        u.json.code,
        u.json.name,
        u.json.index,
        f.areasAtLeast90,
        f.areasFull,
        f.weakestArea ? (areaName.get(f.weakestArea) ?? f.weakestArea) : '',
        f.lostMost
          .slice(0, 3)
          .map((l) => `${l.code} (−${formatPoints(l.lost, o.lang)})`)
          .join('; '),
      ],
      BODY,
      { 3: numberLook(ctx.indexFmt), 4: CENTER, 5: CENTER },
    );
  });
  s.finish({ lang: o.lang, headerRows: { first: head, last: head } });
}

function roundingMode(text: string): RoundingMode {
  return text === 'half-even' || text === 'down' ? text : 'half-up';
}
