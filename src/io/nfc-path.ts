/**
 * Vietnamese file names arrive in NFC or NFD (macOS writes NFD; a name typed
 * into parscore.yaml on Windows is NFC). Linux compares names byte by byte,
 * so a path that does not exist as written is looked up segment by segment,
 * comparing names after NFC normalisation. Returns the path as it is on disk,
 * or the path as given when nothing matches.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export function pathOnDisk(abs: string): string {
  if (existsSync(abs)) return abs;
  const { root } = path.parse(abs);
  const parts = abs.slice(root.length).split(path.sep).filter(Boolean);
  let current = root;
  for (const part of parts) {
    const direct = path.join(current, part);
    if (existsSync(direct)) {
      current = direct;
      continue;
    }
    let entries: string[];
    try {
      entries = readdirSync(current);
    } catch {
      return abs;
    }
    const want = part.normalize('NFC');
    const hit = entries.find((e) => e.normalize('NFC') === want);
    if (hit === undefined) return abs;
    current = path.join(current, hit);
  }
  return current;
}
