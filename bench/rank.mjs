// Scoring benchmark.
// 1. `rank` on the samples against ingestion alone, in the same run: the
//    ratio is the cost of checking, scoring and ranking on top of reading.
// 2. A synthetic national-scale round in long format (4,000 units × the
//    sample set's leaves, as .csv and as .xlsx) and a tenth of it (400
//    units), each run as its own process: wall time and peak memory, to
//    show growth is linear. Goal: under 30 s and 1.5 GB at 4,000 units.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { loadCriteria } from '../dist/criteria/index.js';
import { readEvidence } from '../dist/evidence/read.js';
import { loadRound } from '../dist/round/load-round.js';
import { scoreRound } from '../dist/scoring/engine.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const ms = async (fn) => {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
};

// 1. Samples.
const evidenceDir = path.join(root, 'samples', '2021', 'evidence');
const codes = new Set(['VPUB', 'SNV', 'STP', 'SKHDT', 'STC', 'SCT', 'SNNPTNT', 'SGTVT', 'SXD', 'STNMT', 'STTTT', 'SLDTBXH', 'SVHTTDL', 'SKHCN', 'SGDDT', 'SYT', 'TTR', 'BDT', 'SNGV', 'BQLKCN']);
const ingest = () => readEvidence(evidenceDir, 'evidence', codes);
const rank = async () => {
  const { round } = await loadRound({ cwd: root, target: 'samples/2021', overrides: {} });
  scoreRound(round.input, { stage: 'final', previous: round.previous });
};
await ingest();
await rank();
const a = [];
const b = [];
for (let i = 0; i < RUNS; i++) {
  a.push(await ms(ingest));
  b.push(await ms(rank));
}
console.log(`ingestion alone (samples)   median ${median(a).toFixed(1)} ms`);
console.log(`rank (samples)              median ${median(b).toFixed(1)} ms   ratio ${(median(b) / median(a)).toFixed(2)}× (scoring overhead)`);

// 2. National scale.
const set = loadCriteria('c', readFileSync(path.join(root, 'criteria', 'so-nganh-mau.yaml'), 'utf8')).set;
const leaves = set.leaves.filter((l) => l.part === 'area' && l.rule.kind !== 'survey');
const surveyLeaves = set.leaves.filter((l) => l.rule.kind === 'survey');
const work = mkdtempSync(path.join(tmpdir(), 'parscore-bench-'));

function entry(leaf, i) {
  const rule = leaf.rule;
  if (rule.kind === 'options') return ['', rule.options[i % rule.options.length].label, ''];
  if (rule.kind === 'bands') return [rule.measure === 'count' ? String(i % 3) : `${50 + (i % 51)}%`, '', ''];
  if (rule.kind === 'proportional') return [`${30 + (i % 21)}/50`, '', ''];
  const step = rule.step ? rule.step.toNumber() : 0.25;
  return ['', '', String(Math.floor(((i % 5) / 4) * (leaf.max.toNumber() / step)) * step)];
}

async function makeRound(n) {
  const dir = path.join(work, String(n));
  const unitsYaml = ['units:', ...Array.from({ length: n }, (_, i) => `  - { code: U${i + 1}, name: Đơn vị số ${i + 1} }`)].join('\n');
  spawnSync('mkdir', ['-p', dir]);
  writeFileSync(path.join(dir, 'units.yaml'), `${unitsYaml}\n`);
  const header = ['Mã đơn vị', 'Mã tiêu chí', 'Số liệu', 'Lựa chọn', 'Điểm tự chấm', 'Tài liệu kiểm chứng', 'Điểm thẩm định'];
  const lines = [header.join(',')];
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, 'evidence.xlsx'), useSharedStrings: true });
  const ws = wb.addWorksheet('Dữ liệu');
  ws.addRow(header).commit();
  for (let u = 1; u <= n; u++) {
    leaves.forEach((leaf, j) => {
      const [measure, option, self] = entry(leaf, u + j);
      const row = [`U${u}`, leaf.code, measure, option, self, `Văn bản số ${u}-${j}`, ''];
      lines.push(row.map((v) => (v.includes(',') ? `"${v}"` : v)).join(','));
      ws.addRow(row.map((v, k) => (k === 4 && v !== '' ? Number(v) : v))).commit();
    });
  }
  await wb.commit();
  writeFileSync(path.join(dir, 'evidence.csv'), `${lines.join('\n')}\n`);
  const survey = ['Mã đơn vị,' + surveyLeaves.map((l) => l.code).join(',')];
  for (let u = 1; u <= n; u++) survey.push([`U${u}`, ...surveyLeaves.map((l) => (l.max.toNumber() * 0.8).toFixed(3))].join(','));
  writeFileSync(path.join(dir, 'survey.csv'), `${survey.join('\n')}\n`);
  return dir;
}

function runRank(dir, evidence) {
  const script = `
    const { main } = await import(${JSON.stringify(path.join(root, 'dist', 'cli', 'main.js'))});
    const sink = { write() {} };
    const t0 = process.hrtime.bigint();
    const code = await main(['rank', '--criteria', ${JSON.stringify(path.join(root, 'criteria', 'so-nganh-mau.yaml'))}, '--units', 'units.yaml', '--evidence', ${JSON.stringify(evidence)}, '--survey', 'survey.csv', '--json'], { stdout: sink, stderr: process.stderr, cwd: ${JSON.stringify(dir)}, env: {}, stdoutIsTTY: false });
    const wall = Number(process.hrtime.bigint() - t0) / 1e6;
    console.log(JSON.stringify({ code, wall, maxRSS: process.resourceUsage().maxRSS }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  if (out.code !== 0) throw new Error(`rank exited ${out.code}: ${r.stderr.slice(0, 2000)}`);
  return out;
}

const sizes = (process.env.BENCH_SIZES ?? '400,4000').split(',').map(Number);
const rows = [];
for (const n of sizes) {
  const dir = await makeRound(n);
  for (const evidence of ['evidence.csv', 'evidence.xlsx']) {
    const r = runRank(dir, evidence);
    const mb = statSync(path.join(dir, evidence)).size / 1048576;
    rows.push({ n, evidence, ...r });
    console.log(`${String(n).padStart(5)} units × ${leaves.length} leaves, ${evidence.padEnd(13)} (${mb.toFixed(1)} MB): ${(r.wall / 1000).toFixed(2)} s, peak ${(r.maxRSS / 1024).toFixed(0)} MB`);
  }
}
for (const evidence of ['evidence.csv', 'evidence.xlsx']) {
  const [small, big] = sizes.map((n) => rows.find((r) => r.n === n && r.evidence === evidence));
  if (small && big) console.log(`growth ${evidence}: ×${(big.wall / small.wall).toFixed(1)} time, ×${(big.maxRSS / small.maxRSS).toFixed(1)} memory for ×${big.n / small.n} units (linear: ×${big.n / small.n})`);
}
