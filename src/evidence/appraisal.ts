/**
 * The council's appraisal workbook: one contract for the writer (`parscore
 * appraisal`) and the reader (every scoring command). The council's
 * decisions live here, never in the departments' returned forms, so those
 * stay exactly as the departments sent them.
 *
 * A sheet holds one unit: its code beside "Mã đơn vị:", the status cell
 * "Đã thẩm định xong:" (Có / Chưa), a general remark, and one row per item
 * with two decision columns (score, reason) for the first appraisal and for
 * a second one after the unit has explained. The last score given counts.
 */
import type ExcelJS from 'exceljs';
import type { Decimal } from '../core/decimal.js';
import { foldForMatch } from '../core/text.js';
import { isLeaf, type CriteriaNode, type CriteriaSet } from '../criteria/index.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { formatNumberText, type Lang } from '../core/lang.js';
import { diagnosticMessage } from '../diagnostics/index.js';
import { a4PageSetup, pageNumberFooter, rowHeightFor } from '../io/sheet-layout.js';
import type { Unit } from '../units/index.js';
import { cellText, type CellContent } from './cells.js';
import type { InputFile } from './grids.js';
import type { Located } from './rows.js';
import { append } from '../core/append.js';
import { contentAt, whereIn, type Grid, type Where } from './table.js';

export const APPRAISAL_SHEET = { vi: 'Thẩm định', en: 'Appraisal' } as const;
const FONT = 'Times New Roman';
const HEADER_ROW = 7;

/** What the council sees of one item: the department's answer and parscore's findings. */
export interface AppraisalItem {
  leaf: CriteriaNode;
  applicable: boolean;
  naReason?: string;
  /** Option label or measure, as the department entered it. */
  answer: string;
  self?: Decimal;
  evidence: string;
  note: string;
  problems: readonly Diagnostic[];
}

/** Header words of each column; the reader finds columns by these (folded), in either language. */
const COLUMN_WORDS = {
  code: ['Mã', 'Code'],
  name: ['Nội dung', 'Item'],
  max: ['Điểm tối đa', 'Maximum'],
  answer: ['Đơn vị trả lời (lựa chọn / số liệu)', 'Unit’s answer (option / measure)'],
  self: ['Điểm tự chấm', 'Self points'],
  evidence: ['Tài liệu kiểm chứng', 'Evidence'],
  note: ['Giải trình', 'Explanation'],
  problems: ['Vấn đề parscore phát hiện', 'Problems parscore found'],
  score1: ['Điểm thẩm định', 'Council score'],
  reason1: ['Lý do điều chỉnh', 'Reason'],
  score2: ['Điểm thẩm định lần 2', 'Second council score'],
  reason2: ['Lý do lần 2', 'Second reason'],
} as const;
type Column = keyof typeof COLUMN_WORDS;
const COLUMN_ORDER = Object.keys(COLUMN_WORDS) as Column[];
/**
 * Column widths: together they fit an A4 landscape page at 100 %, so the
 * council's columns print beside the items. Measured in LibreOffice's PDF:
 * 110 width units span the printable width (about 9.3 px a unit, more than
 * a4UsableWidth's 7), so the total stays at 110.
 */
export const APPRAISAL_WIDTHS: Record<Column, number> = { code: 6, name: 23, max: 5, answer: 10, self: 5, evidence: 11, note: 9, problems: 12, score1: 6, reason1: 9, score2: 5, reason2: 9 };
const WIDTHS = APPRAISAL_WIDTHS;

const LABELS = {
  unit: ['Đơn vị:', 'Unit:'],
  unitCode: ['Mã đơn vị:', 'Unit code:'],
  finished: ['Đã thẩm định xong:', 'Appraisal finished:'],
  remark: ['Nhận xét chung:', 'General remark:'],
} as const;
const YES = new Set(['co', 'x', 'yes', 'y', 'roi', 'daxong', 'xong', 'true', 'dathamdinhxong']);
const NO = new Set(['', 'chua', 'khong', 'no', 'n', 'false', 'chuaxong']);

const WORDS = {
  vi: {
    title: (year: number) => `SỔ THẨM ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${year}`,
    yes: 'Có',
    no: 'Chưa',
    finishedHint: 'Chọn "Có" khi Hội đồng đã thẩm định xong đơn vị này: kết quả của đơn vị khi đó là chính thức. Ô "Điểm thẩm định" để trống = giữ điểm tự chấm.',
    na: 'Không áp dụng',
    survey: 'Điều tra XHH',
  },
  en: {
    title: (year: number) => `PAR INDEX APPRAISAL ${year}`,
    yes: 'Yes',
    no: 'No',
    finishedHint: 'Choose "Yes" once the council has finished this unit: its result is then final. A blank council score keeps the self points.',
    na: 'Not applicable',
    survey: 'Survey',
  },
};

const li = (lang: Lang): 0 | 1 => (lang === 'vi' ? 0 : 1);
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const COUNCIL_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFF2CC' } };
const BRANCH_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFDDEBF7' } };

/** The appraisal workbook's file name for a unit. */
export function appraisalFileName(unit: Unit): string {
  return `${unit.code} - ${unit.name}.xlsx`.replace(/[\\/:*?"<>|]/g, '_');
}

/** Adds one unit's appraisal sheet to a workbook. */
export function addAppraisalSheet(wb: ExcelJS.Workbook, set: CriteriaSet, unit: Unit, items: ReadonlyMap<string, AppraisalItem>, lang: Lang, sheetName: string): void {
  const w = WORDS[lang];
  const l = li(lang);
  const ws = wb.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 2 }],
    pageSetup: a4PageSetup('landscape', { first: HEADER_ROW, last: HEADER_ROW }) as Partial<ExcelJS.PageSetup>,
    headerFooter: { oddFooter: pageNumberFooter(lang) },
  });
  ws.columns = COLUMN_ORDER.map((c) => ({ width: WIDTHS[c] }));
  const col = (c: Column): number => COLUMN_ORDER.indexOf(c) + 1;
  const font = (bold = false, size = 10): Partial<ExcelJS.Font> => ({ name: FONT, size, bold });
  const last = COLUMN_ORDER.length;

  ws.mergeCells(1, 1, 1, last);
  Object.assign(ws.getCell(1, 1), { value: w.title(set.year), font: font(true, 13), alignment: { horizontal: 'center' } });
  // Labels in A:B (column A alone is too narrow for them), values from column C.
  const label = (row: number, c: number, text: string, value: string, valueCol = c + 1): ExcelJS.Cell => {
    Object.assign(ws.getCell(row, c), { value: text, font: font(true) });
    if (valueCol > c + 1) ws.mergeCells(row, c, row, valueCol - 1);
    const cell = ws.getCell(row, valueCol);
    Object.assign(cell, { value, font: font() });
    return cell;
  };
  label(2, 1, LABELS.unit[l], unit.name, 3);
  ws.mergeCells(2, 3, 2, 7);
  label(2, 8, LABELS.unitCode[l], unit.code);
  const finished = label(3, 1, LABELS.finished[l], w.no, 3);
  finished.fill = COUNCIL_FILL;
  finished.border = BORDER;
  finished.protection = { locked: false };
  finished.dataValidation = { type: 'list', allowBlank: true, formulae: [`"${w.yes},${w.no}"`], showErrorMessage: true };
  // The hint sits on its own row: a blank status cell must not read as the hint.
  ws.mergeCells(6, 1, 6, last);
  Object.assign(ws.getCell(6, 1), { value: w.finishedHint, font: font(false, 9), alignment: { wrapText: true, vertical: 'top' } });
  ws.getRow(6).height = rowHeightFor([{ text: w.finishedHint, width: COLUMN_ORDER.reduce((s, c) => s + WIDTHS[c], 0), fontSizePt: 9 }], 15);
  label(4, 1, LABELS.remark[l], '', 3);
  ws.mergeCells(4, 3, 5, last);
  Object.assign(ws.getCell(4, 3), { fill: COUNCIL_FILL, border: BORDER, protection: { locked: false }, alignment: { wrapText: true, vertical: 'top' } });

  COLUMN_ORDER.forEach((c, i) => {
    const cell = ws.getCell(HEADER_ROW, i + 1);
    cell.value = COLUMN_WORDS[c][l];
    cell.font = font(true);
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = c.startsWith('score') || c.startsWith('reason') ? COUNCIL_FILL : BRANCH_FILL;
  });
  ws.getRow(HEADER_ROW).height = rowHeightFor(
    COLUMN_ORDER.map((c) => ({ text: COLUMN_WORDS[c][l], width: WIDTHS[c], fontSizePt: 10 })),
    15,
  );

  let row = HEADER_ROW;
  const writeNode = (node: CriteriaNode): void => {
    const r = ++row;
    const cells = ws.getRow(r);
    const values: Partial<Record<Column, string | number>> = { code: node.code, name: node.name, max: node.max.toNumber() };
    const item = items.get(node.code);
    const leaf = isLeaf(node);
    if (leaf && item) {
      if (!item.applicable) values.answer = item.naReason ? `${w.na}: ${item.naReason}` : w.na;
      else if (node.rule?.kind === 'survey') values.answer = w.survey;
      else {
        values.answer = item.answer;
        if (item.self !== undefined) values.self = item.self.toNumber();
        values.evidence = item.evidence;
        values.note = item.note;
        values.problems = item.problems.map((d) => `${d.cell?.cell ? `${d.cell.cell}: ` : ''}${diagnosticMessage(d, lang)}`).join('\n');
      }
    }
    for (const c of COLUMN_ORDER) {
      const cell = cells.getCell(col(c));
      const v = values[c];
      if (v !== undefined && v !== '') cell.value = v;
      cell.font = font(!leaf);
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: typeof v === 'string' || c.startsWith('reason') };
      const open = leaf && item?.applicable === true && node.rule?.kind !== 'survey' && (c.startsWith('score') || c.startsWith('reason'));
      cell.protection = { locked: !open };
      if (!leaf) cell.fill = BRANCH_FILL;
      else if (open) cell.fill = COUNCIL_FILL;
      if (open && c.startsWith('score')) {
        cell.numFmt = '0.###';
        cell.dataValidation = {
          type: 'decimal',
          operator: 'between',
          allowBlank: true,
          formulae: [0, node.max.toNumber()],
          showErrorMessage: true,
          error: `0 – ${formatNumberText(node.max.toString(), lang)}`,
        };
      }
    }
    cells.height = rowHeightFor(
      COLUMN_ORDER.map((c) => ({ text: String(values[c] ?? ''), width: WIDTHS[c], fontSizePt: 10 })),
      15,
    );
    node.children.forEach(writeNode);
  };
  set.areas.forEach(writeNode);
  for (const part of set.adjustments) {
    const r = ++row;
    const cells = ws.getRow(r);
    cells.getCell(col('code')).value = part.code;
    cells.getCell(col('name')).value = part.name;
    cells.getCell(col('max')).value = part.cap.toNumber();
    for (let c = 1; c <= last; c++) Object.assign(cells.getCell(c), { font: font(true), border: BORDER, fill: BRANCH_FILL, protection: { locked: true } });
    part.children.forEach(writeNode);
  }
  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
}

/** A workbook of appraisal sheets (one unit, or --single: a sheet per unit named by code). */
export async function newAppraisalWorkbook(): Promise<ExcelJS.Workbook> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'parscore';
  return wb;
}

/** One council decision on one item. */
export interface CouncilDecision {
  score: Located;
  reason: string;
  /** 1 for the first appraisal, 2 for the second. */
  round: 1 | 2;
}

/** What the council recorded for one unit. */
export interface UnitAppraisal {
  unit: string;
  /** Where the unit's sheet is, for messages. */
  at: Where;
  origin: string;
  finished: boolean;
  remark: string;
  /** Decisions by leaf code, first appraisal first. */
  decisions: Map<string, CouncilDecision[]>;
}

/**
 * The value beside a label, in either language. A label merged across
 * cells reads as itself in each of them, so cells repeating the label are
 * skipped.
 */
function valueBeside(grid: Grid, labels: readonly string[], beforeRow: number): { text: string; row: number; col: number } | undefined {
  const wanted = new Set(labels.map(foldForMatch));
  for (let row = 1; row < beforeRow; row++) {
    for (let col = 1; col <= grid.columnCount; col++) {
      const folded = foldForMatch(cellText(contentAt(grid, row, col)));
      if (!wanted.has(folded)) continue;
      for (let c = col + 1; c <= grid.columnCount; c++) {
        const text = cellText(contentAt(grid, row, c));
        if (text !== '' && foldForMatch(text) !== folded) return { text, row, col: c };
      }
      return undefined;
    }
  }
  return undefined;
}

/** Reads one grid as an appraisal sheet; undefined when the grid is not one. */
export function appraisalFromGrid(grid: Grid, diagnostics: Diagnostic[]): UnitAppraisal | undefined {
  const want = new Map<string, Column>(COLUMN_ORDER.flatMap((c) => COLUMN_WORDS[c].map((word) => [foldForMatch(word), c] as const)));
  let headerRow: number | undefined;
  const columns: Partial<Record<Column, number>> = {};
  for (let r = 1; r <= Math.min(grid.rowCount, 20) && headerRow === undefined; r++) {
    const found: Partial<Record<Column, number>> = {};
    for (let c = 1; c <= grid.columnCount; c++) {
      const key = want.get(foldForMatch(cellText(contentAt(grid, r, c))));
      if (key !== undefined && found[key] === undefined) found[key] = c;
    }
    if (found.code !== undefined && found.score1 !== undefined) {
      headerRow = r;
      Object.assign(columns, found);
    }
  }
  if (headerRow === undefined) return undefined;
  const sheetAt: Where = grid.sheet !== undefined ? { file: grid.file, cell: { sheet: grid.sheet } } : { file: grid.file };
  const codeCell = valueBeside(grid, LABELS.unitCode, headerRow);
  if (!codeCell) {
    diagnostics.push({ code: 'appraisal-unit-missing', severity: 'error', ...sheetAt, params: {} });
    return undefined;
  }
  const finishedLabel = valueBeside(grid, LABELS.finished, headerRow);
  const finishedText = foldForMatch(finishedLabel?.text ?? '');
  const finished = YES.has(finishedText);
  if (!finished && !NO.has(finishedText) && finishedLabel) {
    diagnostics.push({ code: 'appraisal-status-unclear', severity: 'warning', ...whereIn(grid, finishedLabel.row, finishedLabel.col), params: { value: finishedLabel.text } });
  }
  const remark = valueBeside(grid, LABELS.remark, headerRow)?.text ?? '';
  const decisions = new Map<string, CouncilDecision[]>();
  for (let r = headerRow + 1; r <= grid.rowCount; r++) {
    const code = cellText(contentAt(grid, r, columns.code));
    if (code === '') continue;
    const list: CouncilDecision[] = [];
    for (const [score, reason, round] of [
      ['score1', 'reason1', 1],
      ['score2', 'reason2', 2],
    ] as const) {
      const c = columns[score];
      if (c === undefined) continue;
      const content: CellContent = contentAt(grid, r, c);
      if (content.kind === 'empty') continue;
      list.push({ score: { content, at: whereIn(grid, r, c) }, reason: cellText(contentAt(grid, r, columns[reason])), round });
    }
    if (list.length > 0) decisions.set(code, list);
  }
  return { unit: codeCell.text, at: sheetAt, origin: grid.sheet !== undefined ? `${grid.file} › ${grid.sheet}` : grid.file, finished, remark, decisions };
}

/** Reads the council's workbooks: a folder of them, or one file with a sheet per unit. */
export async function readAppraisals(absPath: string, shown: string): Promise<{ appraisals: UnitAppraisal[]; inputs: InputFile[]; diagnostics: Diagnostic[] }> {
  const { readdir, stat } = await import('node:fs/promises');
  const path = (await import('node:path')).default;
  const { readGrids } = await import('./grids.js');
  const diagnostics: Diagnostic[] = [];
  const inputs: InputFile[] = [];
  const appraisals: UnitAppraisal[] = [];
  let files: { abs: string; shown: string }[];
  try {
    const info = await stat(absPath);
    files = info.isDirectory()
      ? (await readdir(absPath))
          .filter((f) => /\.xlsx$/i.test(f) && !f.startsWith('~$') && !f.startsWith('.'))
          .sort()
          .map((f) => ({ abs: path.join(absPath, f), shown: path.join(shown, f) }))
      : [{ abs: absPath, shown }];
  } catch {
    return { appraisals, inputs, diagnostics: [{ code: 'file-not-found', severity: 'error', file: shown, params: { path: shown }, fatal: true }] };
  }
  for (const f of files) {
    const read = await readGrids(f.abs, f.shown);
    append(diagnostics, read.diagnostics);
    if (read.input) inputs.push({ ...read.input, role: 'appraisal' });
    for (const grid of read.grids) {
      const a = appraisalFromGrid(grid, diagnostics);
      if (a) appraisals.push(a);
    }
  }
  return { appraisals, inputs, diagnostics };
}
