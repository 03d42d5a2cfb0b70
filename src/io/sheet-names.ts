/**
 * Names parscore gives to sheets and files it makes from unit codes and
 * names, checked before anything is written: Excel refuses a sheet named
 * `History`, names over 31 characters, the characters : \ / ? * [ ] and a
 * quote at either end, and compares names ignoring case; file systems on
 * desktops compare file names ignoring case too. Two units that would share a sheet or a file are refused up
 * front, never written over one another.
 */

/** Longest sheet name Excel accepts. */
const SHEET_NAME_MAX = 31;
/** Sheet names Excel keeps for itself (compared ignoring case). */
const RESERVED_SHEET_NAMES: readonly string[] = ['History'];

/** How Excel and desktop file systems compare names: NFC, ignoring case. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLocaleUpperCase('en');
}

/** Why Excel would refuse `name` as a sheet name, or undefined when it is fine. */
export function sheetNameProblem(name: string): 'empty' | 'too-long' | 'characters' | 'reserved' | undefined {
  if (name.trim() === '') return 'empty';
  if ([...name].length > SHEET_NAME_MAX) return 'too-long';
  if (/[:\\/?*[\]]/.test(name) || name.startsWith("'") || name.endsWith("'")) return 'characters';
  if (RESERVED_SHEET_NAMES.some((r) => nameKey(r) === nameKey(name))) return 'reserved';
  return undefined;
}

/**
 * A sheet name made from `base` that Excel accepts and that is not yet in
 * `taken` (upper-cased keys, see nameKey), added to `taken`. For reports,
 * where a sheet's name is only a label: clashes get `~2`, `~3`…
 */
export function uniqueSheetName(base: string, taken: Set<string>, fallback = 'Unit'): string {
  let clean = [...base.replace(/[:\\/?*[\]]/g, '_').replace(/^'+|'+$/g, '')].slice(0, SHEET_NAME_MAX).join('');
  if (clean.trim() === '') clean = fallback;
  const isTaken = (n: string): boolean => taken.has(nameKey(n)) || sheetNameProblem(n) === 'reserved';
  let name = clean;
  for (let i = 2; isTaken(name); i++) name = `${[...clean].slice(0, SHEET_NAME_MAX - String(i).length - 1).join('')}~${i}`;
  taken.add(nameKey(name));
  return name;
}

/** A name to check: what it is, and which unit (by its index in the units file) it comes from. */
interface PlannedName {
  name: string;
  unit: string;
  index: number;
}

export type NameFinding =
  | { kind: 'sheet-invalid'; entry: PlannedName; problem: NonNullable<ReturnType<typeof sheetNameProblem>> }
  | { kind: 'sheet-taken'; entry: PlannedName; by: string }
  | { kind: 'clash'; entry: PlannedName; other: PlannedName };

/**
 * Sheet names for a workbook with a sheet per unit: each must be valid,
 * differ (ignoring case) from the others and from the sheets parscore adds
 * itself (`fixed`: the guide, the hidden lists).
 */
export function checkSheetNames(entries: readonly PlannedName[], fixed: readonly string[]): NameFinding[] {
  const findings: NameFinding[] = [];
  const fixedKeys = new Map(fixed.map((f) => [nameKey(f), f]));
  const seen = new Map<string, PlannedName>();
  for (const entry of entries) {
    const problem = sheetNameProblem(entry.name);
    if (problem) {
      findings.push({ kind: 'sheet-invalid', entry, problem });
      continue;
    }
    const key = nameKey(entry.name);
    const by = fixedKeys.get(key);
    if (by !== undefined) {
      findings.push({ kind: 'sheet-taken', entry, by });
      continue;
    }
    const other = seen.get(key);
    if (other) findings.push({ kind: 'clash', entry, other });
    else seen.set(key, entry);
  }
  return findings;
}

/** File names in one folder: no two the same ignoring case (desktop file systems do not tell them apart). */
export function checkFileNames(entries: readonly PlannedName[]): NameFinding[] {
  const findings: NameFinding[] = [];
  const seen = new Map<string, PlannedName>();
  for (const entry of entries) {
    const key = nameKey(entry.name);
    const other = seen.get(key);
    if (other) findings.push({ kind: 'clash', entry, other });
    else seen.set(key, entry);
  }
  return findings;
}
