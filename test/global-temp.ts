// Every test makes its temporary folders with os.tmpdir(). A run points
// that at a folder of its own (TMPDIR, and TEMP/TMP on Windows, set before
// the workers start, which inherit them), removed whole when the run ends:
// what a failed test left behind goes with it, and two runs on one machine
// (two checkouts, CI jobs sharing a runner) never remove each other's
// folders. The run's folder is not named `parscore-…`, so an older run that
// sweeps the system temp folder for `parscore-*` leaves it alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let runDir: string | undefined;
const saved: Record<string, string | undefined> = {};
const VARS = ['TMPDIR', 'TEMP', 'TMP'] as const;

export function setup(): void {
  runDir = mkdtempSync(path.join(tmpdir(), 'vitest-run-parscore-'));
  for (const v of VARS) {
    saved[v] = process.env[v];
    process.env[v] = runDir;
  }
}

export function teardown(): void {
  for (const v of VARS) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
  if (runDir) rmSync(runDir, { recursive: true, force: true });
}
