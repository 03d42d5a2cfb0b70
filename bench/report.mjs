// Report benchmark: building and writing the sample round's report against
// exceljs writing a workbook of the same cells with no formatting, in the
// same run, as a ratio (goal: under 1.5×). Both start from the results
// JSON, so the ratio is the cost of the report's layout and formatting.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { loadRound } from '../dist/round/load-round.js';
import { scoreRound } from '../dist/scoring/engine.js';
import { toResultsJson } from '../dist/results/results-json.js';
import { buildReport } from '../dist/report/xlsx.js';
import { buildResultsModel } from '../dist/report/model.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const { round } = await loadRound({ cwd: root, target: 'samples/2021', overrides: {} });
const results = scoreRound(round.input, { stage: 'final', previous: round.previous });
const json = buildResultsModel(toResultsJson(results, { title: 'bench', toolVersion: '0', criteria: round.criteriaFile, inputs: round.inputs }));
const opts = { lang: 'vi', generatedAt: new Date(0), toolVersion: '0', source: 'bench' };

// The same cells, values only.
const reference = buildReport(json, opts);
const cells = reference.worksheets.map((ws) => {
  const out = [];
  ws.eachRow((row, r) => row.eachCell((cell, c) => out.push([r, c, cell.value])));
  return { name: ws.name, cells: out };
});

async function plain() {
  const wb = new ExcelJS.Workbook();
  for (const s of cells) {
    const ws = wb.addWorksheet(s.name);
    for (const [r, c, v] of s.cells) ws.getCell(r, c).value = v;
  }
  return wb.xlsx.writeBuffer();
}
async function report() {
  return buildReport(json, opts).xlsx.writeBuffer();
}
const ms = async (fn) => {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};
await plain();
await report();
const a = [];
const b = [];
for (let i = 0; i < RUNS; i++) {
  a.push(await ms(plain));
  b.push(await ms(report));
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const count = cells.reduce((n, s) => n + s.cells.length, 0);
console.log(`exceljs, same ${count} cells, no formatting   median ${median(a).toFixed(1)} ms`);
console.log(`parscore report (${cells.length} sheets)          median ${median(b).toFixed(1)} ms   ratio ${(median(b) / median(a)).toFixed(2)}× (goal < 1.5×)`);
