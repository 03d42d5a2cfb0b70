// Every test makes its temporary folders as `parscore-*` in the system temp
// folder. Most remove their own; this removes, when the run ends, any that a
// test of this run left behind (a failed assertion skips a test's own
// clean-up), so repeated runs do not fill the disk. Folders from before this
// run, or another user's, are not touched.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let started = 0;

export function setup(): void {
  started = Date.now() - 1000;
}

export function teardown(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith('parscore-')) continue;
    const p = path.join(tmpdir(), name);
    try {
      if (statSync(p).birthtimeMs >= started) rmSync(p, { recursive: true, force: true });
    } catch {
      // Gone already, or not ours to read: left alone.
    }
  }
}
