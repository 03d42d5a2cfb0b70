// Ingestion benchmark: reading the 20 sample workbooks through parscore
// (guards, header search, rows, checks) against exceljs's bare
// Workbook.xlsx.readFile of the same files, in the same run, as a ratio
// (goal: under 1.3×). Runs are interleaved so machine noise hits both.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { readEvidence } from '../dist/evidence/read.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'samples', '2021', 'evidence');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.xlsx'))
  .map((f) => path.join(dir, f));
const codes = new Set(files.map((f) => path.basename(f).split(' ')[0]));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

async function bare() {
  for (const f of files) await new ExcelJS.Workbook().xlsx.readFile(f);
}
async function parscore() {
  const r = await readEvidence(dir, 'evidence', codes);
  if (r.rows.length === 0 || r.diagnostics.some((d) => d.severity === 'error')) throw new Error('ingestion failed');
}
async function time(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

await bare();
await parscore(); // warm-up: JIT and file cache for both
const a = [];
const b = [];
for (let i = 0; i < RUNS; i++) {
  a.push(await time(bare));
  b.push(await time(parscore));
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
console.log(`exceljs readFile, ${files.length} workbooks   median ${median(a).toFixed(1)} ms`);
console.log(`parscore ingestion, same files     median ${median(b).toFixed(1)} ms   ratio ${(median(b) / median(a)).toFixed(2)}× (goal < 1.3×)`);
