// Every test makes its temporary folders as `parscore-*` in the system temp
// folder. This run gets a temp folder of its own (TMPDIR, TMP and TEMP point
// into it for the test workers and every process they start), removed whole
// when the run ends: a failed assertion that skips a test's own clean-up
// leaves nothing behind, and two runs at once (two checkouts, or a watch
// run beside a full one) never remove each other's files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let runDir: string | undefined;

export function setup(): void {
  // Not named parscore-*: older checkouts' clean-up removed every fresh parscore-* folder.
  runDir = mkdtempSync(path.join(tmpdir(), 'vitest-run-'));
  for (const name of ['TMPDIR', 'TMP', 'TEMP']) process.env[name] = runDir;
}

export function teardown(): void {
  if (runDir !== undefined) rmSync(runDir, { recursive: true, force: true });
}
