// `parscore validate` on 200 criteria files against a bare `node -e ''`,
// in the same run, as a ratio (issue 15: no slower than 18–21×; aim lower).
// The files are copies of the two bundled sets, in a temporary folder that
// is removed afterwards. Run after `npm run build`: node bench/validate-200.mjs
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'parscore.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const dir = mkdtempSync(path.join(tmpdir(), 'parscore-bench-'));
try {
  const sets = ['so-nganh-mau.yaml', 'tinh-2017.yaml'];
  for (let i = 0; i < 200; i++) copyFileSync(path.join(root, 'criteria', sets[i % 2]), path.join(dir, `set-${String(i).padStart(3, '0')}.yaml`));

  const once = (args) => {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stdout}${r.stderr}`);
    return ms;
  };
  const BASE = ['-e', ''];
  const VALIDATE = [bin, 'validate', '*.yaml'];
  once(BASE);
  once(VALIDATE);
  const ratios = [];
  const base = [];
  const validate = [];
  // Interleaved, so a busy moment on the machine hits both alike.
  for (let i = 0; i < RUNS; i++) {
    const b = once(BASE);
    const v = once(VALIDATE);
    base.push(b);
    validate.push(v);
    ratios.push(v / b);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`node -e '':               ${median(base).toFixed(0)} ms (median of ${RUNS})`);
  console.log(`parscore validate ×200:   ${median(validate).toFixed(0)} ms`);
  console.log(`ratio:                    ${median(ratios).toFixed(1)}× (goal: no more than 18–21×)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
