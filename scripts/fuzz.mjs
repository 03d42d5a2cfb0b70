#!/usr/bin/env node
// `npm run fuzz`: the fuzz suite, longer and with a fresh random seed each
// time (printed, so a failure can be replayed with FUZZ_SEED=…).
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

const seed = process.env.FUZZ_SEED ?? String(randomInt(1, 2 ** 31 - 1));
const runs = process.env.FUZZ_RUNS ?? '1000';
console.log(`fuzz: seed ${seed}, ${runs} runs per input kind`);
const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', 'test/fuzz.test.ts', '--testTimeout=600000'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_SEED: seed, FUZZ_RUNS: runs },
});
if (r.status !== 0) console.log(`fuzz found a problem: replay with FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz`);
process.exitCode = r.status ?? 1;
