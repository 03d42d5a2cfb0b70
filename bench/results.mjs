// Results-file benchmark (issue 16): bytes per unit, version 2 against
// version 3, and reading a national file back, each reading in its own
// Node process with --max-old-space-size=2048 (wall time, peak RSS).
// 1. A generated round of 4,000 units × the sample set's leaves (as
//    bench/rank.mjs makes it, CSV only) is scored once, in this process.
// 2. Its results are written as version 3 (the writer `rank -o` uses) and as
//    version 2 (the same value, every field written), and their bytes per
//    unit printed.
// 3. A file of 20,000 units (the documented limit) is made of the 4,000
//    units five times over, with new codes: what is measured is reading, not
//    ranking (ranks stay those of the 4,000, all within 1..20,000).
// 4. Each file is read as `previous:` reads it, and as `report results.json`
//    reads it (whole, checked in depth, then the results model built).
// Goals: at 20,000 units under the 512 MiB read limit, both readings
// complete in 2 GB.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadRound } from '../dist/round/load-round.js';
import { scoreRound } from '../dist/scoring/engine.js';
import { resultsJsonChunks, toResultsJson } from '../dist/results/results-json.js';
import { CRITERIA, child, dist, makeNationalRound, measured, set } from './national-round.mjs';

const N = 4_000;
const COPIES = 5;
// Not `parscore-*`: a test run ending meanwhile removes those it did not make itself (test/global-temp.ts).
const work = mkdtempSync(path.join(tmpdir(), 'bench-parscore-results-'));

async function writeChunks(file, chunks) {
  const out = createWriteStream(file);
  for (const c of chunks) if (!out.write(c)) await new Promise((r) => out.once('drain', r));
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
}

await makeNationalRound(work, N);
const { round } = await loadRound({ cwd: work, overrides: { criteria: CRITERIA, units: 'units.yaml', evidence: 'evidence.csv', survey: 'survey.csv' } });
const results = scoreRound(round.input, { stage: 'final' });
const meta = { title: 'bench', toolVersion: '0', criteria: round.criteriaFile, inputs: round.inputs };
const v3 = path.join(work, 'v3-4000.json');
const v2 = path.join(work, 'v2-4000.json');
await writeChunks(v3, resultsJsonChunks(results, meta));
// Version 2: every field written, a unit a line (the bytes of its fields, not of its layout, are compared).
const full = toResultsJson(results, meta);
await writeChunks(
  v2,
  (function* () {
    const shell = JSON.stringify({ ...full, schemaVersion: 2, units: [] }, null, 2);
    const at = shell.indexOf('"units": []');
    yield `${shell.slice(0, at)}"units": [\n`;
    for (let i = 0; i < full.units.length; i++) yield `${i ? ',\n' : ''}${JSON.stringify(full.units[i])}`;
    yield `\n]${shell.slice(at + '"units": []'.length)}\n`;
  })(),
);

// 20,000 units: the 4,000 five times, codes U1-a … U4000-e.
const big = path.join(work, 'v3-20000.json');
{
  const text = readFileSync(v3, 'utf8');
  const start = text.indexOf('  "units": [\n') + '  "units": [\n'.length;
  const end = text.lastIndexOf('\n  ],\n  "areaStats"');
  const body = text.slice(start, end);
  const copies = Array.from({ length: COPIES }, (_, k) => body.replace(/^( {6}"code": "U\d+)"/gm, `$1-${'abcde'[k]}"`));
  writeFileSync(big, text.slice(0, start) + copies.join(',\n') + text.slice(end));
}

/** `body` measured in its own process with a 2 GB heap; a failure (out of memory) is recorded, not thrown. */
function run(body) {
  try {
    return child(measured(body), 2048);
  } catch (err) {
    return { failed: err.message };
  }
}
const asPrevious = (file) =>
  run(`const { readPreviousFile } = await import(${dist('results/results-read.js')});
    const r = await readPreviousFile(${JSON.stringify(file)}, 'f');
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const result = { units: r.entries.length };`);
const asReport = (file) =>
  run(`const { readResultsFile } = await import(${dist('results/results-read.js')});
    const { buildResultsModel } = await import(${dist('report/model.js')});
    const r = await readResultsFile(${JSON.stringify(file)}, 'f');
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const model = buildResultsModel(r.json);
    const result = { units: model.units.length };`);

const row = (name, file) => {
  const size = statSync(file).size;
  const units = file === big ? N * COPIES : N;
  const show = (m) => (m.failed ? `failed (${m.failed.split('\n')[0]})` : `${(m.wall / 1000).toFixed(1)} s, ${Math.round(m.maxRSS / 1024)} MB`);
  console.log(
    `${name.padEnd(22)} ${(size / 1e6).toFixed(1).padStart(7)} MB  ${(size / units / 1024).toFixed(1).padStart(5)} KiB/unit  previous: ${show(asPrevious(file)).padEnd(18)} report input: ${show(asReport(file))}`,
  );
};
console.log(`results file, the sample set (${set.leaves.length} leaves) (load: ${spawnSync('uptime', { encoding: 'utf8' }).stdout.trim().split('load average: ')[1]})`);
row(`version 2, ${N.toLocaleString('en')}`, v2);
row(`version 3, ${N.toLocaleString('en')}`, v3);
row(`version 3, ${(N * COPIES).toLocaleString('en')}`, big);
rmSync(work, { recursive: true, force: true });
