// Results file version 3 (issue 16): fields at their default are left out, and readers fill them
// back, so a version 2 file and a version 3 file of the same round read to the same results.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listElements, objectMembers } from '../src/io/json-split.js';
import type { ResultsJson } from '../src/results/results-json.js';
import { readPreviousFile, readResultsFile } from '../src/results/results-read.js';
import { ROOT, run, tempFolders } from './helpers.js';

const tmp = tempFolders('compact');
/** The sample round's results as parscore wrote them before version 3 (commit f1815fd, `rank samples/2021 -o`). */
const V2 = path.join(ROOT, 'test', 'fixtures', 'results', 'v2-samples-2021.json');

let dir: string;
let v3File: string;
let v3Text: string;
beforeAll(async () => {
  dir = tmp('round');
  v3File = path.join(dir, 'v3.json');
  expect((await run(['rank', 'samples/2021', '-o', v3File])).code).toBe(0);
  v3Text = readFileSync(v3File, 'utf8');
}, 60_000);

async function readOk(file: string): Promise<ResultsJson> {
  const read = await readResultsFile(file, path.basename(file));
  if (!read.ok) expect(read.diagnostics).toEqual([]);
  return (read as { json: ResultsJson }).json;
}

/** Diagnostic codes and paths of a results file that does not read. */
async function problems(text: string): Promise<string[]> {
  const file = path.join(dir, 'bad.json');
  writeFileSync(file, text);
  const read = await readResultsFile(file, 'bad.json');
  return read.ok ? [] : read.diagnostics.map((d) => `${d.code} ${d.params?.path ?? d.params?.detail ?? ''}`);
}

describe('version 3 and version 2: the same results', () => {
  it('the sample round written before (version 2) and now (version 3) reads to equal results', async () => {
    const [v2, v3] = [await readOk(V2), await readOk(v3File)];
    expect(JSON.parse(v3Text).schemaVersion).toBe(3);
    expect(JSON.parse(readFileSync(V2, 'utf8')).schemaVersion).toBe(2);
    // Both read as the current version: nothing else may differ, down to the order of keys.
    expect(v3.schemaVersion).toBe(3);
    expect(v3).toEqual(v2);
    expect(JSON.stringify(v3)).toBe(JSON.stringify(v2));
    // 737,814 bytes before, 423,567 now (the same content): less than 60 %.
    expect(statSync(v3File).size / statSync(V2).size).toBeLessThan(0.6);
  });

  it('report reads a version 2 file as before', async () => {
    const r = await run(['report', V2, '-o', path.join(dir, 'v2.xlsx')]);
    expect(r.stderr).toBe(`Đã ghi ${path.join(dir, 'v2.xlsx')}\n`);
    expect(r.code).toBe(0);
  }, 60_000);
});

describe('version 3 leaves out what is at its default', () => {
  it('a not-applicable leaf is its code, applicable false and the reason; its branch keeps only max 0', () => {
    // VPUB is not assessed on area 3: no score, no evidence; the tree's area ("3") and max (1) are not repeated.
    expect(v3Text).toContain('        {"code":"3.1.1","applicable":false,"notApplicableReason":"skipFor: khong-tthc"},\n');
    expect(v3Text).toContain('        {"code":"3.1","max":0},\n');
    expect(v3Text).toContain('        {"code":"3","max":0},\n');
  });

  it('a scored leaf keeps its figures and texts, and its council decisions', () => {
    // STP 4.2.2: self 0.5, the council gave 0 (max 0.5 from the tree, so lost 0.5).
    expect(v3Text).toContain(
      '        {"code":"4.2.2","self":0.5,"appraised":0,"final":0,"points":0,"lost":0.5,"option":"Đạt kế hoạch","evidence":"KH số 145/TB-STP ngày 16/12/2021","reason":"Kế hoạch ban hành sau thời hạn quy định","decisions":[{"score":0,"reason":"Kế hoạch ban hành sau thời hạn quy định","round":1}]},\n',
    );
    // No leaf, branch or area entry holds a default: null, "", [], applicable true, or the tree's area.
    const units = (JSON.parse(v3Text) as { units: { leaves: Record<string, unknown>[]; nodes: Record<string, unknown>[]; areas: Record<string, unknown>[] }[] }).units;
    const entries = units.flatMap((u) => [...u.leaves, ...u.nodes, ...u.areas]);
    expect(entries.length).toBe(20 * (87 + 42 + 8));
    for (const e of entries) {
      expect(Object.values(e).filter((v) => v === null || v === '' || (Array.isArray(v) && v.length === 0))).toEqual([]);
      expect(e.applicable).not.toBe(true);
      expect('area' in e).toBe(false);
    }
  });

  it('explicit nulls, empty texts and lists, and repeated tree values read as the defaults do', async () => {
    const j = JSON.parse(v3Text) as { units: { leaves: Record<string, unknown>[]; nodes: Record<string, unknown>[] }[] };
    // Every default written out where it was left out: the tree's area and max, true, null, "", [].
    const leaf = j.units[0]!.leaves[0]!;
    const defaults = { area: '1', applicable: true, notApplicableReason: null, max: 1, appraised: null, survey: null, measure: null, evidence: '', note: '', reason: '', decisions: [], settled: [] };
    for (const [k, v] of Object.entries(defaults)) if (!(k in leaf)) leaf[k] = v;
    expect(Object.keys(leaf).length).toBeGreaterThan(12);
    Object.assign(j.units[0]!.nodes[0]!, { max: 2 });
    const file = path.join(dir, 'explicit.json');
    writeFileSync(file, JSON.stringify(j));
    expect(await readOk(file)).toEqual(await readOk(v3File));
  });

  it('a node the tree does not hold cannot take its max from it: results-unknown-code, located', async () => {
    const j = JSON.parse(v3Text) as { units: { nodes: Record<string, unknown>[] }[] };
    j.units[2]!.nodes[1]!.code = '9.9';
    expect(await problems(JSON.stringify(j, null, 2))).toEqual(['results-unknown-code units[2].nodes[1].max']);
  });

  it('a leaf the tree does not hold: reported once, at its code (and the leaf it replaced as missing)', async () => {
    const j = JSON.parse(v3Text) as { units: { leaves: Record<string, unknown>[] }[] };
    j.units[2]!.leaves[1]!.code = '9.9.9';
    expect(await problems(JSON.stringify(j, null, 2))).toEqual(['results-unknown-code units[2].leaves[1].code', 'results-missing-leaf units[2].leaves']);
  });

  it('a version 3 unit with a field of the wrong type: results-invalid naming it', async () => {
    const j = JSON.parse(v3Text) as { units: { leaves: Record<string, unknown>[] }[] };
    j.units[1]!.leaves[4]!.self = 'một';
    expect(await problems(JSON.stringify(j))).toEqual(['results-invalid units.1.leaves.4.self: Invalid input: expected number, received string']);
  });
});

describe('read a piece at a time, as JSON.parse reads the whole', () => {
  const bytes = (s: string) => Buffer.from(s, 'utf8');

  it('members and list elements, a key given twice keeping its last value', () => {
    const b = bytes('\ufeff { "a" : [1, {"x": "]}\\"["}, [ ] ,"s"] , "a": [true,null, -1.5e3], "b\\u0041": {} }\n');
    const members = objectMembers(b)!;
    expect([...members.keys()]).toEqual(['a', 'bA']);
    const list = listElements(b, members.get('a')!, 2)!;
    // Three elements counted, the first two kept.
    expect(list.count).toBe(3);
    expect(list.spans.map((s) => b.subarray(s.start, s.end).toString())).toEqual(['true', 'null']);
  });

  /** The top-level members as the scan finds them, each parsed; undefined where the scan or a piece refuses. */
  const pieces = (text: string): Record<string, unknown> | undefined => {
    const b = bytes(text);
    const members = objectMembers(b);
    if (!members) return undefined;
    try {
      return Object.fromEntries([...members].map(([k, s]) => [k, JSON.parse(b.subarray(s.start, s.end).toString()) as unknown]));
    } catch {
      return undefined;
    }
  };

  it('valid JSON objects read piece by piece are what JSON.parse reads', () => {
    for (const text of ['{}', ' {"a":1} ', '{"a":"}\\\\","b":[{"c":"\\"}"}]}', '{"":0,"a":-0.5e-2,"b":false}', '{"é":"ư","a":{"a":{"a":[[],[{}]]}}}']) expect(pieces(text)).toEqual(JSON.parse(text));
  });

  it('what JSON.parse refuses, the scan or a piece refuses too', () => {
    for (const text of ['{"a":1', '{"a":1}x', '{"a" 1}', '{"a":1,}', '{a:1}', '{"a":[1 2]}', '{"a":tru e}', '{"a":"x}', '{"a":1}}', '{"a":[1]]}', '{"a":01}']) {
      expect(() => JSON.parse(text), text).toThrow();
      expect(pieces(text), text).toBeUndefined();
    }
  });

  it('a truncated file, and one with a broken unit, get JSON.parse’s own message', async () => {
    const cut = v3Text.slice(0, Math.floor(v3Text.length / 2));
    let message = '';
    try {
      JSON.parse(cut);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(await problems(cut)).toEqual([`results-not-json ${message}`]);
    // A unit with a stray comma: the scan finds the unit, JSON.parse refuses it, and the whole file is parsed for the message.
    const broken = v3Text.replace('"code":"1.1.1",', '"code":"1.1.1",,');
    expect((await problems(broken))[0]).toMatch(/^results-not-json .*JSON/);
  });

  it('more than 20,000 units: refused before any is read', async () => {
    const many = `{"units": [${Array.from({ length: 20_001 }, () => '{}').join(',')}]}`;
    const file = path.join(dir, 'many.json');
    writeFileSync(file, many);
    const read = await readPreviousFile(file, 'many.json');
    expect(read.ok ? [] : read.diagnostics.map((d) => [d.code, d.params?.path, d.params?.value])).toEqual([['results-out-of-range', 'units', 20_001]]);
  });
});

describe('previous: only what the rank change needs', () => {
  it('a version 3 file and a version 2 file give the same entries', async () => {
    const [v2, v3] = [await readPreviousFile(V2, 'v2.json'), await readPreviousFile(v3File, 'v3.json')];
    expect(v2.ok && v3.ok).toBe(true);
    const entries = (r: typeof v2) => (r.ok ? r.entries.map((e) => [e.code, e.name, e.rank, e.index.toString()]) : []);
    expect(entries(v3)).toEqual(entries(v2));
    // BDT: rank 7 with 88.52 % (docs/PAR-INDEX.md § 6).
    expect(entries(v3).find((e) => e[0] === 'BDT')).toEqual(['BDT', 'Ban Dân tộc', 7, '88.52']);
  });
});
