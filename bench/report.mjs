// Report benchmark (issue 16), each measurement in its own Node process with a 2 GB heap
// (--max-old-space-size=2048), wall time and peak RSS:
// 1. The sample round's report against exceljs's streaming writer writing the same cells with no
//    formatting, as a ratio: the cost of the report's layout and formatting.
// 2. A synthetic national round (400 and 4,000 units × the sample set's leaves; 20,000 with
//    BENCH_REPORT_20K=1): `report` from the round and from its results.json, against the same
//    baseline (exceljs's streaming writer, the same number of bare cells on the same sheets).
//    Memory should not grow with the round: the report is written one sheet at a time.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CRITERIA, child, dist, makeNationalRound, measured, root } from './national-round.mjs';

const work = mkdtempSync(path.join(tmpdir(), 'parscore-bench-report-'));
const load = () => `load ${Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]).toFixed(1)}`;
/** Every measurement here runs in a 2 GB heap (--max-old-space-size=2048). */
const run2gb = (script) => child(script, 2048);

/** parscore's CLI in-process in the child: `report` (or `rank`) with the given arguments. */
function runCli(args, cwd) {
  const out = run2gb(`
    const { main } = await import(${dist('cli/main.js')});
    const quiet = { write() { return true; } };
    ${measured(`const code = await main(${JSON.stringify(args)}, { stdout: quiet, stderr: quiet, cwd: ${JSON.stringify(cwd)}, env: {}, stdoutIsTTY: false });
    const result = { code };`)}`);
  if (out.code !== 0) throw new Error(`parscore ${args[0]} exited ${out.code}`);
  return out;
}

/** The cells of each sheet of a workbook (exceljs's streaming reader: memory stays flat at any size). */
function sheetCells(file) {
  return run2gb(`
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
  return run2gb(`
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
    const dir = await makeNationalRound(path.join(work, String(n)), n);
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
