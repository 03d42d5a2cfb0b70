/**
 * Expands the file arguments of `validate` with real glob semantics, the
 * same on every shell (Windows cmd and PowerShell pass `criteria/*.yaml`
 * through as typed): `**`, `{a,b}`, `[ab]`, and `!pattern` to leave files
 * out of what patterns find. Directories and dot-files are skipped unless named; Excel's lock
 * files (`~$…`) always are. A path without wildcards is returned as it is,
 * even if it does not exist, so the reader can say so.
 */
import path from 'node:path';

/** Characters that make an argument a pattern rather than a path. */
const MAGIC = /[*?[\]{}]/;

/**
 * A segment such as `*a*a*a*a*b` makes the matcher backtrack for minutes on
 * a long file name; no real pattern needs more than a few stars per segment.
 */
export const MAX_STARS_PER_SEGMENT = 3;

interface ExpandedFiles {
  files: string[];
  /** Patterns that matched no file. */
  unmatched: string[];
  /** Patterns refused as too complex to match safely. */
  tooComplex: string[];
}

const slashes = (p: string): string => p.split(path.sep).join('/');

function tooComplex(pattern: string): boolean {
  return pattern.split('/').some((segment) => segment !== '**' && (segment.match(/\*/g)?.length ?? 0) > MAX_STARS_PER_SEGMENT);
}

export async function expandFiles(args: readonly string[], cwd: string): Promise<ExpandedFiles> {
  const files: string[] = [];
  const unmatched: string[] = [];
  const complex: string[] = [];
  const ignore = args.filter((a) => a.startsWith('!') && a.length > 1).map((a) => slashes(a.slice(1)));
  const patterns = args.filter((a) => !(a.startsWith('!') && a.length > 1));
  let glob: typeof import('tinyglobby').glob | undefined;
  for (const arg of patterns) {
    if (!MAGIC.test(arg)) {
      files.push(arg);
      continue;
    }
    const pattern = slashes(arg);
    if (tooComplex(pattern) || ignore.some(tooComplex)) {
      complex.push(arg);
      continue;
    }
    // Loaded only when a pattern is given: plain paths start faster.
    glob ??= (await import('tinyglobby')).glob;
    const matched = (await glob([pattern], { cwd, ignore, dot: false, onlyFiles: true, expandDirectories: false, followSymbolicLinks: false }))
      .filter((f) => !path.basename(f).startsWith('~$'))
      .sort();
    if (matched.length === 0) unmatched.push(arg);
    files.push(...matched);
  }
  // A `!pattern` filters what patterns find; a file named outright is kept.
  return { files: [...new Set(files)], unmatched, tooComplex: complex };
}
