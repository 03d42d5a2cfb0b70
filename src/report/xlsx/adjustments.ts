/** The appraisal council's decisions: every score it gave that changes the self score, each appraisal round on its own row. */
import type ExcelJS from 'exceljs';
import { Decimal } from '../../core/decimal.js';
import { columnLetter } from '../../evidence/cells.js';
import type { SheetContext } from './context.js';
import { BODY, CENTER, COMMIT_EVERY, RED, SheetWriter, numberLook } from './sheet.js';
import { REPORT_SHEETS } from './words.js';

export function adjustmentsSheet(ctx: SheetContext): ExcelJS.Worksheet {
  const { model, o, w } = ctx;
  const head = 3;
  const s = new SheetWriter(ctx.wb, REPORT_SHEETS[o.lang].adjustments, [5, 9, 22, 8, 38, 8, 8, 8, 30, 13], { lang: o.lang, mark: ctx.mark, headerRows: { first: head, last: head } });
  const ws = s.ws;
  const cols = w.adjustmentsHead.length;
  s.title(1, w.adjustmentsTitle, cols);
  s.header(head, w.adjustmentsHead);
  const pts = numberLook(ctx.pointsFmt);
  let row = head;
  for (const u of model.units) {
    for (const l of u.json.leaves) {
      if (!l.applicable) continue;
      // Every decision of the council, in order (a second appraisal after the unit explained);
      // without appraisal workbooks, the appraised score where it differs from the self score.
      const decisions =
        l.decisions && l.decisions.length > 0 ? l.decisions : l.appraised !== null && l.self !== null && l.appraised !== l.self ? [{ score: l.appraised, reason: l.reason, round: 1 }] : [];
      decisions.forEach((d, i) => {
        row++;
        const last = i === decisions.length - 1;
        const diff = l.self === null ? null : { formula: `${columnLetter(7)}${row}-${columnLetter(6)}${row}`, result: Decimal.fromNumber(d.score)!.sub(Decimal.fromNumber(l.self)!).toNumber() };
        const notes = [
          d.reason === '' && (l.self === null || d.score !== l.self) ? w.noReason : '',
          decisions.length > 1 ? w.decisionRound(d.round, last) : '',
          last && l.settled && l.settled.length > 0 ? w.settled(l.settled.join(', ')) : '',
        ].filter(Boolean);
        s.row(row, [row - head, u.json.code, u.json.name, l.code, model.tree.byCode.get(l.code)?.name ?? '', l.self, d.score, diff, d.reason, notes.join('; ')], BODY, {
          1: CENTER,
          6: pts,
          7: pts,
          8: pts,
          10: { bold: true, color: RED },
        });
      });
    }
    // A unit's rows are complete once its leaves are done.
    if (row - s.committedRows >= COMMIT_EVERY) s.commitThrough(row);
  }
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: Math.max(row, head), column: cols } };
  return s.finish();
}
