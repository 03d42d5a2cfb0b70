/**
 * Survey files: a matrix (a row per unit, a column per survey-scored
 * criterion) or answer counts in the long layout (a row per unit, criterion
 * and respondent group, a column per answer).
 */
import { foldForMatch } from '../core/text.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { cellText, readCell, type CellContent } from './cells.js';
import { normalizeCode } from './rows.js';
import { contentAt, findHeader, findUnitHeader, whereIn, type Grid, type Where } from './table.js';

const SURVEY_CODE = /^[0-9A-Za-z]+(\.[0-9A-Za-z]+)+$/;

export interface SurveyCell {
  unit: string;
  criterion: string;
  content: CellContent;
  at: Where;
  /** Answer-distribution layout only: the column's answer (e.g. "A"), the content being its count. */
  answer?: string;
  /** Answer-distribution layout only: the row's respondent group ("" when none is given). */
  group?: string;
  /** The unit's code cell in the survey file. */
  unitAt: Where;
}

/** Which units and criteria of a survey matter to the round (by their codes as written). */
export interface SurveyFilter {
  unit(code: string): boolean;
  criterion(code: string): boolean;
}

/** Survey cells from grids already read. Pure. */
export function surveyFromGrids(grids: readonly Grid[], file: string, keep?: SurveyFilter): { survey: SurveyCell[]; diagnostics: Diagnostic[] } {
  const survey: SurveyCell[] = [];
  // Cells of an unknown unit or criterion are kept once each, so they are still reported once;
  // the rest of such a row or column is not held: a survey's memory follows the round, not the file.
  const seenUnknown = new Set<string>();
  const wanted = (key: string, known: boolean): boolean => {
    if (known) return true;
    if (seenUnknown.has(key)) return false;
    seenUnknown.add(key);
    return true;
  };
  let found = false;
  for (const grid of grids) {
    const header = findUnitHeader(grid);
    if (!header) continue;
    found = true;
    const unitCol = header.columns.unit!;
    // Columns such as "Tên đơn vị" are not criteria: only dotted codes are read.
    const columns = [...header.others].map(([col, text]) => [col, text.replace(/\s+/g, '')] as const).filter(([, criterion]) => SURVEY_CODE.test(criterion));
    for (let row = header.row + 1; row <= grid.rowCount; row++) {
      const unit = normalizeCode(contentAt(grid, row, unitCol));
      if (unit === '') continue;
      const unitKnown = keep?.unit(unit) ?? true;
      for (const [col, criterion] of columns) {
        if (!(unitKnown ? wanted(`c:${criterion}`, keep?.criterion(criterion) ?? true) : wanted(`u:${unit}`, false))) continue;
        survey.push({ unit, criterion, content: contentAt(grid, row, col), at: whereIn(grid, row, col), unitAt: whereIn(grid, row, unitCol) });
      }
    }
  }
  const diagnostics: Diagnostic[] = !found && grids.length > 0 ? [{ code: 'no-survey-table', severity: 'error', file, params: {}, fatal: true }] : [];
  return { survey, diagnostics };
}

/**
 * Answer counts in the long layout: a row per unit, criterion and respondent
 * group ("Mã đơn vị", "Mã tiêu chí", "Nhóm"), a column per answer ("A", "B"…),
 * each cell a number of answers. Every other column becomes a cell with
 * `answer` set; the criterion's scale decides which are answers. Pure.
 */
export function surveyAnswersFromGrids(grids: readonly Grid[]): SurveyCell[] {
  const cells: SurveyCell[] = [];
  for (const grid of grids) {
    const header = findHeader(grid, ['unit']);
    if (!header) continue;
    const unitCol = header.columns.unit!;
    const criterionCol = header.columns.criterion!;
    const groupCol = [...header.others].find(([, text]) => GROUP_HEADERS.has(foldForMatch(text)))?.[0];
    for (let row = header.row + 1; row <= grid.rowCount; row++) {
      const unit = normalizeCode(contentAt(grid, row, unitCol));
      const criterion = normalizeCode(contentAt(grid, row, criterionCol));
      if (unit === '' || criterion === '') continue;
      const group = groupCol === undefined ? '' : cellText(contentAt(grid, row, groupCol));
      for (const [col, answer] of header.others) {
        if (col === groupCol) continue;
        const content = readCell(grid.value(row, col));
        if (content.kind === 'empty') continue;
        cells.push({ unit, criterion, content, at: whereIn(grid, row, col), unitAt: whereIn(grid, row, unitCol), answer, group });
      }
    }
  }
  return cells;
}

const GROUP_HEADERS = new Set(['nhom', 'nhomdoituong', 'group']);
