// The sample round: Ban Dân tộc reproduces the published case of
// PAR-INDEX.md §6 — 10.59/11, 9/9, 12/12, 5/5, 8.5/8.5, 5/5.5, 8.005/13,
// index 88.52 %, rank 7 of 20, up 3 places on 2020.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resultsFromText } from './results-text.js';
import { ROOT, run, spawnBin } from './helpers.js';

describe('samples/2021', () => {
  it('rank prints 20 departments with Ban Dân tộc at 88,52 %, rank 7, ↑3', () => {
    const r = spawnBin(['rank', 'samples/2021']);
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^│\s+\d+ │/.test(l));
    expect(rows).toHaveLength(20);
    const bdt = rows.find((l) => l.includes('Ban Dân tộc'))!;
    expect(bdt.split('│').map((c) => c.trim())).toEqual(['', '7', 'Ban Dân tộc', '88,52', '100', '88,52', '↑3', 'Khá', '']);
  });

  it('--json has the documented shape and the published area results', async () => {
    const r = await run(['rank', 'samples/2021', '--json']);
    expect(r.code).toBe(0);
    // Read back as `report results.json` reads it: the compact file (version 3) filled to the documented shape.
    const json = await resultsFromText(r.stdout);
    expect(json.units).toHaveLength(20);
    const bdt = json.units.find((u) => u.code === 'BDT')!;
    expect([bdt.index, bdt.rank, bdt.previousRank, bdt.rankChange, bdt.points, bdt.max]).toEqual([88.52, 7, 10, 3, 88.52, 100]);
    expect(bdt.areas.map((a) => [a.code, a.points, a.max, a.index])).toEqual([
      ['1', 10.59, 11, 96.27],
      ['2', 9, 9, 100],
      ['3', 12, 12, 100],
      ['4', 5, 5, 100],
      ['5', 8.5, 8.5, 100],
      ['6', 5, 5.5, 90.91],
      ['7', 8.005, 13, 61.58],
      ['8', 30.425, 36, 84.51],
    ]);
    // "6 chỉ số thành phần đạt trên 90 %, 4 đạt điểm tối đa", weakest: e-government.
    expect(bdt.facts).toMatchObject({ areasAtLeast90: 6, areasFull: 4, weakestArea: '7' });
    expect(json.inputs.map((i) => i.role)).toEqual(expect.arrayContaining(['workspace', 'units', 'evidence', 'survey', 'previous']));
    expect(json.inputs.filter((i) => i.role === 'evidence')).toHaveLength(20);
    // Văn phòng UBND tỉnh and Thanh tra tỉnh are not assessed on area 3 (12 points).
    expect(json.units.find((u) => u.code === 'VPUB')!.max).toBe(88);
    expect(json.units.find((u) => u.code === 'TTR')!.max).toBe(88);
  });

  it('--unit BDT shows where it lost points: area 7 is the weakest', async () => {
    const r = await run(['rank', 'samples/2021', '--unit', 'BDT']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Ban Dân tộc (BDT) — chỉ số 88,52%, hạng 7/20');
    expect(r.stdout).toContain('6/8 lĩnh vực đạt từ 90% trở lên, 4 lĩnh vực đạt điểm tối đa; lĩnh vực thấp nhất: 7. Xây dựng và phát triển chính quyền điện tử, chính quyền số.');
    // The council accepted the self score (left it blank): shown as —, the final points are the self points.
    expect(r.stdout).toMatch(/│ 7\.2\.1 │.*│ +1,5 │ +0 │ +— │ +0 │ +1,5 │/);
  });

  it('check finds only warnings (missing evidence, appraisals without a reason)', async () => {
    const r = await run(['check', 'samples/2021', '--format', 'json']);
    expect(r.code).toBe(0);
    const codes = new Set((JSON.parse(r.stdout) as { code: string; severity: string }[]).map((d) => `${d.severity} ${d.code}`));
    // The sample council still writes into the departments' forms, whose council columns are now theirs alone.
    expect([...codes].sort()).toEqual(['warning appraisal-no-reason', 'warning evidence-missing']);
  });

  it('the generator is deterministic: regenerated samples score the same', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'parscore-samples-'));
    const g = spawnSync(process.execPath, [path.join(ROOT, 'samples', 'generate.mjs')], { cwd: ROOT, env: { ...process.env, SAMPLES_OUT: out }, encoding: 'utf8' });
    expect(g.stderr).toBe('');
    expect(g.status).toBe(0);
    const committed = JSON.parse((await run(['rank', 'samples/2021', '--json'])).stdout) as { units: unknown[] };
    const regenerated = JSON.parse((await run(['rank', path.join(out, '2021'), '--json'])).stdout) as { units: unknown[] };
    expect(regenerated.units).toEqual(committed.units);
  });
});
