/**
 * A problem found in an input file. The core returns these; it never prints.
 * `code` is stable (documented in the README); `params` feed the message
 * catalogue, so the same diagnostic reads in Vietnamese or English.
 */
import type { DiagnosticCode } from './messages.js';

export type { DiagnosticCode };
export type Severity = 'error' | 'warning';

export interface SourceLocation {
  /** 1-based line and column in a text file. */
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface Diagnostic {
  /** One of the catalogue's codes (diagnostics/messages.ts), checked by the compiler. */
  code: DiagnosticCode;
  severity: Severity;
  /** Path of the file as the user gave it (relative to the working folder). */
  file: string;
  /** Position in a text file (YAML, CSV). */
  location?: SourceLocation;
  /** Position in a workbook: sheet and cell, e.g. { sheet: 'Tự đánh giá', cell: 'E14' }. */
  cell?: { sheet: string; cell?: string };
  params: Record<string, string | number>;
  /** The input could not be read at all: the run ends with exit code 2. */
  fatal?: boolean;
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/** Sorts by file, then position, then code, so output is stable whatever order checks ran in. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
      (a.cell?.sheet ?? '').localeCompare(b.cell?.sheet ?? '') ||
      compareCells(a.cell?.cell, b.cell?.cell) ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

function compareCells(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const pa = /^([A-Z]+)(\d+)$/.exec(a);
  const pb = /^([A-Z]+)(\d+)$/.exec(b);
  if (!pa || !pb) return a.localeCompare(b);
  return Number(pa[2]) - Number(pb[2]) || pa[1]!.length - pb[1]!.length || pa[1]!.localeCompare(pb[1]!);
}

/** "file:12:5" or "file › Sheet!E14", as users see it. */
export function formatWhere(d: Diagnostic): string {
  if (d.cell) return `${d.file} › ${d.cell.sheet}${d.cell.cell ? `!${d.cell.cell}` : ''}`;
  if (d.location) return `${d.file}:${d.location.line}:${d.location.column}`;
  return d.file;
}

/** A problem that stops the run (the input could not be read at all): exit code 2. */
export function fatalDiagnostic(file: string, code: DiagnosticCode, params: Record<string, string | number> = {}): Diagnostic {
  return { code, severity: 'error', file, params, fatal: true };
}
