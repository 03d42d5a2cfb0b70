// Startup benchmark: `parscore validate` on the sample set against a bare
// `node -e ''` in the same run, as a ratio (goal: under 2.5×). Also checks
// that validate and --help never load exceljs or other heavy modules.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'parscore.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function once(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const BASE = ['-e', ''];
const VALIDATE = [bin, 'validate', 'criteria/so-nganh-mau.yaml'];
const HELP = [bin, '--help'];
// Two warm-up rounds fill the OS file cache; then the three commands run
// interleaved, so a busy moment on the machine hits all of them alike.
for (let i = 0; i < 2; i++) [BASE, VALIDATE, HELP].forEach(once);
const base = [];
const validateRatios = [];
const helpRatios = [];
const validateMs = [];
const helpMs = [];
for (let i = 0; i < RUNS; i++) {
  const b = once(BASE);
  const v = once(VALIDATE);
  const h = once(HELP);
  base.push(b);
  validateMs.push(v);
  helpMs.push(h);
  validateRatios.push(v / b);
  helpRatios.push(h / b);
}
const baseline = median(base);
const validate = median(validateMs);
const help = median(helpMs);

const probe = spawnSync(
  process.execPath,
  [
    '--input-type=module',
    '-e',
    `import { createRequire } from 'node:module';
     const { main } = await import(${JSON.stringify(path.join(root, 'dist', 'cli', 'main.js'))});
     const sink = { write() {} };
     await main(['validate', 'criteria/so-nganh-mau.yaml'], { stdout: sink, stderr: sink, cwd: ${JSON.stringify(root)}, env: {}, stdoutIsTTY: false });
     const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) => /node_modules[\\\\/](exceljs|jszip|cli-table3)[\\\\/]/.test(k));
     console.log(JSON.stringify(loaded.length));`,
  ],
  { cwd: root, encoding: 'utf8' },
);
const heavy = Number(probe.stdout.trim());

console.log(`node -e ''                 median ${baseline.toFixed(1)} ms`);
console.log(`parscore validate (sample) median ${validate.toFixed(1)} ms   ratio ${median(validateRatios).toFixed(2)}× (median of paired runs; goal < 2.5×)`);
console.log(`parscore --help            median ${help.toFixed(1)} ms   ratio ${median(helpRatios).toFixed(2)}×`);
console.log(`heavy modules loaded by validate: ${heavy} (must be 0)`);
if (heavy !== 0) process.exitCode = 1;
