/** The criteria set, with each leaf's scoring rule in words. */
import type ExcelJS from 'exceljs';
import { formatPoints } from '../format.js';
import { ruleText } from '../../criteria/rule-text.js';
import type { SheetContext } from './context.js';
import { BODY, BRANCH, SheetWriter, numberLook } from './sheet.js';
import { REPORT_SHEETS } from './words.js';
import { numberedName } from '../../criteria/index.js';

export function criteriaSheet(ctx: SheetContext): ExcelJS.Worksheet {
  const { model, o, w } = ctx;
  const j = model.results;
  const head = 3;
  const s = new SheetWriter(ctx.wb, REPORT_SHEETS[o.lang].criteria, [9, 60, 9, 66], { lang: o.lang, mark: ctx.mark, headerRows: { first: head, last: head } });
  const ws = s.ws;
  s.title(1, w.criteriaTitle(j.criteria.title), 4);
  s.header(head, w.criteriaHead);
  const pts = numberLook(ctx.pointsFmt);
  model.tree.nodes.forEach((n, i) => {
    const label =
      n.level === 0
        ? `${n.name} ${w.part(n.part, formatPoints(n.max, o.lang))}`
        : `${'  '.repeat(Math.max(0, n.level - 1))}${numberedName({ name: n.name, ...(n.number ? { number: n.number } : {}) })}`;
    // A bonus or penalty part has a cap, not a maximum: the cap is in its label.
    s.row(head + 1 + i, [n.code, label, n.level === 0 ? null : n.max, n.leaf ? ruleText(n.rule, n.max, o.lang) : ''], n.leaf ? BODY : { ...BODY, ...BRANCH }, { 3: pts });
  });
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: head + model.tree.nodes.length, column: 4 } };
  return s.finish();
}
