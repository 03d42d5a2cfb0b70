// Report benchmark (issue 16), each measurement in its own Node process with a 2 GB heap
// (--max-old-space-size=2048), wall time and peak RSS:
// 1. The sample round's report against exceljs's streaming writer writing the same cells with no
//    formatting, as a ratio: the cost of the report's layout and formatting.
// 2. A synthetic national round (400 and 4,000 units × the sample set's leaves; 20,000 with
//    BENCH_REPORT_20K=1): `report` from the round and from its results.json, against the same
//    baseline (exceljs's streaming writer, the same number of bare cells on the same sheets).
//    Memory should not grow with the round: the report is written one sheet at a time.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCriteria } from '../dist/criteria/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(path.join(tmpdir(), 'parscore-bench-report-'));
const CRITERIA = path.join(root, 'criteria', 'so-nganh-mau.yaml');
const load = () => `load ${Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]).toFixed(1)}`;

/** Runs `script` (an ES module body) in its own Node process with a 2 GB heap; it prints one JSON line last. */
function child(script) {
  const r = spawnSync(process.execPath, ['--max-old-space-size=2048', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`child exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}
const measured = (body) => `
  const t0 = process.hrtime.bigint();
  ${body}
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(JSON.stringify({ ...result, wall, maxRSS: process.resourceUsage().maxRSS }));`;
const dist = (p) => JSON.stringify(path.join(root, 'dist', p));

/** parscore's CLI in-process in the child: `report` (or `rank`) with the given arguments. */
function runCli(args, cwd) {
  const out = child(`
    const { main } = await import(${dist('cli/main.js')});
    const quiet = { write() { return true; } };
    ${measured(`const code = await main(${JSON.stringify(args)}, { stdout: quiet, stderr: quiet, cwd: ${JSON.stringify(cwd)}, env: {}, stdoutIsTTY: false });
    const result = { code };`)}`);
  if (out.code !== 0) throw new Error(`parscore ${args[0]} exited ${out.code}`);
  return out;
}

/** The cells of each sheet of a workbook (exceljs's streaming reader: memory stays flat at any size). */
function sheetCells(file) {
  return child(`
    const { default: ExcelJS } = await import('exceljs');
    const sheets = [];
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(${JSON.stringify(file)}, { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'ignore' });
    for await (const ws of reader) {
      const rows = [];
      for await (const row of ws) rows.push(row.cellCount);
      sheets.push(rows);
    }
    const result = { sheets };
    console.log(JSON.stringify(result));`).sheets;
}

/** The baseline: exceljs's streaming writer, the same sheets with the same number of cells per row, bare numbers. */
function runBaseline(sheets) {
  const spec = path.join(work, `cells-${process.hrtime.bigint()}.json`);
  writeFileSync(spec, JSON.stringify(sheets));
  return child(`
    const { default: ExcelJS } = await import('exceljs');
    const { readFileSync, createWriteStream } = await import('node:fs');
    const sheets = JSON.parse(readFileSync(${JSON.stringify(spec)}, 'utf8'));
    ${measured(`const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(${JSON.stringify(path.join(work, 'baseline.xlsx'))}), useStyles: false });
    let cells = 0;
    sheets.forEach((rows, s) => {
      const ws = wb.addWorksheet('S' + s);
      rows.forEach((n) => { ws.addRow(Array.from({ length: n }, (_, c) => c)).commit(); cells += n; });
      ws.commit();
    });
    await wb.commit();
    const result = { cells };`)}`);
}

function entry(leaf, i) {
  const rule = leaf.rule;
  if (rule.kind === 'options') return ['', rule.options[i % rule.options.length].label, ''];
  if (rule.kind === 'bands' && rule.measure === 'date') return [`${1 + (i % 28)}/${1 + (i % 12)}/2024`, '', ''];
  if (rule.kind === 'bands') return [rule.measure === 'count' ? String(i % 3) : `${50 + (i % 51)}%`, '', ''];
  if (rule.kind === 'per-item') return [String(i % 4), '', ''];
  if (rule.kind === 'proportional') return [`${30 + (i % 21)}/50`, '', ''];
  const step = rule.kind === 'manual' && rule.step ? rule.step.toNumber() : 0.25;
  return ['', '', String(Math.floor(((i % 5) / 4) * (leaf.max.toNumber() / step)) * step)];
}

/** A national round in long format (as test/national.ts makes it): units.yaml, evidence.csv, survey.csv. */
function makeRound(n) {
  const set = loadCriteria('c', readFileSync(CRITERIA, 'utf8')).set;
  const leaves = set.leaves.filter((l) => l.part === 'area' && l.rule?.kind !== 'survey' && l.rule?.kind !== 'checklist');
  const surveyLeaves = set.leaves.filter((l) => l.rule?.kind === 'survey');
  const dir = path.join(work, String(n));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'units.yaml'), `${['units:', ...Array.from({ length: n }, (_, i) => `  - { code: U${i + 1}, name: Đơn vị số ${i + 1} }`)].join('\n')}\n`);
  const lines = ['Mã đơn vị,Mã tiêu chí,Số liệu,Lựa chọn,Điểm tự chấm,Tài liệu kiểm chứng,Điểm thẩm định'];
  for (let u = 1; u <= n; u++) {
    leaves.forEach((leaf, j) => {
      const row = [`U${u}`, leaf.code, ...entry(leaf, u % 7 === 0 ? u * (j + 1) : u + j), `Văn bản số ${u}-${j}`, ''];
      lines.push(row.map((v) => (/[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(','));
    });
  }
  writeFileSync(path.join(dir, 'evidence.csv'), `${lines.join('\n')}\n`);
  const survey = ['Mã đơn vị,' + surveyLeaves.map((l) => l.code).join(',')];
  for (let u = 1; u <= n; u++) survey.push([`U${u}`, ...surveyLeaves.map((l, k) => ((l.max.toNumber() * (50 + ((u * 13 + k * 7) % 51))) / 100).toFixed(3))].join(','));
  writeFileSync(path.join(dir, 'survey.csv'), `${survey.join('\n')}\n`);
  return dir;
}

const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const line = (label, m, base) =>
  console.log(
    `${label.padEnd(34)} ${s(m.wall).padStart(8)}  peak ${mb(m.maxRSS).padStart(7)}${base ? `   ${(m.wall / base.wall).toFixed(2)}× time, ${(m.maxRSS / base.maxRSS).toFixed(2)}× memory of the baseline` : ''}   (${load()})`,
  );

try {
  // 1. The sample round.
  {
    const out = path.join(work, 'samples.xlsx');
    const report = runCli(['report', 'samples/2021', '-o', out], root);
    const base = runBaseline(sheetCells(out));
    console.log(`samples/2021: ${base.cells} cells`);
    line('  exceljs stream, bare cells', base);
    line('  parscore report', report, base);
  }
  // 2. National rounds.
  const sizes = [400, 4000, ...(process.env.BENCH_REPORT_20K === '1' ? [20000] : [])];
  for (const n of sizes) {
    const dir = makeRound(n);
    const roundArgs = ['--criteria', CRITERIA, '--units', 'units.yaml', '--evidence', 'evidence.csv', '--survey', 'survey.csv'];
    const rank = runCli(['rank', ...roundArgs, '-o', 'results.json'], dir);
    const fromRound = runCli(['report', ...roundArgs, '-o', 'round.xlsx'], dir);
    const fromJson = runCli(['report', 'results.json', '-o', 'json.xlsx'], dir);
    const base = runBaseline(sheetCells(path.join(dir, 'json.xlsx')));
    console.log(
      `${n} units: ${base.cells} cells, report ${(statSync(path.join(dir, 'json.xlsx')).size / 1e6).toFixed(1)} MB, results.json ${(statSync(path.join(dir, 'results.json')).size / 1e6).toFixed(1)} MB`,
    );
    line('  rank -o results.json (for scale)', rank);
    line('  exceljs stream, bare cells', base);
    line('  report from the round', fromRound, base);
    line('  report results.json', fromJson, base);
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
