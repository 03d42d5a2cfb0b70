// What the national-scale benchmarks share: the synthetic round they measure
// (a long-format table, a row per unit × scored leaf of the sample department
// set, with a units file and a survey matrix), and the way each measurement
// runs in a Node process of its own, reporting wall time and peak RSS.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { loadCriteria } from '../dist/criteria/index.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CRITERIA = path.join(root, 'criteria', 'so-nganh-mau.yaml');
export const set = loadCriteria('c', readFileSync(CRITERIA, 'utf8')).set;
/** The leaves a unit scores itself, a row each. */
export const leaves = set.leaves.filter((l) => l.part === 'area' && l.rule.kind !== 'survey');
const surveyLeaves = set.leaves.filter((l) => l.rule.kind === 'survey');

/** Measure, option and typed score of unit row `i` for `leaf`: varied, always valid. */
function entry(leaf, i) {
  const rule = leaf.rule;
  if (rule.kind === 'options') return ['', rule.options[i % rule.options.length].label, ''];
  if (rule.kind === 'bands') return [rule.measure === 'count' ? String(i % 3) : `${50 + (i % 51)}%`, '', ''];
  if (rule.kind === 'proportional') return [`${30 + (i % 21)}/50`, '', ''];
  const step = rule.step ? rule.step.toNumber() : 0.25;
  return ['', '', String(Math.floor(((i % 5) / 4) * (leaf.max.toNumber() / step)) * step)];
}

/** Data rows per sheet of the generated workbook (parscore reads at most 1,000,000 rows a sheet). */
const SHEET_ROWS = 1_000_000;

/**
 * Writes a round of `n` units into `dir`: units.yaml, evidence.csv, survey.csv
 * and, with `xlsx`, the same table as evidence.xlsx. A sheet holds at most
 * 1,048,576 rows in Excel: a national table past that is split into sheets,
 * each with its header, as an office would. Deterministic.
 */
export async function makeNationalRound(dir, n, { xlsx = false } = {}) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'units.yaml'), `${['units:', ...Array.from({ length: n }, (_, i) => `  - { code: U${i + 1}, name: Đơn vị số ${i + 1} }`)].join('\n')}\n`);
  const header = ['Mã đơn vị', 'Mã tiêu chí', 'Số liệu', 'Lựa chọn', 'Điểm tự chấm', 'Tài liệu kiểm chứng', 'Điểm thẩm định'];
  const lines = [header.join(',')];
  const wb = xlsx ? new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path.join(dir, 'evidence.xlsx'), useSharedStrings: true }) : undefined;
  let ws;
  let sheets = 0;
  let sheetRows = SHEET_ROWS;
  for (let u = 1; u <= n; u++) {
    if (wb && sheetRows + leaves.length > SHEET_ROWS) {
      ws?.commit();
      ws = wb.addWorksheet(`Dữ liệu ${++sheets}`);
      ws.addRow(header).commit();
      sheetRows = 1;
    }
    leaves.forEach((leaf, j) => {
      const row = [`U${u}`, leaf.code, ...entry(leaf, u + j), `Văn bản số ${u}-${j}`, ''];
      lines.push(row.map((v) => (v.includes(',') ? `"${v}"` : v)).join(','));
      ws?.addRow(row.map((v, k) => (k === 4 && v !== '' ? Number(v) : v))).commit();
    });
    sheetRows += leaves.length;
  }
  await wb?.commit();
  writeFileSync(path.join(dir, 'evidence.csv'), `${lines.join('\n')}\n`);
  const survey = ['Mã đơn vị,' + surveyLeaves.map((l) => l.code).join(',')];
  for (let u = 1; u <= n; u++) survey.push([`U${u}`, ...surveyLeaves.map((l) => (l.max.toNumber() * 0.8).toFixed(3))].join(','));
  writeFileSync(path.join(dir, 'survey.csv'), `${survey.join('\n')}\n`);
  return dir;
}

/** Runs `script` (an ES module body) in its own Node process (`heap`: --max-old-space-size in MB); it prints one JSON line last. */
export function child(script, heap) {
  const flags = heap ? [`--max-old-space-size=${heap}`] : [];
  const r = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`child exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** A child script body that times `body` (which sets `result`) and prints it with its wall time and peak RSS. */
export const measured = (body) => `
  const t0 = process.hrtime.bigint();
  ${body}
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(JSON.stringify({ ...result, wall, maxRSS: process.resourceUsage().maxRSS }));`;

/** A module of the build, as a string literal for a child script's import. */
export const dist = (p) => JSON.stringify(path.join(root, 'dist', p));
