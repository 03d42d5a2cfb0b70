// The plain `rank` table at 400 and 4,000 units: the time to lay it out
// and its growth for ten times the units (goal: at most 11×; cli-table3's
// layout, replaced, grew about 100×: it is timed alongside for reference).
// Units are the sample round's, repeated under new codes and names.
// Run: npm run build && node bench/table.mjs
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Table from 'cli-table3';
import { loadRound } from '../dist/round/load-round.js';
import { scoreRound } from '../dist/scoring/engine.js';
import { toResultsJson } from '../dist/results/results-json.js';
import { buildResultsModel } from '../dist/report/model.js';
import { formatRankingTable } from '../dist/report/table.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};

const { round } = await loadRound({ cwd: root, target: 'samples/2021', overrides: {} });
const results = scoreRound(round.input, { stage: 'final', previous: round.previous });
const json = toResultsJson(results, { title: 'bench', toolVersion: '0', criteria: round.criteriaFile, inputs: [] });

function modelOf(n) {
  const units = Array.from({ length: n }, (_, i) => {
    const u = json.units[i % json.units.length];
    return { ...u, code: `${u.code}${i}`, name: `${u.name} số ${i + 1}`, rank: i + 1 };
  });
  return buildResultsModel({ ...json, units });
}

function cliTable3(model) {
  const t = new Table({ head: ['Hạng', 'Đơn vị', 'Điểm', 'Tối đa', 'Chỉ số (%)', '± hạng', 'Xếp loại'], style: { head: [], border: [], compact: true } });
  for (const u of model.units) t.push([String(u.json.rank), u.json.name, String(u.json.points), String(u.json.max), String(u.json.index), '', u.json.class ?? '']);
  return t.toString();
}

const rows = [];
for (const [name, fn] of [
  ['parscore table', (m) => formatRankingTable(m, 'bench', { lang: 'vi' })],
  ['cli-table3 (before)', cliTable3],
]) {
  const at = {};
  for (const n of [400, 4000]) {
    const model = modelOf(n);
    fn(model);
    const runs = [];
    for (let i = 0; i < (name.startsWith('cli') && n === 4000 ? 1 : RUNS); i++) runs.push(time(() => fn(model)));
    at[n] = median(runs);
  }
  rows.push(
    `${name.padEnd(22)} 400 units ${at[400].toFixed(1).padStart(8)} ms   4,000 units ${at[4000].toFixed(1).padStart(8)} ms   growth ${(at[4000] / at[400]).toFixed(1)}×${name.startsWith('parscore') ? ' (goal ≤ 11×)' : ''}`,
  );
}
console.log(rows.join('\n'));
