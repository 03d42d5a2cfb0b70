/** The area sheet: each unit's points, index and rank per area; averages from the engine's exact statistics. */
import type ExcelJS from 'exceljs';
import { columnLetter } from '../../evidence/cells.js';
import { formatPoints } from '../format.js';
import type { SheetContext } from './context.js';
import { BODY, CENTER, COMMIT_EVERY, HEAD, NA_FILL, SheetWriter, numberLook } from './sheet.js';
import { REPORT_SHEETS } from './words.js';

export function areasSheet(ctx: SheetContext): ExcelJS.Worksheet {
  const { model, o, w } = ctx;
  const j = model.results;
  const areas = model.tree.areas;
  const groupRow = 3;
  const head = 4;
  const s = new SheetWriter(ctx.wb, REPORT_SHEETS[o.lang].areas, [5, 28, ...areas.flatMap(() => [8, 8, 6])], {
    lang: o.lang,
    mark: ctx.mark,
    headerRows: { first: groupRow, last: head },
    freezeCols: 2,
  });
  const ws = s.ws;
  const cols = 2 + areas.length * 3;
  s.title(1, `${j.draft ? `${w.draft} — ` : ''}${w.byAreaTitle(j.year)}`, cols);
  s.header(groupRow, [w.rankingHead[0]!, w.rankingHead[1]!]);
  s.header(head, ['', '']);
  ws.mergeCells(groupRow, 1, head, 1);
  ws.mergeCells(groupRow, 2, head, 2);
  areas.forEach((a, i) => {
    const c = 3 + i * 3;
    s.put(groupRow, c, `${a.code}. ${a.name} (${formatPoints(a.max, o.lang)})`, HEAD, 3);
    s.put(groupRow, c + 1, '', HEAD);
    s.put(groupRow, c + 2, '', HEAD);
    ws.mergeCells(groupRow, c, groupRow, c + 2);
    s.header(head, [w.points, '%', w.rank], c);
  });
  const pts = { ...BODY, ...numberLook(ctx.pointsFmt) };
  const idx = { ...BODY, ...numberLook(ctx.indexFmt) };
  model.units.forEach((u, i) => {
    const r = head + 1 + i;
    s.row(r, [i + 1, u.provisional ? `${u.json.name} (${w.provisionalMark})` : u.json.name], BODY, { 1: CENTER });
    areas.forEach((a, k) => {
      const ar = u.json.areas.find((x) => x.code === a.code);
      const c = 3 + k * 3;
      if (!ar || ar.points === null) {
        s.put(r, c, w.na, { ...BODY, fill: NA_FILL, h: 'center' }, 3);
        s.put(r, c + 1, null, { ...BODY, fill: NA_FILL });
        s.put(r, c + 2, null, { ...BODY, fill: NA_FILL });
        ws.mergeCells(r, c, r, c + 2);
        return;
      }
      s.put(r, c, ar.points, pts);
      s.put(r, c + 1, ar.index, idx);
      s.put(r, c + 2, ar.rank, { ...BODY, ...CENTER });
    });
    if (i % COMMIT_EVERY === COMMIT_EVERY - 1) s.commitThrough(r);
  });
  const first = head + 1;
  const last = head + model.units.length;
  const avg = last + 1;
  s.put(avg, 1, null, { ...BODY, bold: true });
  s.put(avg, 2, w.average, { ...BODY, bold: true });
  const stats = new Map(j.areaStats.map((x) => [x.code, x]));
  areas.forEach((a, k) => {
    const c = 3 + k * 3;
    // Points are not averaged: units are scored on different applicable maxima. The index is, exactly, by the engine.
    s.put(avg, c, null, { ...BODY, bold: true });
    s.put(avg, c + 1, stats.get(a.code)?.mean ?? null, { ...idx, bold: true });
    s.put(avg, c + 2, null, { ...BODY, bold: true });
    if (model.units.length > 0) {
      const L = columnLetter(c + 1);
      ws.addConditionalFormatting({
        ref: `${L}${first}:${L}${last}`,
        rules: [
          {
            type: 'colorScale',
            priority: k + 1,
            cfvo: [{ type: 'min' }, { type: 'percentile', value: 50 }, { type: 'max' }],
            color: [{ argb: 'FFF8696B' }, { argb: 'FFFFEB84' }, { argb: 'FF63BE7B' }],
          } as unknown as ExcelJS.ConditionalFormattingRule,
        ],
      });
    }
  });
  s.merged(avg + 2, 1, Math.min(cols, 14), w.averageNote, { italic: true });
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: Math.max(last, head), column: cols } };
  return s.finish();
}
