// Progress of a long run (issue 16): on a terminal's stderr only, only after
// about a second, one line rewritten in place and cleared at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROGRESS_AFTER_MS, terminalProgress } from '../src/cli/progress.js';
import { strings } from '../src/cli/strings.js';
import { main } from '../src/cli/main.js';
import { makeNationalRound, rankArgs } from './national.js';

const work = mkdtempSync(path.join(tmpdir(), 'parscore-progress-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function clocked(lang: 'vi' | 'en') {
  let t = 0;
  let out = '';
  const p = terminalProgress(
    (s) => (out += s),
    strings(lang),
    () => t,
  );
  return { p, tick: (ms: number) => (t += ms), out: () => out };
}

describe('terminal progress', () => {
  it('says nothing during the first second, then the file being read and the units scored, then clears its line', () => {
    const c = clocked('vi');
    c.p.file('evidence.csv');
    c.p.units(64, 4000);
    expect(c.out()).toBe('');
    c.tick(PROGRESS_AFTER_MS);
    c.p.file('du-lieu/Sở Y tế.xlsx');
    expect(c.out()).toBe('\rĐang đọc du-lieu/Sở Y tế.xlsx…\u001b[K');
    c.tick(200);
    c.p.units(128, 4000);
    // Redrawn at most every 100 ms: 10 ms later, the count is kept back…
    c.tick(10);
    c.p.units(192, 4000);
    // …but the last unit is always shown.
    c.p.units(4000, 4000);
    c.p.done();
    expect(c.out()).toBe('\rĐang đọc du-lieu/Sở Y tế.xlsx…\u001b[K\rĐang chấm điểm: 128/4000 đơn vị\u001b[K\rĐang chấm điểm: 4000/4000 đơn vị\u001b[K\r\u001b[K');
  });

  it('in English; a file name cannot steer the terminal', () => {
    const c = clocked('en');
    c.tick(PROGRESS_AFTER_MS + 1);
    c.p.file('a\u001b[2Jb.xlsx');
    expect(c.out()).toBe('\rReading a\\u001b[2Jb.xlsx…\u001b[K');
  });

  it('clears nothing when nothing was drawn', () => {
    const c = clocked('en');
    c.p.units(64, 64);
    c.p.done();
    expect(c.out()).toBe('');
  });

  it('a round run with stderr not a terminal writes nothing to stderr; on a terminal, at most progress lines it clears', async () => {
    const dir = path.join(work, 'r');
    makeNationalRound(dir, 5);
    for (const stderrIsTTY of [false, true]) {
      let stderr = '';
      let stdout = '';
      const code = await main(rankArgs(), { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: dir, env: {}, stdoutIsTTY: false, stderrIsTTY });
      expect(code).toBe(0);
      expect(JSON.parse(stdout).units).toHaveLength(5);
      // A fast run shows nothing; on a slow machine it may pass the second, and then leaves a cleared line.
      if (stderrIsTTY) expect(stderr).toMatch(/^(?:\r[^\n]*\u001b\[K)*$/);
      else expect(stderr).toBe('');
      expect(stderr.endsWith('\r\u001b[K') || stderr === '').toBe(true);
    }
  });
});
