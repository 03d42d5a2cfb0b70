/**
 * Expands `*` and `?` in the last part of a path, for shells that do not
 * (Windows cmd and PowerShell pass `criteria/*.yaml` through as typed).
 * A path without wildcards is returned as it is, even if it does not exist,
 * so the reader can say so.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

export async function expandFiles(args: readonly string[], cwd: string): Promise<{ files: string[]; unmatched: string[] }> {
  const files: string[] = [];
  const unmatched: string[] = [];
  for (const arg of args) {
    const base = path.basename(arg);
    if (!/[*?]/.test(base)) {
      files.push(arg);
      continue;
    }
    const dir = path.dirname(arg);
    let entries: string[] = [];
    try {
      entries = await readdir(path.resolve(cwd, dir));
    } catch {
      entries = [];
    }
    const re = patternToRegExp(base);
    const matched = entries.filter((e) => re.test(e) && !e.startsWith('~$')).sort();
    if (matched.length === 0) unmatched.push(arg);
    for (const m of matched) files.push(dir === '.' && !arg.startsWith('.') ? m : path.join(dir, m));
  }
  return { files: [...new Set(files)], unmatched };
}
