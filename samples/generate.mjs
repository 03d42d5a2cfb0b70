#!/usr/bin/env node
// Generates the sample scoring round in samples/2021 (and the 2020 results it
// compares against) from a fixed seed, so the samples can be re-made exactly:
//
//   npm run build && node samples/generate.mjs
//
// Ban Dân tộc (BDT) reproduces a published case (PAR-INDEX.md §6): areas
// 10.59/11, 9/9, 12/12, 5/5, 8.5/8.5, 5/5.5, 8.005/13 and 30.425/36 in area 8,
// index 88.52 %, rank 7 of 20, up 3 places on 2020. The other departments are
// fictional data drawn from a seeded generator.
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { loadCriteria } from '../dist/criteria/index.js';
import { loadUnits, notApplicableReason } from '../dist/units/index.js';
import { buildUnitTemplate, templateFileName, COLUMNS, HEADER_ROW } from '../dist/evidence/template.js';
import { loadRound } from '../dist/round/load-round.js';
import { scoreRound } from '../dist/scoring/engine.js';
import { optionPoints, bandPoints, proportionalPoints } from '../dist/criteria/rule-eval.js';
import { parseMeasure, readCell } from '../dist/evidence/cells.js';
import { appraisalFileName } from '../dist/evidence/appraisal.js';
import { main } from '../dist/cli/main.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// SAMPLES_OUT lets the tests regenerate the samples elsewhere and compare.
const here = process.env.SAMPLES_OUT ? path.resolve(process.env.SAMPLES_OUT) : path.join(root, 'samples');
const round = path.join(here, '2021');
const SEED = 2021;

// mulberry32: small, seeded, the same on every machine.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(SEED);
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
const round3 = (x) => Math.round(x * 1000) / 1000;

const set = loadCriteria('so-nganh-mau.yaml', readFileSync(path.join(root, 'criteria', 'so-nganh-mau.yaml'), 'utf8')).set;
const units = loadUnits('units.yaml', readFileSync(path.join(root, 'samples', '2021', 'units.yaml'), 'utf8'), set).units;
if (here !== path.join(root, 'samples')) {
  mkdirSync(round, { recursive: true });
  writeFileSync(path.join(round, 'units.yaml'), readFileSync(path.join(root, 'samples', '2021', 'units.yaml')));
  writeFileSync(path.join(round, 'parscore.yaml'), readFileSync(path.join(root, 'samples', '2021', 'parscore.yaml'), 'utf8').replace('../../criteria/', `${path.join(root, 'criteria')}/`));
}
if (!set || !units) throw new Error('criteria or units invalid: run parscore validate');

// How well each department does (roughly its share of points), chosen so Ban Dân tộc sits 7th.
const QUALITY = {
  SNV: 0.99,
  STP: 0.985,
  STC: 0.98,
  SKHDT: 0.975,
  STTTT: 0.97,
  SYT: 0.965,
  SCT: 0.875,
  SXD: 0.87,
  SGDDT: 0.865,
  SNNPTNT: 0.86,
  STNMT: 0.87,
  SLDTBXH: 0.86,
  SVHTTDL: 0.85,
  SGTVT: 0.84,
  SKHCN: 0.83,
  BQLKCN: 0.82,
  SNGV: 0.8,
  VPUB: 0.79,
  TTR: 0.78,
};

const DOC_TYPES = ['QĐ', 'KH', 'BC', 'CV', 'TB'];
const evidenceText = (unit) => {
  const n = 1 + Math.floor(rand() * 250);
  const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0');
  const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0');
  return `${pick(DOC_TYPES)} số ${n}/${pick(DOC_TYPES)}-${unit.code} ngày ${day}/${month}/2021`;
};
const REASONS = [
  'Tài liệu kiểm chứng chưa thể hiện đầy đủ kết quả',
  'Báo cáo gửi chậm so với thời hạn',
  'Số liệu không khớp với Hệ thống thông tin giải quyết TTHC',
  'Kế hoạch ban hành sau thời hạn quy định',
];

/** What a unit enters for one leaf: { option?, measure?, self?, appraised?, reason? } */
function plan(leaf, q) {
  const rule = leaf.rule;
  const max = leaf.max.toNumber();
  const good = () => rand() < q;
  switch (rule.kind) {
    case 'options': {
      const sorted = [...rule.options].sort((a, b) => b.points.cmp(a.points));
      const chosen = good() ? sorted[0] : sorted[Math.min(sorted.length - 1, 1 + Math.floor(rand() * (sorted.length - 1)))];
      return { option: chosen.label, points: chosen.points.toNumber(), lower: sorted.find((o) => o.points.lt(chosen.points)) };
    }
    case 'bands': {
      const bands = [...rule.bands].sort((a, b) => b.points.cmp(a.points));
      const band = good() ? bands[0] : pick(bands.slice(1));
      const lo = band.lower ? band.lower.toNumber() : 0;
      const hi = band.upper ? band.upper.toNumber() : rule.measure === 'percent' ? 100 : lo + 3;
      let v;
      if (rule.measure === 'count') v = band.lower && !band.lowerInclusive ? Math.floor(lo) + 1 : Math.ceil(lo);
      else if (band.lower && band.lowerInclusive && (!band.upper || rand() < 0.5)) v = lo;
      else v = Math.round((lo + (hi - lo) * (0.2 + 0.6 * rand())) * 10) / 10;
      if (rule.measure === 'percent') v = Math.min(100, v);
      return { measure: rule.measure === 'count' ? v : `${String(v).replace('.', ',')}%`, points: band.points.toNumber() };
    }
    case 'proportional': {
      const required = 10 + Math.floor(rand() * 110);
      const share = Math.min(1, q + (rand() - 0.35) * 0.25);
      const achieved = Math.max(0, Math.min(required, Math.round(required * share)));
      return { measure: `${achieved}/${required}`, points: round3((max * achieved) / required) };
    }
    case 'manual': {
      const step = rule.step ? rule.step.toNumber() : 0.25;
      const share = Math.min(1, q + (rand() - 0.4) * 0.2);
      const v = Math.floor((max * share) / step + 1e-9) * step;
      return { self: v, points: v, step };
    }
    default:
      return {};
  }
}

// Ban Dân tộc, as published: everything at the maximum but these.
const BDT = {
  '1.5.1': { measure: '109/150' }, // 1.5 × 109/150 = 1.09: area 1 = 10.59
  '6.2.2': { option: 'Đang trình phê duyệt' }, // 0.5 of 1: area 6 = 5/5.5
  '7.2.1': { measure: '0/14' }, // no level-3/4 online services
  '7.3.1': { measure: '101/300' }, // 1.5 × 101/300 = 0.505
  '7.3.2': { measure: '0/40' }, // no digitised results
  '7.4.1': { measure: '0%' }, // no public postal service
  '7.4.2': { measure: '0/40' },
  '8.3.1': { measure: '7/10' }, // 4 × 0.7 = 2.8
  '8.3.2': { measure: '72' }, // DDCI 72 → 3 points
};
const BDT_SURVEY = {
  '8.1.1': 2.85,
  '8.1.2': 2.7,
  '8.1.3': 2.775,
  '8.1.4': 2.8,
  '8.2.1': 1.8,
  '8.2.2': 1.75,
  '8.2.3': 1.9,
  '8.2.4': 1.85,
  '8.2.5': 1.8,
  '8.2.6': 1.7,
  '8.2.7': 0.8,
  '8.2.8': 1.9,
};

function bestEntry(leaf) {
  const rule = leaf.rule;
  const max = leaf.max.toNumber();
  switch (rule.kind) {
    case 'options':
      return { option: [...rule.options].sort((a, b) => b.points.cmp(a.points))[0].label };
    case 'bands': {
      const top = [...rule.bands].sort((a, b) => b.points.cmp(a.points))[0];
      return { measure: rule.measure === 'count' ? (top.upper ? top.upper.toNumber() : top.lower.toNumber() + 1) : top.lower ? `${top.lower.toNumber() + (top.lowerInclusive ? 0 : 1)}%` : '100%' };
    }
    case 'proportional':
      return { measure: '100%' };
    case 'manual':
      return { self: max };
    default:
      return {};
  }
}

/** The points the rule gives for an entry, computed the way parscore will. */
function pointsOf(leaf, entry) {
  const rule = leaf.rule;
  if (entry.option !== undefined) return optionPoints(rule, entry.option).toNumber();
  if (entry.measure !== undefined) {
    const m = parseMeasure(readCell(entry.measure));
    return (rule.kind === 'bands' ? bandPoints(rule, m).points : proportionalPoints(leaf.max, m, set.precision, set.rounding)).toNumber();
  }
  return entry.self ?? 0;
}

const evidenceDir = path.join(round, 'evidence');
rmSync(evidenceDir, { recursive: true, force: true });
mkdirSync(evidenceDir, { recursive: true });
const survey = [];
let missingEvidence = 0;
/** The council's decisions, by "unit|leaf": written into its own workbooks, never into the forms. */
const council = new Map();

for (const unit of units.units) {
  const wb = buildUnitTemplate(set, unit, 'vi');
  const ws = wb.getWorksheet('Tự đánh giá');
  const rowOf = new Map();
  ws.eachRow((row, n) => {
    if (n > HEADER_ROW) rowOf.set(String(row.getCell(COLUMNS.code).value), n);
  });
  const q = QUALITY[unit.code];
  const surveyRow = { code: unit.code, name: unit.name };
  for (const leaf of set.leaves) {
    if (notApplicableReason(unit, leaf, set)) continue;
    const row = ws.getRow(rowOf.get(leaf.code));
    if (leaf.rule.kind === 'survey') {
      surveyRow[leaf.code] = unit.code === 'BDT' ? BDT_SURVEY[leaf.code] : round3(leaf.max.toNumber() * Math.min(1, Math.max(0, q - 0.12 + rand() * 0.15)));
      continue;
    }
    let entry;
    if (leaf.part !== 'area') {
      // Bonus and penalty items: a few units only.
      if (unit.code === 'BDT' || rand() > 0.15) continue;
      entry = plan(leaf, 0.5);
    } else if (unit.code === 'BDT') {
      entry = BDT[leaf.code] ?? bestEntry(leaf);
    } else {
      entry = plan(leaf, q);
    }
    if (entry.option !== undefined) row.getCell(COLUMNS.option).value = entry.option;
    if (entry.measure !== undefined) row.getCell(COLUMNS.measure).value = entry.measure;
    if (entry.self !== undefined) row.getCell(COLUMNS.self).value = entry.self;
    const scored = pointsOf(leaf, entry) > 0;
    if (leaf.part === 'area' && scored) {
      if (unit.code !== 'BDT' && rand() < 0.012) missingEvidence++;
      else if (rand() < 0.08) row.getCell(COLUMNS.note).value = 'Đơn vị đã triển khai; văn bản đang lưu tại bộ phận văn thư';
      else row.getCell(COLUMNS.evidence).value = evidenceText(unit);
    }
    // The council: agrees with most self-scores (leaves them blank in its workbook), lowers a few with a reason.
    const selfPoints = pointsOf(leaf, entry);
    let appraised = selfPoints;
    if (unit.code !== 'BDT' && leaf.part === 'area' && rand() < 0.05) {
      if (entry.lower) appraised = entry.lower.points.toNumber();
      else if (entry.step && selfPoints >= entry.step) appraised = round3(selfPoints - entry.step);
      else if (leaf.rule.kind === 'proportional' && selfPoints > 0) appraised = round3(selfPoints * 0.8);
      if (appraised !== selfPoints) council.set(`${unit.code}|${leaf.code}`, { score: appraised, reason: rand() < 0.9 ? pick(REASONS) : null });
    }
  }
  survey.push(surveyRow);
  writeFileSync(path.join(evidenceDir, templateFileName(unit)), Buffer.from(await wb.xlsx.writeBuffer()));
}

// Survey results: a row per unit, a column per survey-scored criterion.
const surveyLeaves = set.leaves.filter((l) => l.rule.kind === 'survey');
const swb = new ExcelJS.Workbook();
const sws = swb.addWorksheet('Điều tra XHH');
sws.addRow(['KẾT QUẢ ĐIỀU TRA XÃ HỘI HỌC NĂM 2021 (điểm quy đổi)']);
sws.addRow([]);
sws.addRow(['Mã đơn vị', 'Tên đơn vị', ...surveyLeaves.map((l) => l.code)]);
for (const r of survey) sws.addRow([r.code, r.name, ...surveyLeaves.map((l) => r[l.code] ?? null)]);
sws.getRow(3).font = { bold: true };
sws.columns.forEach((c, i) => (c.width = i === 1 ? 40 : 10));
writeFileSync(path.join(round, 'survey.xlsx'), Buffer.from(await swb.xlsx.writeBuffer()));

// 2020: last year's ranks (fictional, Ban Dân tộc 10th), in the shape `previous:` reads.
const RANK_2020 = ['SNV', 'STC', 'STP', 'SKHDT', 'SYT', 'SXD', 'STTTT', 'SCT', 'SGDDT', 'BDT', 'STNMT', 'SNNPTNT', 'SVHTTDL', 'SLDTBXH', 'SKHCN', 'SGTVT', 'BQLKCN', 'VPUB', 'SNGV', 'TTR'];
const prevIndex = (i) => round3(95.4 - i * 0.93 - (i > 9 ? 0.6 : 0)).toFixed(2);
const previous = {
  schemaVersion: 1,
  tool: { name: 'parscore', version: '0.1.0' },
  title: 'Chỉ số CCHC năm 2020 của các sở, ban, ngành tỉnh Mẫu (tóm tắt)',
  year: 2020,
  note: 'Bản tóm tắt kết quả năm 2020: chỉ gồm mã, tên, hạng và chỉ số của từng đơn vị.',
  units: RANK_2020.map((code, i) => ({ code, name: units.byCode.get(code).name, rank: i + 1, index: Number(prevIndex(i)) })),
};
mkdirSync(path.join(here, '2020'), { recursive: true });
writeFileSync(path.join(here, '2020', 'results.json'), `${JSON.stringify(previous, null, 2)}\n`);

// The council's workbooks: written by `parscore appraisal` itself, then filled as the council
// would: a score and a reason only where it changed the self-score, every unit finished.
const appraisalDir = path.join(round, 'appraisal');
rmSync(appraisalDir, { recursive: true, force: true });
let said = '';
const io = { stdout: { write: (t) => (said += t) }, stderr: { write: (t) => (said += t) }, cwd: root, env: {}, stdoutIsTTY: false };
if ((await main(['appraisal', round], io)) !== 0) throw new Error(`parscore appraisal failed:\n${said}`);
for (const unit of units.units) {
  const file = path.join(appraisalDir, appraisalFileName(unit));
  const awb = new ExcelJS.Workbook();
  await awb.xlsx.readFile(file);
  const aws = awb.getWorksheet('Thẩm định');
  aws.getCell('C3').value = 'Có';
  aws.eachRow((row) => {
    const decision = council.get(`${unit.code}|${row.getCell(1).value}`);
    if (!decision) return;
    row.getCell(9).value = decision.score;
    if (decision.reason) row.getCell(10).value = decision.reason;
  });
  writeFileSync(file, Buffer.from(await awb.xlsx.writeBuffer()));
}

// Check what was made: Ban Dân tộc must reproduce the published case.
const loaded = await loadRound({ cwd: root, target: round, overrides: {} });
const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
if (errors.length > 0 || !loaded.round) {
  console.error(errors);
  throw new Error('the generated samples have errors');
}
const results = scoreRound(loaded.round.input, { stage: 'final', previous: loaded.round.previous });
const bdt = results.units.find((u) => u.unit.code === 'BDT');
const index = bdt.index.round(2, 'half-up').toFixed(2);
console.log(`units: ${results.units.length}; warnings: ${loaded.diagnostics.length} (missing evidence planted: ${missingEvidence})`);
for (const u of results.units) console.log(`${String(u.rank).padStart(2)}  ${u.unit.code.padEnd(8)} ${u.index.round(2, 'half-up').toFixed(2)}  ${u.rankChange ?? ''}`);
if (index !== '88.52' || bdt.rank !== 7 || bdt.rankChange !== 3) throw new Error(`BDT: ${index} rank ${bdt.rank} change ${bdt.rankChange}`);
console.log('Ban Dân tộc: 88.52 %, rank 7, up 3 — as published.');
