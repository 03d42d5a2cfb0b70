/**
 * The evidence workbook a department fills in: hard to break, easy to read
 * back. Input cells are unlocked and validated; everything else is locked
 * (without a password, so an office can still unprotect it if it must).
 * Ingestion finds rows by code and columns by header, so the layout here
 * is a convenience, not a contract.
 */
import ExcelJS from 'exceljs';
import { maxForUnitTags, numberedName, type CriteriaNode, type CriteriaSet, type Rule } from '../criteria/index.js';
import { ruleText } from '../report/rule-text.js';
import { ruleJson } from '../scoring/results-json.js';
import { ruleTakesMeasure } from '../scoring/rule-eval.js';
import type { Lang } from '../i18n/index.js';
import { formatNumberText } from '../i18n/index.js';
import { notApplicableReason, type Unit } from '../units/index.js';
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
      '2. Với tiêu chí có cột "Lựa chọn": chọn một mức trong danh sách thả xuống. Điểm được tính theo mức đã chọn.',
      '3. Với tiêu chí có cột "Số liệu": nhập số liệu (tỷ lệ % như 95, 95% hoặc dạng a/b như 45/50; hoặc số lượng). Điểm được tính theo số liệu.',
      '4. Với tiêu chí chấm tay: nhập điểm vào cột "Điểm tự chấm" (từ 0 đến điểm tối đa, dùng dấu phẩy hoặc dấu chấm thập phân đều được).',
      '5. Mỗi tiêu chí có điểm phải ghi "Tài liệu kiểm chứng" (số, ký hiệu, ngày, trích yếu văn bản); nếu không có, ghi rõ "Giải trình" (Công văn 383/BNV-CCHC).',
      '6. Các dòng "Không áp dụng" không đánh giá đơn vị; để trống.',
      '7. Điểm điều tra xã hội học do Sở Nội vụ tổng hợp; đơn vị không tự chấm.',
      '8. Cột "Điểm thẩm định" và "Lý do điều chỉnh" dành cho Hội đồng thẩm định.',
      '9. Không đổi tên trang, không xóa cột "Mã tiêu chí". Có thể thêm cột ghi chú, ẩn hoặc chèn dòng.',
      '10. Lưu tệp bằng Excel (định dạng .xlsx) và gửi lại Sở Nội vụ.',
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
      '2. Where there is an "Option" cell, pick from the dropdown; the points follow the option.',
      '3. Where there is a "Measure" cell, enter the measure (a percentage such as 95 or 45/50, or a count); the points follow it.',
      '4. For criteria scored by hand, enter the score in "Self score" (0 to the maximum).',
      '5. Every scored criterion needs its evidence (number, date, title of the document), or an explanation.',
      '6. Rows marked "Not applicable" are not assessed for your unit.',
      '7. Survey scores are added by the Department of Home Affairs.',
      '8. "Appraised score" and "Reason" are for the appraisal council.',
      '9. Do not rename the sheet or delete the "Criterion" column. Extra columns, hidden or inserted rows are fine.',
      '10. Save as .xlsx and send the file back.',
    ],
  },
};

/** Safe file name from unit code and name: "SNV - Sở Nội vụ.xlsx". */
export function templateFileName(unit: Unit): string {
  const clean = `${unit.code} - ${unit.name}`.normalize('NFC').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').replace(/\s+/g, ' ').trim();
  // At most 120 characters and 200 bytes (Vietnamese letters take up to 3), so the name fits every file system.
  let cut = [...clean].slice(0, 120).join('');
  while (Buffer.byteLength(cut) > 200) cut = [...cut].slice(0, -1).join('');
  return `${cut.trim()}.xlsx`;
}

interface Ctx {
  set: CriteriaSet;
  lang: Lang;
  lists: ExcelJS.Worksheet;
  listRows: Map<string, string>;
}

const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const GREY = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFD9D9D9' } };
const BRANCH_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDDEBF7' } };
const COUNCIL_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFF2CC' } };

/** The range on the hidden sheet holding a leaf's option labels. */
function optionListRange(ctx: Ctx, leaf: CriteriaNode, rule: Extract<Rule, { kind: 'options' }>): string {
  const known = ctx.listRows.get(leaf.code);
  if (known) return known;
  const row = ctx.lists.rowCount + 1;
  ctx.lists.getCell(row, 1).value = leaf.code;
  rule.options.forEach((o, i) => (ctx.lists.getCell(row, i + 2).value = o.label));
  const last = columnLetter(rule.options.length + 1);
  const range = `${LISTS_SHEET}!$B$${row}:$${last}$${row}`;
  ctx.listRows.set(leaf.code, range);
  return range;
}

function addUnitSheet(wb: ExcelJS.Workbook, ctx: Ctx, unit: Unit, sheetName: string): void {
  const { set, lang } = ctx;
  const w = WORDS[lang];
  const ws = wb.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
  });
  ws.columns = [10, 55, 9, 45, 13, 30, 11, 40, 30, 11, 30].map((width) => ({ width }));
  const font = (bold = false, size = 12): Partial<ExcelJS.Font> => ({ name: FONT, size, bold });

  ws.mergeCells(1, 1, 1, 11);
  Object.assign(ws.getCell(1, 1), { value: w.title(set.year), font: font(true, 14), alignment: { horizontal: 'center' } });
  const label = (row: number, col: number, text: string, value: string | number): void => {
    Object.assign(ws.getCell(row, col), { value: text, font: font(true) });
    Object.assign(ws.getCell(row, col + 1), { value, font: font() });
  };
  label(2, 1, w.unit, unit.name);
  label(2, 7, w.unitCode, unit.code);
  label(3, 1, w.set, set.title);
  label(3, 7, w.setId, set.id);
  label(4, 1, w.year, set.year);

  w.headers.forEach((h, i) => {
    const cell = ws.getCell(HEADER_ROW, i + 1);
    cell.value = h;
    cell.font = font(true);
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = i + 1 >= COLUMNS.appraised ? COUNCIL_FILL : BRANCH_FILL;
  });
  ws.getRow(HEADER_ROW).height = 32;

  let row = HEADER_ROW;
  const areaRows: number[] = [];
  const writeNode = (node: CriteriaNode): number => {
    const r = ++row;
    const isLeaf = node.children.length === 0;
    const na = notApplicableReason(unit, node, set);
    const cells = ws.getRow(r);
    cells.getCell(COLUMNS.code).value = node.code;
    cells.getCell(COLUMNS.name).value = `${'  '.repeat(Math.max(0, node.level - 1))}${numberedName(node)}`;
    const unitMax = maxForUnitTags(node, unit.tags);
    cells.getCell(COLUMNS.max).value = unitMax.toNumber();
    for (let c = 1; c <= 11; c++) {
      const cell = cells.getCell(c);
      cell.font = font(!isLeaf);
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: c === COLUMNS.name || c === COLUMNS.rule || c >= COLUMNS.evidence };
      cell.protection = { locked: true };
      if (!isLeaf) cell.fill = BRANCH_FILL;
    }
    if (!isLeaf) {
      const kids = node.children.map(writeNode);
      const sum = (col: number): ExcelJS.CellFormulaValue => ({ formula: `SUM(${kids.map((k) => `${columnLetter(col)}${k}`).join(',')})`, result: 0 });
      cells.getCell(COLUMNS.self).value = sum(COLUMNS.self);
      cells.getCell(COLUMNS.appraised).value = sum(COLUMNS.appraised);
      return r;
    }
    const rule = node.rule!;
    cells.getCell(COLUMNS.rule).value = ruleText(ruleJson(rule), unitMax.toNumber(), lang);
    if (na) {
      for (const c of [COLUMNS.measure, COLUMNS.option, COLUMNS.self, COLUMNS.evidence, COLUMNS.note, COLUMNS.appraised, COLUMNS.reason]) cells.getCell(c).fill = GREY;
      cells.getCell(COLUMNS.self).value = w.na;
      cells.getCell(COLUMNS.appraised).value = w.na;
      return r;
    }
    const unlock = (c: number): void => {
      cells.getCell(c).protection = { locked: false };
    };
    if (rule.kind === 'survey') {
      cells.getCell(COLUMNS.self).value = w.survey;
      for (const c of [COLUMNS.measure, COLUMNS.option, COLUMNS.self, COLUMNS.appraised]) cells.getCell(c).fill = GREY;
      return r;
    }
    if (rule.kind === 'options') {
      unlock(COLUMNS.option);
      cells.getCell(COLUMNS.option).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [optionListRange(ctx, node, rule)],
        showErrorMessage: true,
        errorTitle: w.scoreTitle,
        error: w.optionError,
      };
    } else cells.getCell(COLUMNS.option).fill = GREY;
    if (ruleTakesMeasure(rule)) {
      unlock(COLUMNS.measure);
    } else cells.getCell(COLUMNS.measure).fill = GREY;
    for (const c of [COLUMNS.self, COLUMNS.appraised]) {
      unlock(c);
      cells.getCell(c).dataValidation = {
        type: 'decimal',
        operator: 'between',
        allowBlank: true,
        formulae: [0, unitMax.toNumber()],
        showErrorMessage: true,
        errorTitle: w.scoreTitle,
        error: w.scoreError(formatNumberText(unitMax.toString(), lang)),
      };
      cells.getCell(c).numFmt = '0.###';
    }
    for (const c of [COLUMNS.evidence, COLUMNS.note, COLUMNS.reason]) unlock(c);
    return r;
  };
  for (const area of set.areas) areaRows.push(writeNode(area));
  for (const part of set.adjustments) {
    const r = ++row;
    const cells = ws.getRow(r);
    cells.getCell(COLUMNS.code).value = part.code;
    cells.getCell(COLUMNS.name).value = part.name;
    cells.getCell(COLUMNS.max).value = part.cap.toNumber();
    for (let c = 1; c <= 11; c++) Object.assign(cells.getCell(c), { font: font(true), border: BORDER, fill: BRANCH_FILL, protection: { locked: true } });
    part.children.forEach(writeNode);
  }
  label(4, 7, w.selfTotal, '');
  ws.getCell(4, 8).value = { formula: `SUM(${areaRows.map((r) => `G${r}`).join(',')})`, result: 0 };
  ws.getCell(4, 8).font = font(true);

  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, insertRows: true, deleteRows: false, sort: false, autoFilter: true });
}

function addGuide(wb: ExcelJS.Workbook, lang: Lang): void {
  const ws = wb.addWorksheet(GUIDE_SHEET[lang], { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.getColumn(1).width = 120;
  WORDS[lang].guide.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line;
    cell.font = { name: FONT, size: i === 0 ? 14 : 12, bold: i === 0 };
    cell.alignment = { wrapText: true, vertical: 'top' };
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
