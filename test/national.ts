// A generated national round in long format (the shape bench/rank.mjs uses
// at 4,000 units), small enough for a test: deterministic, with every rule
// kind of the set, varied scores (so areas, ties and medians differ) and
// council scores on some units.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCriteria, type CriteriaNode } from '../src/criteria/index.js';
import { ROOT } from './helpers.js';

function entry(leaf: CriteriaNode, i: number): [string, string, string] {
  const rule = leaf.rule!;
  if (rule.kind === 'options') return ['', rule.options[i % rule.options.length]!.label, ''];
  if (rule.kind === 'bands' && rule.measure === 'date') return [`${1 + (i % 28)}/${1 + (i % 12)}/2024`, '', ''];
  if (rule.kind === 'bands') return [rule.measure === 'count' ? String(i % 3) : `${50 + (i % 51)}%`, '', ''];
  if (rule.kind === 'per-item') return [String(i % 4), '', ''];
  if (rule.kind === 'proportional') return [`${30 + (i % 21)}/50`, '', ''];
  const step = rule.kind === 'manual' && rule.step ? rule.step.toNumber() : 0.25;
  return ['', '', String(Math.floor(((i % 5) / 4) * (leaf.max.toNumber() / step)) * step)];
}

/** Writes units.yaml, evidence.csv and survey.csv for `n` units under `dir`. */
export function makeNationalRound(dir: string, n: number, criteria = 'so-nganh-mau.yaml'): void {
  const set = loadCriteria('c', readFileSync(path.join(ROOT, 'criteria', criteria), 'utf8')).set!;
  const leaves = set.leaves.filter((l) => l.part === 'area' && l.rule?.kind !== 'survey' && l.rule?.kind !== 'checklist');
  const surveyLeaves = set.leaves.filter((l) => l.rule?.kind === 'survey');
  mkdirSync(dir, { recursive: true });
  const unitsYaml = ['units:', ...Array.from({ length: n }, (_, i) => `  - { code: U${i + 1}, name: Đơn vị số ${i + 1} }`)].join('\n');
  writeFileSync(path.join(dir, 'units.yaml'), `${unitsYaml}\n`);
  const lines = ['Mã đơn vị,Mã tiêu chí,Số liệu,Lựa chọn,Điểm tự chấm,Tài liệu kiểm chứng,Điểm thẩm định'];
  for (let u = 1; u <= n; u++) {
    leaves.forEach((leaf, j) => {
      // Units 7, 14, … vary their pattern more (u * j) so not every unit is a shifted copy.
      const [measure, option, self] = entry(leaf, u % 7 === 0 ? u * (j + 1) : u + j);
      lines.push([`U${u}`, leaf.code, measure, option, self, `Văn bản số ${u}-${j}`, ''].map((v) => (/[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(','));
    });
  }
  writeFileSync(path.join(dir, 'evidence.csv'), `${lines.join('\n')}\n`);
  const survey = ['Mã đơn vị,' + surveyLeaves.map((l) => l.code).join(',')];
  for (let u = 1; u <= n; u++) survey.push([`U${u}`, ...surveyLeaves.map((l, k) => ((l.max.toNumber() * (50 + ((u * 13 + k * 7) % 51))) / 100).toFixed(3))].join(','));
  writeFileSync(path.join(dir, 'survey.csv'), `${survey.join('\n')}\n`);
}

export const rankArgs = (criteria = 'so-nganh-mau.yaml'): string[] => [
  'rank',
  '--criteria',
  path.join(ROOT, 'criteria', criteria),
  '--units',
  'units.yaml',
  '--evidence',
  'evidence.csv',
  '--survey',
  'survey.csv',
  '--json',
];
