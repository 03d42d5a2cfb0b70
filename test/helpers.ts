import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { main, type Io } from '../src/cli/main.js';

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
