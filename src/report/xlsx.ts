/**
 * The Excel report a council attaches to its decision. Pure: results JSON
 * in, workbook out (the command writes it). Numbers come from the results
 * exactly; parent rows are live SUM formulas carrying the values they
 * compute, so the workbook opens correct whether or not it is recalculated.
 */
import ExcelJS from 'exceljs';
import { Decimal } from '../core/decimal.js';
import { columnLetter } from '../evidence/cells.js';
import { formatNumberText, type Lang } from '../i18n/index.js';
import type { ResultsJson, TreeNodeJson } from '../scoring/results-json.js';
import { ruleText } from './rule-text.js';

type UnitJson = ResultsJson['units'][number];
type LeafJson = UnitJson['leaves'][number];

export interface ReportOptions {
  lang: Lang;
  generatedAt: Date;
  toolVersion: string;
  /** Where the results came from (a workspace or a results file), for the sources sheet. */
  source: string;
}

const FONT = 'Times New Roman';
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEAD_FILL = 'FFDDEBF7';
const BRANCH_FILL = 'FFF2F2F2';
const LOST_FILL = 'FFFCE4D6';
const NA_FILL = 'FFD9D9D9';
const BANNER_FILL = 'FFFFF2CC';
const RED = 'FFC00000';

/** What a cell looks like. Every cell gets one complete style. */
interface Look {
  bold?: boolean;
  size?: number;
  italic?: boolean;
  color?: string;
  fill?: string;
  border?: boolean;
  h?: 'left' | 'center' | 'right';
  v?: 'top' | 'middle';
  wrap?: boolean;
  numFmt?: string;
}

/**
 * Style objects shared by every cell that looks the same: exceljs
 * recognises a style it has seen by object identity, so sharing them keeps
 * writing the workbook close to writing bare values. A shared style must
 * never be mutated: cells change style by getting another one.
 */
const styles = new Map<string, Partial<ExcelJS.Style>>();
function look(l: Look): Partial<ExcelJS.Style> {
  const key = JSON.stringify(l);
  let style = styles.get(key);
  if (!style) {
    style = {
      font: { name: FONT, size: l.size ?? 11, bold: l.bold ?? false, italic: l.italic ?? false, ...(l.color ? { color: { argb: l.color } } : {}) },
      alignment: { horizontal: l.h ?? 'left', vertical: l.v ?? 'top', wrapText: l.wrap ?? false },
      ...(l.border ? { border: BORDER } : {}),
      ...(l.fill ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: l.fill } } as ExcelJS.Fill } : {}),
      ...(l.numFmt ? { numFmt: l.numFmt } : {}),
    };
    styles.set(key, style);
  }
  return style;
}

function put(ws: ExcelJS.Worksheet, row: number, col: number, value: ExcelJS.CellValue, l: Look): void {
  const cell = ws.getCell(row, col);
  cell.value = value;
  cell.style = look(l);
}

export const REPORT_SHEETS = {
  vi: { ranking: 'Xếp hạng', areas: 'Theo lĩnh vực', adjustments: 'Điều chỉnh', analysis: 'Phân tích', criteria: 'Tiêu chí', sources: 'Nguồn dữ liệu' },
  en: { ranking: 'Ranking', areas: 'By area', adjustments: 'Adjustments', analysis: 'Analysis', criteria: 'Criteria', sources: 'Sources' },
} as const;

const W = {
  vi: {
    committee: (p: string) => `UBND ${p.toUpperCase()}`,
    title: (year: number) => `KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${year} CỦA CÁC SỞ, BAN, NGÀNH`,
    provisional: (codes: string) => `KẾT QUẢ TẠM THỜI: chưa thẩm định xong ${codes}. Không dùng để công bố.`,
    stageSelf: 'Xếp hạng theo điểm TỰ CHẤM (chưa thẩm định).',
    rankingHead: ['STT', 'Đơn vị', 'Điểm tự đánh giá', 'Điểm thẩm định', 'Điểm điều tra XHH', 'Tổng điểm', 'Điểm tối đa', 'Chỉ số (%)', 'Xếp hạng', 'Thay đổi so với năm trước', 'Xếp loại'],
    new: 'mới',
    provisionalMark: 'tạm',
    draftMark: 'DỰ THẢO — ',
    unscored: (list: string) => `DỰ THẢO — chưa tính được (còn lỗi): ${list}.`,
    unscoredUnit: (name: string, code: string, errors: number) => `${name} (${code}): ${errors} lỗi`,
    byAreaTitle: (year: number) => `CHỈ SỐ THÀNH PHẦN THEO LĨNH VỰC NĂM ${year}`,
    points: 'Điểm',
    rank: 'Hạng',
    average: 'Trung bình',
    unitTitle: (u: UnitJson, index: string, n: number) => `${u.name} (${u.code}) — Chỉ số ${index}%, xếp hạng ${u.rank ?? '—'}/${n}`,
    unitHead: ['Mã', 'Nội dung', 'Điểm tối đa', 'Tự chấm', 'Thẩm định', 'Điểm', 'Chênh lệch', 'Lựa chọn / Số liệu', 'Tài liệu kiểm chứng', 'Giải trình', 'Lý do điều chỉnh'],
    na: 'Không áp dụng',
    total: 'TỔNG ĐIỂM (gồm điểm thưởng, điểm trừ)',
    indexRow: 'Chỉ số (%)',
    adjustmentsTitle: 'CÁC ĐIỂM HỘI ĐỒNG THẨM ĐỊNH ĐIỀU CHỈNH',
    adjustmentsHead: ['STT', 'Mã đơn vị', 'Đơn vị', 'Mã tiêu chí', 'Nội dung', 'Tự chấm', 'Thẩm định', 'Chênh lệch', 'Lý do điều chỉnh', 'Ghi chú'],
    noReason: 'Chưa ghi lý do',
    lostTitle: 'ĐIỂM BỊ MẤT THEO TIÊU CHÍ (TOÀN BỘ ĐƠN VỊ)',
    lostHead: ['Mã', 'Tiêu chí', 'Điểm tối đa', 'Số đơn vị áp dụng', 'Số đơn vị mất điểm', 'Tổng điểm bị mất', 'Bình quân mất / đơn vị'],
    factsTitle: 'KẾT QUẢ THEO ĐƠN VỊ',
    factsHead: ['Mã đơn vị', 'Đơn vị', 'Chỉ số (%)', 'Số lĩnh vực đạt ≥ 90%', 'Số lĩnh vực đạt điểm tối đa', 'Lĩnh vực thấp nhất', 'Mất nhiều điểm nhất'],
    criteriaTitle: (t: string) => `BỘ TIÊU CHÍ: ${t}`,
    criteriaHead: ['Mã', 'Nội dung', 'Điểm tối đa', 'Cách chấm'],
    bonus: 'Điểm thưởng (tối đa)',
    penalty: 'Điểm trừ (tối đa)',
    sourcesTitle: 'NGUỒN DỮ LIỆU',
    sourcesRows: (j: ResultsJson, o: ReportOptions) => [
      ['Công cụ', `parscore ${o.toolVersion}`],
      ['Thời điểm lập báo cáo', o.generatedAt.toISOString()],
      ['Lập từ', o.source],
      ['Kết quả tính bằng', `parscore ${j.tool.version}`],
      ['Năm đánh giá', String(j.year)],
      ['Bộ tiêu chí', `${j.criteria.title} (${j.criteria.id})`],
      ['Tệp bộ tiêu chí', j.criteria.path],
      ['SHA-256 bộ tiêu chí', j.criteria.sha256],
      ['Xếp hạng theo', j.options.stage === 'self' ? 'điểm tự chấm' : 'điểm cuối cùng (thẩm định)'],
      ['Làm tròn chỉ số', `${j.options.decimals} chữ số thập phân, ${j.options.rounding}`],
      ['Đồng hạng', j.options.ties === 'dense' ? 'dense (1, 2, 2, 3)' : 'dùng chung hạng (1, 2, 2, 4)'],
    ],
    filesHead: ['Vai trò', 'Tệp', 'SHA-256'],
    roles: { workspace: 'Đợt chấm điểm', units: 'Danh sách đơn vị', evidence: 'Phiếu / dữ liệu chấm điểm', survey: 'Kết quả điều tra', previous: 'Kết quả năm trước', criteria: 'Bộ tiêu chí', appraisal: 'Sổ thẩm định của Hội đồng' } as Record<string, string>,
  },
  en: {
    committee: (p: string) => `PEOPLE'S COMMITTEE OF ${p.toUpperCase()}`,
    title: (year: number) => `PAR INDEX ${year} OF PROVINCIAL DEPARTMENTS`,
    provisional: (codes: string) => `PROVISIONAL: appraisal not complete for ${codes}. Not for publication.`,
    stageSelf: 'Ranked on SELF-ASSESSED scores (not appraised).',
    rankingHead: ['No.', 'Unit', 'Self-assessed', 'Appraised', 'Survey', 'Total points', 'Maximum', 'Index (%)', 'Rank', 'Change on last year', 'Class'],
    new: 'new',
    provisionalMark: 'provisional',
    draftMark: 'DRAFT — ',
    unscored: (list: string) => `DRAFT — cannot be scored yet (errors): ${list}.`,
    unscoredUnit: (name: string, code: string, errors: number) => `${name} (${code}): ${errors} error${errors === 1 ? '' : 's'}`,
    byAreaTitle: (year: number) => `AREA INDEXES ${year}`,
    points: 'Points',
    rank: 'Rank',
    average: 'Average',
    unitTitle: (u: UnitJson, index: string, n: number) => `${u.name} (${u.code}) — index ${index} %, rank ${u.rank ?? '—'}/${n}`,
    unitHead: ['Code', 'Description', 'Maximum', 'Self', 'Appraised', 'Points', 'Difference', 'Option / measure', 'Evidence', 'Explanation', 'Reason'],
    na: 'Not applicable',
    total: 'TOTAL (with bonus and penalty)',
    indexRow: 'Index (%)',
    adjustmentsTitle: 'SCORES ADJUSTED BY THE APPRAISAL COUNCIL',
    adjustmentsHead: ['No.', 'Unit code', 'Unit', 'Criterion', 'Description', 'Self', 'Appraised', 'Difference', 'Reason', 'Note'],
    noReason: 'No reason given',
    lostTitle: 'POINTS LOST BY CRITERION (ALL UNITS)',
    lostHead: ['Code', 'Criterion', 'Maximum', 'Units assessed', 'Units losing points', 'Points lost', 'Lost per unit'],
    factsTitle: 'RESULTS BY UNIT',
    factsHead: ['Unit code', 'Unit', 'Index (%)', 'Areas ≥ 90 %', 'Areas at full marks', 'Weakest area', 'Lost most'],
    criteriaTitle: (t: string) => `CRITERIA SET: ${t}`,
    criteriaHead: ['Code', 'Description', 'Maximum', 'Rule'],
    bonus: 'Bonus (cap)',
    penalty: 'Penalty (cap)',
    sourcesTitle: 'SOURCES',
    sourcesRows: (j: ResultsJson, o: ReportOptions) => [
      ['Tool', `parscore ${o.toolVersion}`],
      ['Report made', o.generatedAt.toISOString()],
      ['Made from', o.source],
      ['Results computed by', `parscore ${j.tool.version}`],
      ['Year', String(j.year)],
      ['Criteria set', `${j.criteria.title} (${j.criteria.id})`],
      ['Criteria file', j.criteria.path],
      ['Criteria SHA-256', j.criteria.sha256],
      ['Ranked on', j.options.stage === 'self' ? 'self-assessed scores' : 'final (appraised) scores'],
      ['Index rounding', `${j.options.decimals} decimals, ${j.options.rounding}`],
      ['Ties', j.options.ties === 'dense' ? 'dense (1, 2, 2, 3)' : 'shared (1, 2, 2, 4)'],
    ],
    filesHead: ['Role', 'File', 'SHA-256'],
    roles: { workspace: 'Round file', units: 'Units', evidence: 'Evidence', survey: 'Survey', previous: "Last year's results", criteria: 'Criteria set', appraisal: "Council's appraisal workbook" } as Record<string, string>,
  },
};

const dec = (n: number): Decimal => Decimal.fromNumber(n) ?? Decimal.ZERO;
const sum = (values: readonly (number | null)[]): number => Decimal.sum(values.filter((v): v is number => v !== null).map(dec)).toNumber();

/** Sheet setup every sheet shares: A4 landscape, fit to width, repeated header rows, frozen panes. */
function setupSheet(ws: ExcelJS.Worksheet, headerRow: number, widths: number[], freezeCols = 0): void {
  ws.columns = widths.map((width) => ({ width }));
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerRow}:${headerRow}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.views = [{ state: 'frozen', ySplit: headerRow, xSplit: freezeCols }];
}

function header(ws: ExcelJS.Worksheet, row: number, titles: readonly string[], startCol = 1): void {
  titles.forEach((t, i) => put(ws, row, startCol + i, t, { bold: true, h: 'center', v: 'middle', wrap: true, border: true, fill: HEAD_FILL }));
  ws.getRow(row).height = 32;
}

function title(ws: ExcelJS.Worksheet, row: number, text: string, lastCol: number, size = 14): void {
  // Style first, then merge: merged cells take the style their first cell has then.
  put(ws, row, 1, text, { bold: true, size, h: 'center', v: 'middle', wrap: true });
  ws.mergeCells(row, 1, row, lastCol);
}

/** A body row: values with the table's look, some columns with their own. */
function bodyRow(ws: ExcelJS.Worksheet, row: number, values: readonly ExcelJS.CellValue[], base: Look, perColumn: Record<number, Look> = {}): void {
  values.forEach((v, i) => put(ws, row, i + 1, v, { ...base, ...(perColumn[i + 1] ?? {}) }));
}

function indexFormat(decimals: number): string {
  return decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0';
}

function formatIndex(index: number | null, j: ResultsJson, lang: Lang): string {
  return index === null ? '—' : formatNumberText(dec(index).toFixed(j.options.decimals), lang);
}

export function rankChangeText(u: UnitJson, hasPrevious: boolean, lang: Lang): string {
  if (!hasPrevious) return '';
  if (u.new) return W[lang].new;
  if (u.rankChange === null) return '';
  return u.rankChange > 0 ? `↑${u.rankChange}` : u.rankChange < 0 ? `↓${-u.rankChange}` : '=';
}

/** Points at each stage summed over a unit's applicable, non-survey area leaves, and its survey points. */
export function stageTotals(u: UnitJson, tree: readonly TreeNodeJson[]): { self: number; appraised: number; survey: number } {
  const byCode = new Map(tree.map((n) => [n.code, n]));
  const area = u.leaves.filter((l) => l.applicable && byCode.get(l.code)?.part === 'area');
  const isSurvey = (l: LeafJson): boolean => byCode.get(l.code)?.rule?.kind === 'survey';
  return {
    self: sum(area.filter((l) => !isSurvey(l)).map((l) => l.self)),
    appraised: sum(area.filter((l) => !isSurvey(l)).map((l) => l.final)),
    survey: sum(area.filter(isSurvey).map((l) => l.survey)),
  };
}

const BODY: Look = { border: true, wrap: true };
const CENTER: Look = { h: 'center' };
const BRANCH: Look = { bold: true, fill: BRANCH_FILL };

function rankingSheet(wb: ExcelJS.Workbook, j: ResultsJson, o: ReportOptions): void {
  const w = W[o.lang];
  const ws = wb.addWorksheet(REPORT_SHEETS[o.lang].ranking);
  const cols = w.rankingHead.length;
  if (j.province) {
    put(ws, 1, 1, w.committee(j.province), { bold: true, h: 'center' });
    ws.mergeCells(1, 1, 1, 3);
  }
  if (j.office) {
    put(ws, 2, 1, j.office.toUpperCase(), { bold: true, h: 'center' });
    ws.mergeCells(2, 1, 2, 3);
  }
  title(ws, 4, `${j.draft ? w.draftMark : ''}${w.title(j.year)}`, cols);
  title(ws, 5, j.title, cols, 12);
  const provisional = j.units.filter((u) => u.status === 'provisional').map((u) => u.code);
  const unscored = (j.unscored ?? []).map((x) => w.unscoredUnit(x.name, x.code, x.errors));
  const banner = [provisional.length > 0 ? w.provisional(provisional.join(', ')) : '', j.options.stage === 'self' ? w.stageSelf : '', unscored.length > 0 ? w.unscored(unscored.join('; ')) : ''].filter(Boolean).join(' ');
  if (banner) {
    put(ws, 6, 1, banner, { bold: true, color: RED, fill: BANNER_FILL, h: 'center', wrap: true });
    ws.mergeCells(6, 1, 6, cols);
  }
  const head = 8;
  setupSheet(ws, head, [6, 42, 12, 12, 12, 12, 10, 11, 9, 14, 12], 2);
  header(ws, head, w.rankingHead);
  const hasPrevious = j.units.some((u) => u.previousRank !== null || u.new);
  const indexLook: Look = { numFmt: indexFormat(j.options.decimals) };
  j.units.forEach((u, i) => {
    const t = stageTotals(u, j.criteria.tree);
    bodyRow(
      ws,
      head + 1 + i,
      [i + 1, u.status === 'provisional' ? `${u.name} (${w.provisionalMark})` : u.name, t.self, t.appraised, t.survey, u.points, u.max, u.index, u.rank, rankChangeText(u, hasPrevious, o.lang), u.class ?? ''],
      BODY,
      { 1: CENTER, 8: indexLook, 9: CENTER, 10: CENTER, 11: CENTER },
    );
  });
  const last = head + j.units.length;
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: last, column: cols } };
  ws.addConditionalFormatting({
    ref: `H${head + 1}:H${last}`,
    rules: [{ type: 'dataBar', priority: 1, minLength: 0, maxLength: 100, cfvo: [{ type: 'num', value: 0 }, { type: 'num', value: 100 }], color: { argb: 'FF5B9BD5' } } as unknown as ExcelJS.ConditionalFormattingRule],
  });
}

function areasSheet(wb: ExcelJS.Workbook, j: ResultsJson, o: ReportOptions): void {
  const w = W[o.lang];
  const ws = wb.addWorksheet(REPORT_SHEETS[o.lang].areas);
  const areas = j.criteria.tree.filter((n) => n.part === 'area' && n.level === 1);
  const cols = 2 + areas.length * 3;
  title(ws, 1, `${j.draft ? w.draftMark : ''}${w.byAreaTitle(j.year)}`, Math.min(cols, 14));
  const groupRow = 3;
  const head = 4;
  setupSheet(ws, head, [6, 36, ...areas.flatMap(() => [8, 8, 6])], 2);
  ws.pageSetup.printTitlesRow = `${groupRow}:${head}`;
  header(ws, groupRow, [w.rankingHead[0]!, w.rankingHead[1]!]);
  header(ws, head, ['', '']);
  ws.mergeCells(groupRow, 1, head, 1);
  ws.mergeCells(groupRow, 2, head, 2);
  areas.forEach((a, i) => {
    const c = 3 + i * 3;
    header(ws, groupRow, [`${a.code}. ${a.name} (${formatNumberText(String(a.max), o.lang)})`, '', ''], c);
    ws.mergeCells(groupRow, c, groupRow, c + 2);
    header(ws, head, [w.points, '%', w.rank], c);
  });
  ws.getRow(groupRow).height = 60;
  const indexLook: Look = { ...BODY, numFmt: indexFormat(j.options.decimals) };
  j.units.forEach((u, i) => {
    const r = head + 1 + i;
    bodyRow(ws, r, [i + 1, u.name], BODY, { 1: CENTER });
    areas.forEach((a, k) => {
      const ar = u.areas.find((x) => x.code === a.code);
      const c = 3 + k * 3;
      if (!ar || ar.points === null) {
        put(ws, r, c, w.na, { ...BODY, fill: NA_FILL, h: 'center' });
        put(ws, r, c + 1, null, { ...BODY, fill: NA_FILL });
        put(ws, r, c + 2, null, { ...BODY, fill: NA_FILL });
        ws.mergeCells(r, c, r, c + 2);
        return;
      }
      put(ws, r, c, ar.points, BODY);
      put(ws, r, c + 1, ar.index, indexLook);
      put(ws, r, c + 2, ar.rank, { ...BODY, ...CENTER });
    });
  });
  const first = head + 1;
  const last = head + j.units.length;
  const avg = last + 1;
  put(ws, avg, 1, null, { ...BODY, bold: true });
  put(ws, avg, 2, w.average, { ...BODY, bold: true });
  areas.forEach((a, k) => {
    for (const off of [0, 1]) {
      const c = 3 + k * 3 + off;
      const values = j.units.map((u) => u.areas.find((x) => x.code === a.code)).filter((x) => x && x.points !== null).map((x) => (off === 0 ? x!.points! : x!.index!));
      const mean = values.length > 0 ? sum(values) / values.length : 0;
      const L = columnLetter(c);
      put(ws, avg, c, { formula: `AVERAGE(${L}${first}:${L}${last})`, result: mean }, { ...BODY, bold: true, numFmt: off === 1 ? indexFormat(j.options.decimals) : '0.000' });
    }
    put(ws, avg, 3 + k * 3 + 2, null, { ...BODY, bold: true });
    const L = columnLetter(3 + k * 3 + 1);
    ws.addConditionalFormatting({
      ref: `${L}${first}:${L}${last}`,
      rules: [{ type: 'colorScale', priority: k + 1, cfvo: [{ type: 'min' }, { type: 'percentile', value: 50 }, { type: 'max' }], color: [{ argb: 'FFF8696B' }, { argb: 'FFFFEB84' }, { argb: 'FF63BE7B' }] } as unknown as ExcelJS.ConditionalFormattingRule],
    });
  });
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: last, column: cols } };
}

/** Sheet name from a unit code: at most 31 characters, unique, none of : \ / ? * [ ]. */
export function unitSheetName(code: string, taken: Set<string>): string {
  const base = code.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'Unit';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}~${i}`;
  taken.add(name.toLowerCase());
  return name;
}

function unitSheet(wb: ExcelJS.Workbook, j: ResultsJson, u: UnitJson, o: ReportOptions, name: string): void {
  const w = W[o.lang];
  const ws = wb.addWorksheet(name);
  const cols = w.unitHead.length;
  title(ws, 1, w.unitTitle(u, formatIndex(u.index, j, o.lang), j.units.length), cols, 13);
  if (u.status === 'provisional') {
    put(ws, 2, 1, w.provisional(u.code), { bold: true, color: RED, fill: BANNER_FILL });
    ws.mergeCells(2, 1, 2, cols);
  }
  const head = 3;
  setupSheet(ws, head, [9, 55, 9, 9, 9, 9, 9, 22, 36, 26, 26], 2);
  header(ws, head, w.unitHead);
  const leaves = new Map(u.leaves.map((l) => [l.code, l]));
  const children = new Map<string | null, TreeNodeJson[]>();
  for (const n of j.criteria.tree) {
    const key = n.level === 0 ? null : n.parent;
    if (!children.has(key)) children.set(key, []);
    children.get(key)!.push(n);
  }
  let row = head;
  // Cached values of each row, so SUM formulas carry what they compute.
  type Vals = { max: number | null; self: number | null; appraised: number | null; final: number | null; diff: number | null };
  const label = (n: TreeNodeJson): string => `${'  '.repeat(Math.max(0, n.level - 1))}${n.name}`;
  const write = (n: TreeNodeJson): { row: number; vals: Vals } => {
    const r = ++row;
    if (n.leaf) {
      const l = leaves.get(n.code)!;
      if (!l.applicable) {
        const na: Look = { ...BODY, fill: NA_FILL };
        bodyRow(ws, r, [n.code, label(n), null, w.na, null, null, null, l.notApplicableReason ?? '', '', '', ''], BODY, { 3: na, 4: na, 5: na, 6: na, 7: na });
        return { row: r, vals: { max: null, self: null, appraised: null, final: null, diff: null } };
      }
      const isSurvey = n.rule?.kind === 'survey';
      const self = isSurvey ? l.survey : l.self;
      const appraised = isSurvey ? l.survey : l.appraised;
      const diff = appraised !== null && self !== null ? dec(appraised).sub(dec(self)).toNumber() : null;
      // "Điểm" is the ranked stage (final unless ranking on self-scores), as in the totals.
      const lost = l.points !== null && l.points < n.max;
      bodyRow(ws, r, [n.code, label(n), n.max, self, appraised, l.points, diff, l.option ?? l.measure ?? '', l.evidence, l.note, l.reason], BODY, lost ? { 6: { fill: LOST_FILL } } : {});
      return { row: r, vals: { max: n.max, self, appraised, final: l.points, diff } };
    }
    const kids = (children.get(n.code) ?? []).map(write);
    const fields: (keyof Vals)[] = ['max', 'self', 'appraised', 'final', 'diff'];
    const vals = {} as Vals;
    const cells: ExcelJS.CellValue[] = [n.code, label(n)];
    fields.forEach((f, i) => {
      const col = 3 + i;
      const v = kids.some((k) => k.vals[f] !== null) ? sum(kids.map((k) => k.vals[f])) : null;
      vals[f] = v;
      cells.push({ formula: `SUM(${kids.map((k) => `${columnLetter(col)}${k.row}`).join(',')})`, result: v ?? 0 });
    });
    cells.push('', '', '', '');
    const lost = n.part === 'area' && vals.final !== null && vals.max !== null && vals.final < vals.max;
    bodyRow(ws, r, cells, { ...BODY, ...BRANCH }, lost ? { 6: { fill: LOST_FILL } } : {});
    return { row: r, vals };
  };
  const areaRows = (children.get(null) ?? []).filter((n) => n.part === 'area' && n.level === 1).map(write);
  const parts = j.criteria.tree.filter((n) => n.level === 0);
  const partRows: { kind: string; cap: number; itemRows: number[] }[] = [];
  for (const p of parts) {
    const r = ++row;
    bodyRow(ws, r, [p.code, `${p.name} — ${p.part === 'bonus' ? w.bonus : w.penalty}: ${formatNumberText(String(p.max), o.lang)}`, '', '', '', '', '', '', '', '', ''], { ...BODY, ...BRANCH });
    const items = (children.get(p.code) ?? []).map(write);
    partRows.push({ kind: p.part, cap: p.max, itemRows: items.map((i) => i.row) });
  }
  const totalRow = ++row;
  const F = (rows: number[]): string => rows.map((r) => `F${r}`).join(',');
  const adj = partRows.map((p) => `${p.kind === 'bonus' ? '+' : '-'}MIN(${p.cap},SUM(${F(p.itemRows)}))`).join('');
  bodyRow(
    ws,
    totalRow,
    ['', w.total, { formula: `SUM(${areaRows.map((a) => `C${a.row}`).join(',')})`, result: u.max }, '', '', { formula: `MAX(0,SUM(${F(areaRows.map((a) => a.row))})${adj})`, result: u.points }, '', '', '', '', ''],
    { ...BODY, bold: true },
  );
  const indexRow = ++row;
  bodyRow(ws, indexRow, ['', w.indexRow, '', '', '', u.index, '', '', '', '', ''], { ...BODY, bold: true }, { 6: { numFmt: indexFormat(j.options.decimals) } });
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: totalRow - 1, column: cols } };
}

function adjustmentsSheet(wb: ExcelJS.Workbook, j: ResultsJson, o: ReportOptions): void {
  const w = W[o.lang];
  const ws = wb.addWorksheet(REPORT_SHEETS[o.lang].adjustments);
  const cols = w.adjustmentsHead.length;
  title(ws, 1, w.adjustmentsTitle, cols);
  const head = 3;
  setupSheet(ws, head, [6, 10, 30, 9, 45, 9, 9, 9, 40, 16], 0);
  header(ws, head, w.adjustmentsHead);
  const names = new Map(j.criteria.tree.map((n) => [n.code, n.name]));
  let row = head;
  for (const u of j.units) {
    for (const l of u.leaves) {
      if (!l.applicable || l.appraised === null || l.self === null || dec(l.appraised).eq(dec(l.self))) continue;
      row++;
      bodyRow(ws, row, [row - head, u.code, u.name, l.code, names.get(l.code) ?? '', l.self, l.appraised, dec(l.appraised).sub(dec(l.self)).toNumber(), l.reason, l.reason === '' ? w.noReason : ''], BODY, {
        1: CENTER,
        10: { bold: true, color: RED },
      });
    }
  }
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: Math.max(row, head), column: cols } };
}

function analysisSheet(wb: ExcelJS.Workbook, j: ResultsJson, o: ReportOptions): void {
  const w = W[o.lang];
  const ws = wb.addWorksheet(REPORT_SHEETS[o.lang].analysis);
  const cols = w.lostHead.length;
  title(ws, 1, w.lostTitle, cols);
  const head = 3;
  setupSheet(ws, head, [9, 50, 10, 12, 12, 12, 12], 0);
  header(ws, head, w.lostHead);
  const tree = j.criteria.tree;
  const maxOf = new Map(tree.map((n) => [n.code, n.max]));
  const criteria = tree.filter((n) => n.part === 'area' && n.level === 2);
  const rows = criteria.map((c) => {
    const codes = new Set(tree.filter((n) => n.leaf && (n.code === c.code || n.code.startsWith(`${c.code}.`))).map((n) => n.code));
    let assessed = 0;
    let losing = 0;
    let lost = Decimal.ZERO;
    for (const u of j.units) {
      const ls = u.leaves.filter((l) => codes.has(l.code) && l.applicable);
      if (ls.length === 0) continue;
      assessed++;
      const l = Decimal.sum(ls.map((x) => dec(maxOf.get(x.code)!).sub(dec(x.points ?? 0))));
      if (l.gt(Decimal.ZERO)) losing++;
      lost = lost.add(l);
    }
    return { c, assessed, losing, lost };
  });
  rows.sort((a, b) => b.lost.cmp(a.lost) || tree.indexOf(a.c) - tree.indexOf(b.c));
  rows.forEach((x, i) => {
    bodyRow(ws, head + 1 + i, [x.c.code, x.c.name, x.c.max, x.assessed, x.losing, x.lost.toNumber(), x.assessed > 0 ? x.lost.toNumber() / x.assessed : 0], BODY, { 7: { numFmt: '0.000' } });
  });
  const last = head + rows.length;
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: last, column: cols } };
  const factsTitle = last + 2;
  title(ws, factsTitle, w.factsTitle, cols, 12);
  const factsHead = factsTitle + 1;
  header(ws, factsHead, w.factsHead);
  const areaName = new Map(tree.filter((n) => n.level === 1 && n.part === 'area').map((n) => [n.code, `${n.code}. ${n.name}`]));
  j.units.forEach((u, i) => {
    bodyRow(
      ws,
      factsHead + 1 + i,
      [
        u.code,
        u.name,
        u.index,
        u.facts.areasAtLeast90,
        u.facts.areasFull,
        u.facts.weakestArea ? (areaName.get(u.facts.weakestArea) ?? u.facts.weakestArea) : '',
        u.facts.lostMost.slice(0, 3).map((l) => `${l.code} (−${formatNumberText(String(l.lost), o.lang)})`).join('; '),
      ],
      BODY,
      { 3: { numFmt: indexFormat(j.options.decimals) }, 4: CENTER, 5: CENTER },
    );
  });
}

function criteriaSheet(wb: ExcelJS.Workbook, j: ResultsJson, o: ReportOptions): void {
  const w = W[o.lang];
  const ws = wb.addWorksheet(REPORT_SHEETS[o.lang].criteria);
  title(ws, 1, w.criteriaTitle(j.criteria.title), 4);
  const head = 3;
  setupSheet(ws, head, [10, 60, 10, 70], 0);
  header(ws, head, w.criteriaHead);
  j.criteria.tree.forEach((n, i) => {
    const label = n.level === 0 ? `${n.name} — ${n.part === 'bonus' ? w.bonus : w.penalty}` : `${'  '.repeat(Math.max(0, n.level - 1))}${n.name}`;
    bodyRow(ws, head + 1 + i, [n.code, label, n.max, n.leaf ? ruleText(n.rule, n.max, o.lang) : ''], n.leaf ? BODY : { ...BODY, ...BRANCH });
  });
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: head + j.criteria.tree.length, column: 4 } };
}

function sourcesSheet(wb: ExcelJS.Workbook, j: ResultsJson, o: ReportOptions): void {
  const w = W[o.lang];
  const ws = wb.addWorksheet(REPORT_SHEETS[o.lang].sources);
  title(ws, 1, w.sourcesTitle, 3);
  const kv = w.sourcesRows(j, o);
  kv.forEach(([k, v], i) => {
    put(ws, 3 + i, 1, k, { bold: true });
    put(ws, 3 + i, 2, v, {});
  });
  const head = 3 + kv.length + 1;
  setupSheet(ws, head, [28, 70, 70], 0);
  header(ws, head, w.filesHead);
  const files = [{ role: 'criteria', path: j.criteria.path, sha256: j.criteria.sha256 }, ...j.inputs];
  files.forEach((f, i) => bodyRow(ws, head + 1 + i, [w.roles[f.role] ?? f.role, f.path, f.sha256], BODY));
  ws.autoFilter = { from: { row: head, column: 1 }, to: { row: head + files.length, column: 3 } };
}

export function buildReport(j: ResultsJson, o: ReportOptions): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'parscore';
  wb.lastModifiedBy = 'parscore';
  wb.created = o.generatedAt;
  wb.modified = o.generatedAt;
  rankingSheet(wb, j, o);
  areasSheet(wb, j, o);
  const taken = new Set<string>(Object.values(REPORT_SHEETS[o.lang]).map((s) => s.toLowerCase()));
  for (const u of j.units) unitSheet(wb, j, u, o, unitSheetName(u.code, taken));
  adjustmentsSheet(wb, j, o);
  analysisSheet(wb, j, o);
  criteriaSheet(wb, j, o);
  sourcesSheet(wb, j, o);
  return wb;
}
