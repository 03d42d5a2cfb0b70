/** The appraisal council's changes: every leaf whose appraised score differs from the self score. */
import { Decimal } from '../../core/decimal.js';
import { columnLetter } from '../../evidence/cells.js';
import type { SheetContext } from './context.js';
import { BODY, CENTER, RED, SheetWriter, numberLook } from './sheet.js';
import { REPORT_SHEETS } from './words.js';

export function adjustmentsSheet(ctx: SheetContext): void {
  const { model, o, w } = ctx;
  const ws = ctx.wb.addWorksheet(REPORT_SHEETS[o.lang].adjustments);
  const s = new SheetWriter(ws, [5, 9, 22, 8, 38, 8, 8, 8, 30, 13]);
  const cols = w.adjustmentsHead.length;
  s.title(1, w.adjustmentsTitle, cols);
  const head = 3;
  s.header(head, w.adjustmentsHead);
  const pts = numberLook(ctx.pointsFmt);
  let row = head;
  for (const u of model.units) {
    for (const l of u.json.leaves) {
      if (!l.applicable || l.appraised === null || l.self === null || l.appraised === l.self) continue;
      row++;
      const diff = { formula: `${columnLetter(7)}${row}-${columnLetter(6)}${row}`, result: Decimal.fromNumber(l.appraised)!.sub(Decimal.fromNumber(l.self)!).toNumber() };
      s.row(row, [row - head, u.json.code, u.json.name, l.code, model.tree.byCode.get(l.code)?.name ?? '', l.self, l.appraised, diff, l.reason, l.reason === '' ? w.noReason : ''], BODY, {
        1: CENTER,
        6: pts,
        7: pts,
        8: pts,
        10: { bold: true, color: RED },
      });
    }
  }
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: Math.max(row, head), column: cols } };
  s.finish({ lang: o.lang, headerRows: { first: head, last: head } });
}
