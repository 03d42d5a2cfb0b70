/**
 * One way in for every workbook parscore reads, whatever its size: the
 * bytes are recognised (zip, OLE2, other), the zip is checked against its
 * own directory, and the xlsx or ods reader streams the visible sheets.
 * Returns the first problem found, or undefined; never throws for bad input.
 */
import { readOds } from './ods-read.js';
import { classifyOle, isOle } from './ole.js';
import { type ReadBudget, ReadStop, type ReadProblem, type SheetVisitor } from './spreadsheet.js';
import { readXlsx } from './xlsx-read.js';
import { Zip, ZipError, ZIP_LIMITS, type ZipLimits, type ZipProblem } from './zip.js';

const MB = (n: number): string => (n / 1048576).toFixed(1);

function fromZip(p: ZipProblem): ReadProblem {
  switch (p.code) {
    case 'xlsx-unpacked-too-large':
      return { code: p.code, params: { size: MB(p.size), limit: MB(p.limit) } };
    case 'xlsx-too-many-parts':
      return { code: p.code, params: { count: p.count, limit: p.limit } };
    case 'xlsx-corrupt':
      return { code: p.code, params: { detail: p.detail } };
    default:
      return { code: p.code, params: {} };
  }
}

/** What a workbook's bytes are, before any part is inflated. */
export function recogniseWorkbook(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): { zip: Zip; kind: 'xlsx' | 'ods' } | { problem: ReadProblem } {
  if (isOle(bytes)) {
    // Only the directory's stream names tell an .xls from an encrypted workbook; an unreadable one is damaged.
    const kind = classifyOle(bytes);
    if (kind === 'unreadable') return { problem: { code: 'xlsx-corrupt', params: { detail: 'OLE2 directory unreadable' } } };
    return { problem: { code: kind === 'legacy' ? 'xlsx-legacy' : kind === 'encrypted' ? 'xlsx-encrypted' : 'xlsx-not-zip', params: {} } };
  }
  const opened = Zip.open(bytes, limits);
  if ('problem' in opened) return { problem: fromZip(opened.problem) };
  const { zip } = opened;
  if (zip.has('content.xml') && !zip.has('xl/workbook.xml')) {
    const mime = zip.has('mimetype') ? new TextDecoder().decode(safeSmall(zip, 'mimetype')) : '';
    if (mime.trim() !== '' && !mime.includes('spreadsheet')) return { problem: { code: 'ods-not-spreadsheet', params: { type: mime.trim().slice(0, 80) } } };
    return { zip, kind: 'ods' };
  }
  return { zip, kind: 'xlsx' };
}

function safeSmall(zip: Zip, name: string): Uint8Array {
  try {
    return zip.readSmall(name, 1024) ?? new Uint8Array();
  } catch {
    return new Uint8Array();
  }
}

/** Streams the visible sheets of an .xlsx/.xlsm/.ods workbook to `visit`. */
export async function readWorkbookBytes(bytes: Uint8Array, visit: SheetVisitor, opts: { limits?: ZipLimits; budget?: ReadBudget } = {}): Promise<ReadProblem | undefined> {
  const found = recogniseWorkbook(bytes, opts.limits);
  if ('problem' in found) return found.problem;
  try {
    if (found.kind === 'ods') await readOds(found.zip, visit, opts.budget);
    else await readXlsx(found.zip, visit, opts.budget);
    return undefined;
  } catch (err) {
    if (err instanceof ReadStop) return err.problem;
    if (err instanceof ZipError) return fromZip(err.problem);
    throw err;
  }
}
