import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { main, type Io } from '../src/cli/main.js';
import { VERSION } from '../src/core/version.js';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const BIN = path.join(ROOT, 'bin', 'parscore.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs main() in-process with captured output, as a plain (non-terminal) run. */
export async function run(argv: string[], opts: { cwd?: string; env?: Record<string, string | undefined>; tty?: boolean } = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: opts.cwd ?? ROOT,
    env: opts.env ?? {},
    stdoutIsTTY: opts.tty ?? false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Spawns the built binary, as a user or CI would. */
export function spawnBin(argv: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: opts.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A command's output with what differs between runs and machines replaced,
 * so that the whole of the rest can be compared with an expected text:
 * - each named folder (a test's temporary folder, the repository root) by
 *   `<name>`, longest first, and then Windows path separators by `/`;
 * - parscore's version (package.json) by `<version>`;
 * - JUnit's seconds (`time="0.012"`) by `time="<s>"`.
 * Nothing else is touched: numbers, dates a user typed, and every word stay.
 * (No text output carries the time of the run: the report's date is inside
 * the .xlsx. A command that starts printing one needs a rule here.)
 */
export function normalise(text: string, folders: Record<string, string> = {}): string {
  let out = text;
  for (const [name, dir] of Object.entries(folders).sort((a, b) => b[1].length - a[1].length)) out = out.split(dir).join(`<${name}>`);
  if (path.sep === '\\') out = out.replaceAll('\\', '/');
  return out
    .split(VERSION)
    .join('<version>')
    .replace(/time="\d+\.\d+"/g, 'time="<s>"');
}

/** SHA-256 of every file under a folder, by path relative to it: to show a run changed none of them. */
export function fileHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const abs = path.join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out[path.relative(dir, abs)] = createHash('sha256').update(readFileSync(abs)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/**
 * A maker of temporary folders named `parscore-<prefix>-<name>-…`, each
 * removed after the test file's tests have run.
 */
export function tempFolders(prefix: string): (name: string) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const d of made) rmSync(d, { recursive: true, force: true });
  });
  return (name) => {
    const dir = mkdtempSync(path.join(tmpdir(), `parscore-${prefix}-${name}-`));
    made.push(dir);
    return dir;
  };
}
