/**
 * The evidence workbook a department fills in: hard to break, easy to read
 * back. Input cells are unlocked and validated; everything else is locked
 * (without a password, so an office can still unprotect it if it must).
 * Ingestion finds rows by code and columns by header, so the layout here
 * is a convenience, not a contract.
 */
import ExcelJS from 'exceljs';
import { isLeaf, maxForUnitTags, numberedName, type CriteriaNode, type CriteriaSet, type Rule } from '../criteria/index.js';
import { ruleText } from '../criteria/rule-text.js';
import { ruleJson } from '../criteria/rule-json.js';
import { ruleTakesMeasure } from '../criteria/rule-eval.js';
import type { Lang } from '../core/lang.js';
import { formatNumberText } from '../core/lang.js';
import { notApplicableReason, type Unit } from '../units/index.js';
import type { Decimal, RoundingMode } from '../core/decimal.js';
import { a4PageSetup, pageNumberFooter, rowHeightFor } from '../io/sheet-layout.js';
import { columnLetter } from './cells.js';

export const TEMPLATE_SHEET = { vi: 'Tự đánh giá', en: 'Self-assessment' } as const;
export const GUIDE_SHEET = { vi: 'Hướng dẫn', en: 'Guide' } as const;
export const LISTS_SHEET = 'DanhMuc';
const FONT = 'Times New Roman';

/** Column of each field in the template. */
export const COLUMNS = { code: 1, name: 2, max: 3, rule: 4, measure: 5, option: 6, self: 7, evidence: 8, note: 9, appraised: 10, reason: 11 } as const;
export const HEADER_ROW = 6;

const WORDS = {
  vi: {
    title: (year: number) => `PHIẾU TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${year}`,
    unit: 'Đơn vị:',
    unitCode: 'Mã đơn vị:',
    set: 'Bộ tiêu chí:',
    setId: 'Mã bộ tiêu chí:',
    year: 'Năm đánh giá:',
    selfTotal: 'Tổng điểm tự chấm:',
    headers: ['Mã tiêu chí', 'Nội dung', 'Điểm tối đa', 'Cách chấm', 'Số liệu', 'Lựa chọn', 'Điểm tự chấm', 'Tài liệu kiểm chứng', 'Giải trình', 'Điểm thẩm định', 'Lý do điều chỉnh'],
    na: 'Không áp dụng',
    survey: 'Điểm điều tra XHH',
    scoreError: (max: string) => `Điểm phải là số từ 0 đến ${max}.`,
    scoreTitle: 'Điểm không hợp lệ',
    optionError: 'Hãy chọn một mức trong danh sách.',
    guide: [
      'HƯỚNG DẪN ĐIỀN PHIẾU TỰ ĐÁNH GIÁ',
      '',
      '1. Chỉ nhập vào các ô nền trắng ở trang "Tự đánh giá"; các ô khác đã được khóa.',
      '2. Cột "Lựa chọn": chọn một mức trong danh sách thả xuống (ví dụ "Kịp thời"). Điểm tự chấm hiện ngay theo mức đã chọn.',
      '3. Cột "Số liệu" (ô đã định dạng Văn bản, giữ nguyên điều bạn gõ): gõ tỷ lệ phần trăm như 95 hoặc 95% hoặc 92,5; hoặc dạng đạt/yêu cầu như 45/50 (45 trên 50 hồ sơ) hay 8/8; hoặc số lượng (ví dụ 3) nếu cách chấm tính theo số lượng. Không gõ 0,95 để chỉ 95%. Điểm tự chấm hiện ngay theo số liệu.',
      '4. Tiêu chí chấm tay: gõ điểm vào cột "Điểm tự chấm", từ 0 đến điểm tối đa (ví dụ 0,75 hoặc 0.75).',
      '5. Các cột "Điểm tự chấm" của tiêu chí có lựa chọn hay số liệu, các dòng tổng và "Tổng điểm tự chấm" tự tính; không gõ đè.',
      '6. Mỗi tiêu chí có điểm phải ghi "Tài liệu kiểm chứng" (số, ký hiệu, ngày, trích yếu văn bản, ví dụ "Quyết định 12/QĐ-UBND ngày 15/01/2025"); nếu không có, ghi rõ "Giải trình" (Công văn 383/BNV-CCHC).',
      '7. Các dòng "Không áp dụng" không đánh giá đơn vị (lý do ghi ở cột "Cách chấm"); để trống.',
      '8. Điểm điều tra xã hội học do Sở Nội vụ tổng hợp; đơn vị không tự chấm.',
      '9. Cột "Điểm thẩm định" và "Lý do điều chỉnh" dành cho Hội đồng thẩm định; đơn vị không ghi vào hai cột này.',
      '10. Không đổi tên trang, không xóa cột "Mã tiêu chí". Có thể thêm cột ghi chú, ẩn hoặc chèn dòng.',
      '11. Lưu tệp bằng Excel hoặc LibreOffice ở định dạng .xlsx và gửi lại Sở Nội vụ.',
    ],
  },
  en: {
    title: (year: number) => `PAR INDEX SELF-ASSESSMENT ${year}`,
    unit: 'Unit:',
    unitCode: 'Unit code:',
    set: 'Criteria set:',
    setId: 'Criteria set id:',
    year: 'Year:',
    selfTotal: 'Self-assessed total:',
    headers: ['Criterion', 'Description', 'Maximum', 'Rule', 'Measure', 'Option', 'Self score', 'Evidence', 'Explanation', 'Appraised score', 'Reason'],
    na: 'Not applicable',
    survey: 'Survey score',
    scoreError: (max: string) => `The score must be a number from 0 to ${max}.`,
    scoreTitle: 'Invalid score',
    optionError: 'Pick an option from the list.',
    guide: [
      'HOW TO FILL IN THE SELF-ASSESSMENT',
      '',
      '1. Type only in the white cells of the "Self-assessment" sheet; the others are locked.',
      '2. "Option": pick from the dropdown (e.g. "On time"); the self score shows at once.',
      '3. "Measure" (a Text cell: it keeps exactly what you type): a percentage such as 95, 95% or 92.5; or achieved/required such as 45/50 (45 of 50 files) or 8/8; or a count (e.g. 3) where the rule counts. Do not type 0.95 for 95%. The self score shows at once.',
      '4. Criteria scored by hand: type the score in "Self score", from 0 to the maximum (e.g. 0.75).',
      '5. Self scores of option and measure criteria, the subtotals and "Self-assessed total" are computed; do not type over them.',
      '6. Every scored criterion needs its evidence (number, date, title of the document), or an explanation.',
      '7. Rows marked "Not applicable" are not assessed for your unit (the reason is in "Rule"); leave them blank.',
      '8. Survey scores are added by the Department of Home Affairs.',
      '9. "Appraised score" and "Reason" are for the appraisal council only.',
      '10. Do not rename the sheet or delete the "Criterion" column. Extra columns, hidden or inserted rows are fine.',
      '11. Save as .xlsx (Excel or LibreOffice) and send the file back.',
    ],
  },
};

/** Safe file name from unit code and name: "SNV - Sở Nội vụ.xlsx". */
export function templateFileName(unit: Unit): string {
  const clean = `${unit.code} - ${unit.name}`
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  // At most 120 characters and 200 bytes (Vietnamese letters take up to 3), so the name fits every file system.
  let cut = [...clean].slice(0, 120).join('');
  while (Buffer.byteLength(cut) > 200) cut = [...cut].slice(0, -1).join('');
  return `${cut.trim()}.xlsx`;
}

interface Ctx {
  set: CriteriaSet;
  lang: Lang;
  lists: ExcelJS.Worksheet;
  /** Per leaf: the hidden sheet's ranges of its option labels and of their points. */
  listRows: Map<string, { labels: string; points: string }>;
}

const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const GREY = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFD9D9D9' } };
const BRANCH_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDDEBF7' } };
const COUNCIL_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFF2CC' } };

/** Font size of the form's body: 10 pt is the smallest the issue's readers accept on paper. */
const BODY_PT = 10;
/**
 * Column widths laid out to fit an A4 landscape page at 100 %: text wraps
 * instead of the page being shrunk to 6–7 pt. 110 width units, not the 147
 * a4UsableWidth computes: LibreOffice draws a width unit of these files at
 * about 9.2 px, not 7 (measured on its PDF), and 110 × 9.2 px fits the
 * 10.8 inches between the margins.
 */
const WIDTHS = [6, 22, 5, 18, 8, 12, 6, 11, 9, 6, 7] as const;
/** Usable width, in the same measured units, of an A4 portrait page (for the guide). */
const PORTRAIT_WIDTH = 76;
/** Columns whose text wraps, and so sets the row's height. */
const WRAPPED = new Set<number>([COLUMNS.name, COLUMNS.rule, COLUMNS.option, COLUMNS.evidence, COLUMNS.note, COLUMNS.reason]);

/** The ranges on the hidden sheet holding a leaf's option labels (one row) and their points (the row below). */
function optionListRange(ctx: Ctx, leaf: CriteriaNode, rule: Extract<Rule, { kind: 'options' }>): { labels: string; points: string } {
  const known = ctx.listRows.get(leaf.code);
  if (known) return known;
  const row = ctx.lists.rowCount + 1;
  ctx.lists.getCell(row, 1).value = leaf.code;
  rule.options.forEach((o, i) => {
    ctx.lists.getCell(row, i + 2).value = o.label;
    ctx.lists.getCell(row + 1, i + 2).value = o.points.toNumber();
  });
  const last = columnLetter(rule.options.length + 1);
  const ranges = { labels: `${LISTS_SHEET}!$B$${row}:$${last}$${row}`, points: `${LISTS_SHEET}!$B$${row + 1}:$${last}$${row + 1}` };
  ctx.listRows.set(leaf.code, ranges);
  return ranges;
}

/**
 * Hidden column holding each measure as a number (percentage, share or
 * count), so the points formulas stay short enough for Excel's 8192
 * characters whatever the number of bands.
 */
const HELPER_COLUMN = 12;

/**
 * A formula giving, from the text in measure cell `m` ("95", "95%", "0,75",
 * "45/50"), the percentage, share (0–1) or count it stands for; an error when
 * it cannot be read. NUMBERVALUE with explicit separators reads "0.75" the
 * same whatever the computer's language, which VALUE does not. A number in
 * the cell (a file written by a program) is taken as it is shown: a
 * percent-formatted 0.95 is 95.
 */
function measureFormula(m: string, kind: 'percent' | 'count' | 'share'): string {
  const t = `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${m}," ",""),CHAR(160),""),",",".")`;
  const num = (x: string): string => `_xlfn.NUMBERVALUE(${x},".",",")`;
  const slash = `FIND("/",${t})`;
  const a = num(`LEFT(${t},${slash}-1)`);
  const b = num(`MID(${t},${slash}+1,99)`);
  const pct = num(`LEFT(${t},LEN(${t})-1)`);
  const shownNumber = `IF(LEFT(CELL("format",${m}),1)="P",${m}*100,${m})`;
  if (kind === 'count') return `IF(ISNUMBER(${m}),${m},IF(OR(ISNUMBER(${slash}),RIGHT(${t},1)="%"),NA(),${num(t)}))`;
  // a/b as a percentage is a×100/b: whole numbers first, so 45/50 is exactly 90.
  if (kind === 'share') return `IF(ISNUMBER(${m}),${shownNumber}/100,IF(ISNUMBER(${slash}),${a}/${b},IF(RIGHT(${t},1)="%",${pct},${num(t)})/100))`;
  return `IF(ISNUMBER(${m}),${shownNumber},IF(ISNUMBER(${slash}),${a}*100/${b},IF(RIGHT(${t},1)="%",${pct},${num(t)})))`;
}

const excelNumber = (d: Decimal): string => d.toString();

/** The points a bands rule gives for the measure value in `v`, as nested IFs, "" when no band holds it. */
function bandsFormula(m: string, v: string, rule: Extract<Rule, { kind: 'bands' }>): string {
  let f = '""';
  for (const band of [...rule.bands].reverse()) {
    const tests: string[] = [];
    if (band.lower) tests.push(`${v}${band.lowerInclusive ? '>=' : '>'}${excelNumber(band.lower)}`);
    if (band.upper) tests.push(`${v}${band.upperInclusive ? '<=' : '<'}${excelNumber(band.upper)}`);
    if (rule.measure === 'count' || !band.lower) tests.push(`${v}>=0`);
    f = `IF(AND(${tests.join(',')}),${excelNumber(band.points)},${f})`;
  }
  return `IF(OR(${m}="",NOT(ISNUMBER(${v}))),"",IFERROR(${f},""))`;
}

/**
 * max × share (or × rate / target), rounded as the criteria set rounds points,
 * never above max; 0 below a threshold (zeroBelow, in %). As proportionalPoints.
 */
function proportionalFormula(m: string, v: string, max: Decimal, precision: number, rounding: RoundingMode, rule: { target?: Decimal; zeroBelow?: Decimal }): string {
  const round = rounding === 'down' ? 'ROUNDDOWN' : 'ROUND';
  const share = rule.target ? `${v}*100/${excelNumber(rule.target)}` : v;
  let points = `MIN(${excelNumber(max)},${round}(${share}*${excelNumber(max)},${precision}))`;
  if (rule.zeroBelow) points = `IF(${v}*100<${excelNumber(rule.zeroBelow)},0,${points})`;
  return `IF(OR(${m}="",NOT(ISNUMBER(${v}))),"",IFERROR(IF(${v}<0,"",${points}),""))`;
}

/** Points per item counted, up to the cap; with deduct, taken off the maximum. As perItemPoints. */
function perItemFormula(m: string, v: string, max: Decimal, rule: Extract<Rule, { kind: 'per-item' }>): string {
  const cap = (rule.cap ?? max).min(max);
  const total = `MIN(${excelNumber(cap)},${v}*${excelNumber(rule.each)})`;
  const points = rule.deduct ? `MAX(0,${excelNumber(max)}-${total})` : total;
  return `IF(OR(${m}="",NOT(ISNUMBER(${v}))),"",IF(OR(${v}<0,${v}<>INT(${v})),"",${points}))`;
}

/** A checklist without bands: max × done / items, rounded as points are. As checklistPoints. */
function checklistFormula(m: string, v: string, max: Decimal, items: number, precision: number, rounding: RoundingMode): string {
  const round = rounding === 'down' ? 'ROUNDDOWN' : 'ROUND';
  return `IF(OR(${m}="",NOT(ISNUMBER(${v}))),"",IF(OR(${v}<0,${v}>${items},${v}<>INT(${v})),"",MIN(${excelNumber(max)},${round}(${v}/${items}*${excelNumber(max)},${precision}))))`;
}

/**
 * The live formula of a measured item's points, or undefined where the form
 * cannot compute it (a date measure: parscore computes it when it reads the
 * form). `v` holds the measure as a number.
 */
function measuredFormula(e: string, v: string, rule: Rule, max: Decimal, set: CriteriaSet): string | undefined {
  switch (rule.kind) {
    case 'bands':
      return rule.measure === 'date' ? undefined : bandsFormula(e, v, rule);
    case 'proportional':
      return proportionalFormula(e, v, max, set.precision, set.pointsRounding, rule);
    case 'per-item':
      return perItemFormula(e, v, max, rule);
    case 'checklist':
      return rule.bands
        ? bandsFormula(e, v, { kind: 'bands', measure: 'count', overAchievement: false, bands: rule.bands })
        : checklistFormula(e, v, max, rule.items.length, set.precision, set.pointsRounding);
    default:
      return undefined;
  }
}

function addUnitSheet(wb: ExcelJS.Workbook, ctx: Ctx, unit: Unit, sheetName: string): void {
  const { set, lang } = ctx;
  const w = WORDS[lang];
  const ws = wb.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 2 }],
    pageSetup: a4PageSetup('landscape', { first: HEADER_ROW, last: HEADER_ROW }) as Partial<ExcelJS.PageSetup>,
    headerFooter: { oddFooter: pageNumberFooter(lang) },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  ws.getColumn(HELPER_COLUMN).hidden = true;
  const font = (bold = false, size = BODY_PT): Partial<ExcelJS.Font> => ({ name: FONT, size, bold });
  const fitRow = (r: number, minimum = 0): void => {
    const cells = [...WRAPPED].map((c) => ({ text: String(ws.getCell(r, c).text ?? ''), width: WIDTHS[c - 1]!, fontSizePt: BODY_PT }));
    ws.getRow(r).height = rowHeightFor(cells, minimum);
  };

  ws.mergeCells(1, 1, 1, 11);
  const title = w.title(set.year);
  Object.assign(ws.getCell(1, 1), { value: title, font: font(true, 14), alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } });
  ws.getRow(1).height = rowHeightFor([{ text: title, width: WIDTHS.reduce((a, b) => a + b, 0), fontSizePt: 14 }]);
  // Left block: the label in A spills over the empty B; the value sits in C:F.
  // Right block: the label in H, right-aligned, spills over the empty G; the value in I.
  // Ingestion finds a value as the first filled cell right of its label.
  const label = (row: number, side: 'left' | 'right', text: string, value: string | number): void => {
    const [labelCol, valueCol] = side === 'left' ? [1, 3] : [8, 9];
    Object.assign(ws.getCell(row, labelCol), { value: text, font: font(true), alignment: { horizontal: side === 'left' ? 'left' : 'right' } });
    Object.assign(ws.getCell(row, valueCol), { value, font: font(), alignment: { horizontal: 'left' } });
    if (side === 'left') ws.mergeCells(row, 3, row, 6);
  };
  label(2, 'left', w.unit, unit.name);
  label(2, 'right', w.unitCode, unit.code);
  label(3, 'left', w.set, set.title);
  label(3, 'right', w.setId, set.id);
  label(4, 'left', w.year, set.year);
  for (const r of [2, 3, 4]) ws.getRow(r).height = 16;

  w.headers.forEach((h, i) => {
    const cell = ws.getCell(HEADER_ROW, i + 1);
    cell.value = h;
    cell.font = font(true);
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = i + 1 >= COLUMNS.appraised ? COUNCIL_FILL : BRANCH_FILL;
  });
  ws.getRow(HEADER_ROW).height = rowHeightFor(
    w.headers.map((text, i) => ({ text, width: WIDTHS[i]!, fontSizePt: BODY_PT })),
    16,
  );

  let row = HEADER_ROW;
  const areaRows: number[] = [];
  // A hand-typed score may arrive as text ("0,75" typed in a locale whose decimal mark is a point):
  // its row's hidden helper cell holds it as a number, and the sums add that, as parscore reads it.
  const typedRows = new Set<number>();
  const self = (r: number): string => `${columnLetter(typedRows.has(r) ? HELPER_COLUMN : COLUMNS.self)}${r}`;
  const writeNode = (node: CriteriaNode): number => {
    const r = ++row;
    const leaf = isLeaf(node);
    const na = notApplicableReason(unit, node, set);
    const cells = ws.getRow(r);
    cells.getCell(COLUMNS.code).value = node.code;
    cells.getCell(COLUMNS.name).value = `${'  '.repeat(Math.max(0, node.level - 1))}${numberedName(node)}`;
    const unitMax = maxForUnitTags(node, unit.tags);
    cells.getCell(COLUMNS.max).value = unitMax.toNumber();
    for (let c = 1; c <= 11; c++) {
      const cell = cells.getCell(c);
      cell.font = font(!leaf);
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: WRAPPED.has(c) };
      cell.protection = { locked: true };
      if (!leaf) cell.fill = BRANCH_FILL;
      // The council's columns: locked in the department's copy, shaded as the council's.
      else if (c >= COLUMNS.appraised) cell.fill = COUNCIL_FILL;
    }
    cells.getCell(COLUMNS.self).numFmt = '0.###';
    if (!leaf) {
      const kids = node.children.map(writeNode);
      cells.getCell(COLUMNS.self).value = { formula: `SUM(${kids.map(self).join(',')})`, result: 0 };
      fitRow(r);
      return r;
    }
    const rule = node.rule!;
    cells.getCell(COLUMNS.rule).value = ruleText(ruleJson(rule), unitMax.toNumber(), lang);
    if (na) {
      for (const c of [COLUMNS.measure, COLUMNS.option, COLUMNS.self, COLUMNS.evidence, COLUMNS.note]) cells.getCell(c).fill = GREY;
      cells.getCell(COLUMNS.self).value = w.na;
      // Why the item is not assessed for this unit, from the units file; in a
      // column ingestion does not read, so it never becomes the unit's answer.
      cells.getCell(COLUMNS.rule).value = `${w.na}: ${na.reason}\n${String(cells.getCell(COLUMNS.rule).value)}`;
      fitRow(r);
      return r;
    }
    const unlock = (c: number): void => {
      cells.getCell(c).protection = { locked: false };
    };
    if (rule.kind === 'survey') {
      cells.getCell(COLUMNS.self).value = w.survey;
      for (const c of [COLUMNS.measure, COLUMNS.option, COLUMNS.self]) cells.getCell(c).fill = GREY;
      fitRow(r);
      return r;
    }
    const e = `${columnLetter(COLUMNS.measure)}${r}`;
    const f = `${columnLetter(COLUMNS.option)}${r}`;
    if (rule.kind === 'options') {
      unlock(COLUMNS.option);
      const ranges = optionListRange(ctx, node, rule);
      cells.getCell(COLUMNS.option).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [ranges.labels],
        showErrorMessage: true,
        errorTitle: w.scoreTitle,
        error: w.optionError,
      };
      cells.getCell(COLUMNS.self).value = { formula: `IF(${f}="","",IFERROR(INDEX(${ranges.points},MATCH(${f},${ranges.labels},0)),""))`, result: '' };
    } else cells.getCell(COLUMNS.option).fill = GREY;
    if (ruleTakesMeasure(rule)) {
      unlock(COLUMNS.measure);
      // Text, so that 8/8, 45/50 and 95% stay exactly what the clerk typed.
      cells.getCell(COLUMNS.measure).numFmt = '@';
      // Rounded to 9 places so float noise (90.00000000000001) does not cross a band's bound.
      const v = `${columnLetter(HELPER_COLUMN)}${r}`;
      const formula = measuredFormula(e, v, rule, unitMax, set);
      if (formula !== undefined) {
        const kind = rule.kind === 'bands' ? (rule.measure === 'percent' ? 'percent' : 'count') : rule.kind === 'proportional' ? 'share' : 'count';
        cells.getCell(HELPER_COLUMN).value = { formula: `IFERROR(ROUND(${measureFormula(e, kind)},9),"")`, result: '' };
        cells.getCell(COLUMNS.self).value = { formula, result: '' };
      }
    } else cells.getCell(COLUMNS.measure).fill = GREY;
    if (rule.kind === 'manual') {
      unlock(COLUMNS.self);
      typedRows.add(r);
      cells.getCell(HELPER_COLUMN).value = { formula: `IFERROR(${measureFormula(`${columnLetter(COLUMNS.self)}${r}`, 'count')},0)`, result: 0 };
      cells.getCell(COLUMNS.self).dataValidation = {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [0, unitMax.toNumber()],
        showErrorMessage: true,
        errorTitle: w.scoreTitle,
        error: w.scoreError(formatNumberText(unitMax.toString(), lang)),
      };
    } else cells.getCell(COLUMNS.self).fill = GREY;
    for (const c of [COLUMNS.evidence, COLUMNS.note]) unlock(c);
    fitRow(r);
    return r;
  };
  for (const area of set.areas) areaRows.push(writeNode(area));
  const partRows: { kind: 'bonus' | 'penalty'; row: number; cap: Decimal }[] = [];
  for (const part of set.adjustments) {
    const r = ++row;
    const cells = ws.getRow(r);
    cells.getCell(COLUMNS.code).value = part.code;
    cells.getCell(COLUMNS.name).value = part.name;
    cells.getCell(COLUMNS.max).value = part.cap.toNumber();
    for (let c = 1; c <= 11; c++) Object.assign(cells.getCell(c), { font: font(true), border: BORDER, fill: BRANCH_FILL, protection: { locked: true } });
    const kids = part.children.map(writeNode);
    cells.getCell(COLUMNS.self).value = { formula: `SUM(${kids.map(self).join(',')})`, result: 0 };
    cells.getCell(COLUMNS.self).numFmt = '0.###';
    partRows.push({ kind: part.kind, row: r, cap: part.cap });
    fitRow(r);
  }
  // As the engine computes it: areas, plus bonus and less penalty each up to its cap, never below 0.
  const adjust = partRows.map((p) => `${p.kind === 'bonus' ? '+' : '-'}MIN(${self(p.row)},${excelNumber(p.cap)})`).join('');
  label(4, 'right', w.selfTotal, '');
  ws.getCell(4, 9).value = { formula: `MAX(0,SUM(${areaRows.map(self).join(',')})${adjust})`, result: 0 };
  ws.getCell(4, 9).font = font(true);
  ws.getCell(4, 9).numFmt = '0.###';

  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, insertRows: true, deleteRows: false, sort: false, autoFilter: true });
}

function addGuide(wb: ExcelJS.Workbook, lang: Lang): void {
  const ws = wb.addWorksheet(GUIDE_SHEET[lang], {
    pageSetup: a4PageSetup('portrait') as Partial<ExcelJS.PageSetup>,
    headerFooter: { oddFooter: pageNumberFooter(lang) },
  });
  const width = PORTRAIT_WIDTH;
  ws.getColumn(1).width = width;
  WORDS[lang].guide.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    const size = i === 0 ? 14 : 12;
    cell.value = line;
    cell.font = { name: FONT, size, bold: i === 0 };
    cell.alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(i + 1).height = rowHeightFor([{ text: line, width, fontSizePt: size }], size * 1.2 + 4);
  });
}

function newWorkbook(lang: Lang): { wb: ExcelJS.Workbook; lists: ExcelJS.Worksheet } {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'parscore';
  wb.calcProperties.fullCalcOnLoad = true;
  addGuide(wb, lang);
  return { wb, lists: wb.addWorksheet(LISTS_SHEET, { state: 'veryHidden' }) };
}

/** One workbook for one unit. */
export function buildUnitTemplate(set: CriteriaSet, unit: Unit, lang: Lang): ExcelJS.Workbook {
  const { wb, lists } = newWorkbook(lang);
  addUnitSheet(wb, { set, lang, lists, listRows: new Map() }, unit, TEMPLATE_SHEET[lang]);
  // The input sheet opens first; the guide stays one click away.
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 2, visibility: 'visible' }];
  return wb;
}

/** One workbook with a sheet per unit, named by unit code. */
export function buildMultiUnitTemplate(set: CriteriaSet, units: readonly Unit[], lang: Lang): ExcelJS.Workbook {
  const { wb, lists } = newWorkbook(lang);
  const ctx: Ctx = { set, lang, lists, listRows: new Map() };
  for (const unit of units) addUnitSheet(wb, ctx, unit, unit.code.slice(0, 31));
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 2, visibility: 'visible' }];
  return wb;
}
