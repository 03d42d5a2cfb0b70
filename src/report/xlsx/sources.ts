/** Where the report came from: tool, time (Viet Nam local), options, and every input file with its SHA-256. */
import type ExcelJS from 'exceljs';
import type { SheetContext } from './context.js';
import { BODY, SheetWriter } from './sheet.js';
import { REPORT_SHEETS } from './words.js';

export function sourcesSheet(ctx: SheetContext): ExcelJS.Worksheet {
  const { model, o, w } = ctx;
  const j = model.results;
  const L = w.sourcesLabels;
  const kv: [string, string][] = [
    [L.tool, `parscore ${o.toolVersion}`],
    [L.made, w.localTime(o.generatedAt)],
    [L.from, o.source],
    [L.computedBy, `parscore ${j.tool.version}`],
    [L.year, String(j.year)],
    [L.set, `${j.criteria.title} (${j.criteria.id})`],
    [L.setFile, j.criteria.path],
    [L.setHash, j.criteria.sha256],
    [L.rankedOn, w.rankedOn(j.options.stage)],
    [L.rounding, w.roundingText(j.options.decimals, j.options.rounding)],
    [L.ties, w.tiesText(j.options.ties)],
    ...(ctx.unitSheets ? [] : [[L.unitSheets, w.unitSheetsOmitted(model.units.length, o.unitSheets)] as [string, string]]),
  ];
  const head = 3 + kv.length + 1;
  const s = new SheetWriter(ctx.wb, REPORT_SHEETS[o.lang].sources, [26, 60, 60], { lang: o.lang, mark: ctx.mark, headerRows: { first: head, last: head } });
  const ws = s.ws;
  s.title(1, w.sourcesTitle, 3);
  kv.forEach(([k, v], i) => {
    s.put(3 + i, 1, k, { bold: true });
    s.put(3 + i, 2, v, { wrap: true }, 2);
  });
  s.header(head, w.filesHead);
  const files = [{ role: 'criteria', path: j.criteria.path, sha256: j.criteria.sha256 }, ...j.inputs];
  files.forEach((f, i) => s.row(head + 1 + i, [w.roles[f.role] ?? f.role, f.path, f.sha256], BODY));
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: head + files.length, column: 3 } };
  return s.finish();
}
