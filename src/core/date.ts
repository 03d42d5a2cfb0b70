/**
 * Calendar days as whole numbers, so a date measure is compared like any
 * other: day 0 is 1970-01-01. Pure, no time zones: a day is a day.
 */

const DAY_MS = 86_400_000;

function dayOf(year: number, month: number, day: number): number | undefined {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return Math.round(ms / DAY_MS);
}

/** "2024-01-31" → its day number; anything else (or 2024-02-30) → undefined. */
export function parseIsoDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return m ? dayOf(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/** A date as people type it in Vietnam: "31/01/2024", "31/1/2024", "31-01-2024", "31.01.2024", or ISO "2024-01-31". */
export function parseTypedDay(text: string): number | undefined {
  const t = text.trim();
  const iso = parseIsoDay(t);
  if (iso !== undefined) return iso;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  return m ? dayOf(Number(m[3]), Number(m[2]), Number(m[1])) : undefined;
}

/** A day number as dd/mm/yyyy, the way decisions print dates. */
export function formatDay(day: number): string {
  const d = new Date(day * DAY_MS);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** A day number as YYYY-MM-DD, the way the criteria file writes it. */
export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
