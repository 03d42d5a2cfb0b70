/**
 * The ranking sheet, laid out as the annex to the People's Committee's
 * decision (Nghị định 30/2020/NĐ-CP): issuing body and national motto, the
 * place-and-date line, "PHỤ LỤC" with the decision it is attached to, the
 * table, and the signature block. Each row adds up: its total is a live
 * formula of the stage columns beside it. A province's annex is paged by
 * hand (see `pageByHand`), so that it prints alike in Excel and LibreOffice
 * and its signature never stands on a page of its own.
 */
import type ExcelJS from 'exceljs';
import { columnLetter } from '../../evidence/cells.js';
import { a4BodyHeightPt, pageEnds } from '../../io/sheet-layout.js';
import { formatRankChange } from '../format.js';
import { BANNER_FILL, BODY, CENTER, COMMIT_EVERY, RED, SheetWriter, numberLook, type Look } from './sheet.js';
import type { SheetContext } from './context.js';
import { REPORT_SHEETS } from './words.js';

const WIDTHS = [5, 30, 10, 10, 10, 9, 9, 10, 10, 9, 8, 9, 11];
/** Up to this many units the annex is paged by hand (about 40 pages; Excel keeps at most 1,026 page breaks a sheet), its rows held until then. */
const PAGED_UNITS = 1000;
/** Columns, 1-based. */
const C = { no: 1, name: 2, self: 3, appraised: 4, survey: 5, bonus: 6, penalty: 7, total: 8, max: 9, index: 10, rank: 11, change: 12, class: 13 } as const;

export function rankingSheet(ctx: SheetContext): ExcelJS.Worksheet {
  const { model, o, w } = ctx;
  const j = model.results;
  const head = 11;
  const s = new SheetWriter(ctx.wb, REPORT_SHEETS[o.lang].ranking, WIDTHS, { lang: o.lang, mark: ctx.mark, headerRows: { first: head, last: head }, freezeCols: 2 });
  const ws = s.ws;
  const cols = WIDTHS.length;
  const leftLast = 3;
  const rightFirst = 6;

  // Header block (Nghị định 30/2020): the issuing body's lines on the left beside the national name and,
  // directly under it, the motto on the right, line for line; a short rule under each.
  const [issuerFirst = '', ...issuerRest] = j.annex.issuer ? j.annex.issuer.split('\n').map((l) => l.toLocaleUpperCase('vi')) : w.issuerLines(j.province);
  s.merged(1, 1, leftLast, issuerFirst, { h: 'center', v: 'top', bold: true, size: 12 });
  if (issuerRest.length > 0) s.merged(2, 1, leftLast, issuerRest.join('\n'), { h: 'center', v: 'top', bold: true, size: 12 });
  s.merged(1, rightFirst, cols, w.motto[0]!, { h: 'center', bold: true, size: 12 });
  s.merged(2, rightFirst, cols, w.motto[1]!, { h: 'center', bold: true, size: 13 });
  s.merged(3, 1, leftLast, '———————', { h: 'center', size: 8 });
  s.merged(3, rightFirst, cols, '———————————', { h: 'center', size: 8 });
  const place = j.annex.place ?? (j.province ? provinceName(j.province) : null);
  s.merged(4, rightFirst, cols, w.dateLine(place, j.annex.date), { h: 'center', italic: true, size: 13 });

  // The annex line, the title, the decision it is attached to.
  s.merged(6, 1, cols, w.annexLine, { h: 'center', bold: true, size: 14 });
  s.merged(7, 1, cols, `${j.draft ? `${w.draft} — ` : ''}${w.title(j.year)}`, { h: 'center', bold: true, size: 14 });
  const issuerName = j.annex.issuer ? j.annex.issuer.replace(/\n/g, ' ') : w.issuerName(j.province);
  s.merged(8, 1, cols, w.attached(j.annex.decision, j.annex.date, issuerName), { h: 'center', italic: true, size: 13 });

  const provisional = model.units.filter((u) => u.provisional).map((u) => u.json.code);
  const unscored = j.unscored ?? [];
  const banner = [
    j.draft ? (unscored.length > 0 ? w.unscored(unscored.map((x) => w.unscoredUnit(x.name, x.code, x.errors)).join('; ')) : w.draft) : '',
    provisional.length > 0 ? w.provisional(provisional.join(', ')) : '',
    j.options.stage === 'self' ? w.stageSelf : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (banner) s.merged(9, 1, cols, banner, { bold: true, color: RED, fill: BANNER_FILL, h: 'center' });

  s.header(head, w.rankingHead);
  const pts: Look = numberLook(ctx.pointsFmt);
  const first = head + 1;
  const paged = model.units.length <= PAGED_UNITS;
  model.units.forEach((u, i) => {
    const r = first + i;
    const x = u.json;
    const L = (c: number): string => `${columnLetter(c)}${r}`;
    // The ranked stage: appraised points when ranking on final scores and the council gave any; else self.
    const ranked = j.options.stage === 'final' && x.totals.appraised !== null ? C.appraised : C.self;
    const total: ExcelJS.CellValue = { formula: `MAX(0,${L(ranked)}+${L(C.survey)}+${L(C.bonus)}-${L(C.penalty)})`, result: x.points };
    s.row(
      r,
      [
        i + 1,
        [x.name, ...(x.submission === 'not-submitted' ? [`(${w.notSubmittedMark})`] : []), ...(u.provisional ? [`(${w.provisionalMark})`] : [])].join(' '),
        x.totals.self,
        x.totals.appraised,
        x.totals.survey,
        x.bonus,
        x.penalty,
        total,
        x.max,
        x.index,
        x.rank,
        formatRankChange(u.change, o.lang),
        x.class ?? '',
      ],
      BODY,
      {
        [C.no]: CENTER,
        [C.self]: pts,
        [C.appraised]: pts,
        [C.survey]: pts,
        [C.bonus]: pts,
        [C.penalty]: pts,
        [C.total]: { ...pts, bold: true },
        [C.max]: pts,
        [C.index]: numberLook(ctx.indexFmt),
        [C.rank]: CENTER,
        [C.change]: CENTER,
        [C.class]: CENTER,
      },
    );
    if (!paged && i % COMMIT_EVERY === COMMIT_EVERY - 1) s.commitThrough(r);
  });
  const last = head + model.units.length;
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: Math.max(last, head), column: cols } };
  if (model.units.length > 0) {
    const I = columnLetter(C.index);
    ws.addConditionalFormatting({
      ref: `${I}${first}:${I}${last}`,
      rules: [
        {
          type: 'dataBar',
          priority: 1,
          minLength: 0,
          maxLength: 100,
          cfvo: [
            { type: 'num', value: 0 },
            { type: 'num', value: 100 },
          ],
          color: { argb: 'FF5B9BD5' },
        } as unknown as ExcelJS.ConditionalFormattingRule,
      ],
    });
  }

  // Signature block, right: authority and title, room to sign, name.
  const sign = last + 2;
  const signFirst = 9;
  const title = j.annex.signerTitle ?? w.signerTitle;
  s.merged(sign, signFirst, cols, title.toLocaleUpperCase('vi'), { h: 'center', bold: true, size: 13 });
  s.merged(sign + 4, signFirst, cols, j.annex.signerName ?? w.signerName, { h: 'center', bold: j.annex.signerName !== null, italic: j.annex.signerName === null, size: 13 });
  if (paged) pageByHand(s, head, first, last, sign + 4);
  return s.finish();
}

/**
 * Page breaks where the rows fill an A4 page at 100 %, the scale Excel
 * prints this sheet at (its columns are laid out to the page width);
 * LibreOffice shrinks it to fit its wider measure of the columns, so its
 * pages have room to spare and it breaks where Excel does. A page may not
 * end inside the signature block or between it and the table's last two
 * rows: such a page ends two rows earlier, and they go over with it.
 */
function pageByHand(s: SheetWriter, head: number, first: number, last: number, end: number): void {
  const heights = Array.from({ length: end }, (_, i) => s.heightOf(i + 1));
  const together = Math.max(first, last - 1);
  const ends = pageEnds(heights, s.heightOf(head), a4BodyHeightPt('landscape')).map((e) => (e >= together && e < end && together - 1 >= first ? together - 1 : e));
  for (const e of new Set(ends)) s.ws.getRow(e).addPageBreak();
}

/** The place of the date line when none is given: the province's proper name ("Tỉnh Mẫu" → "Mẫu"). */
function provinceName(province: string): string {
  return province.replace(/^(tỉnh|thành phố|tp\.?)\s+/iu, '');
}
