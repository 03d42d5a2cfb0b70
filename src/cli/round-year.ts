/** The round's year, from the command line or the round's folder name. */
import path from 'node:path';
import { UsageError } from './context.js';
import type { Strings } from './strings.js';

/** A year given on the command line, or undefined; a bad one is a usage error. */
export function parseYear(s: Strings, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\s*\d{4}\s*$/.test(value)) throw new UsageError(s.invalidYear(value));
  return Number(value.trim());
}

/** The round's year: --year, else the folder's name when it is a year, else the criteria set's. */
export function roundYear(s: Strings, dir: string, given: string | undefined, criteriaYear: number): number {
  const year = parseYear(s, given);
  if (year !== undefined) return year;
  const base = path.basename(path.resolve(dir));
  return /^\d{4}$/.test(base) ? Number(base) : criteriaYear;
}
