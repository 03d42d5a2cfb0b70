// Results JSON validated in depth before a report is built from it or it is read as `previous:` (issue 12, item 10).
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanJsonText, validatePrevious, validateResults } from '../src/results/results-validate.js';
import { ROOT, run, tempFolders } from './helpers.js';

const tmp = tempFolders('harden');

interface Node {
  code: string;
  parent: string | null;
  leaf: boolean;
}
interface Full {
  options: { decimals: number };
  criteria: { tree: Node[] };
  units: { code: string; rank: number | null; leaves: { code: string }[] }[];
}

/** 1-based line and column of `needle` (the first place it occurs) in `text`, moved `offset` characters on. */
function lineCol(text: string, needle: string, offset = 0): string {
  const at = text.indexOf(needle) + offset;
  expect(at - offset, needle).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

let full: Full;
let dir: string;
beforeAll(async () => {
  dir = tmp('results');
  // The sample round's full results, as `rank -o` writes them.
  expect((await run(['rank', path.join(ROOT, 'samples', '2021'), '-o', path.join(dir, 'full.json')])).code).toBe(0);
  full = JSON.parse(readFileSync(path.join(dir, 'full.json'), 'utf8')) as Full;
}, 60_000);

describe('report results.json: a hand-made file gets located messages, exit 2, no report', () => {
  const mutations: { title: string; mutate: (j: Full) => void; code: string; needle: (j: Full) => string; offset?: number; path: string }[] = [
    {
      title: 'a tree cycle (1.1 is its own grandparent)',
      mutate: (j) => {
        j.criteria.tree.find((n) => n.code === '1.1')!.parent = '1.1.1';
      },
      code: 'results-tree-cycle',
      // The first node of the cycle in the tree's order is 1.1; its parent field is where the loop is.
      needle: () => '"parent": "1.1.1"',
      offset: '"parent": '.length,
      path: 'criteria.tree[',
    },
    {
      title: 'a unit missing a leaf',
      mutate: (j) => {
        j.units[0]!.leaves.shift();
      },
      code: 'results-missing-leaf',
      // The location is the list itself: its "[" (11 characters into `"leaves": [`).
      needle: () => '"leaves": [',
      offset: 10,
      path: 'units[0].leaves',
    },
    {
      title: 'a huge decimals',
      mutate: (j) => {
        j.options.decimals = 1_000_000_000;
      },
      code: 'results-out-of-range',
      needle: () => '1000000000',
      path: 'options.decimals',
    },
    {
      title: 'a unit listed twice',
      mutate: (j) => {
        j.units[1]!.code = j.units[0]!.code;
      },
      code: 'results-duplicate',
      needle: (j) => `"code": "${j.units[0]!.code}",\n      "name"`,
      path: 'units[1].code',
    },
  ];
  for (const m of mutations) {
    it(
      m.title,
      async () => {
        const j = structuredClone(full);
        m.mutate(j);
        const text = JSON.stringify(j, null, 2);
        writeFileSync(path.join(dir, 'bad.json'), text);
        const r = await run(['report', 'bad.json', '-o', 'bad.xlsx'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).not.toContain('unexpected');
        expect(r.stderr).toContain(`  ${m.code}`);
        expect(r.stderr).toContain(m.path);
        if (m.code !== 'results-duplicate') expect(r.stderr).toContain(lineCol(text, m.needle(j), m.offset));
        expect(existsSync(path.join(dir, 'bad.xlsx'))).toBe(false);
      },
      60_000,
    );
  }

  it('the untouched file passes every check', () => {
    expect(validateResults(full as unknown as Parameters<typeof validateResults>[0])).toEqual([]);
  });

  it('a duplicated unit is located at its second appearance', () => {
    const j = structuredClone(full);
    j.units[1]!.code = j.units[0]!.code;
    expect(validateResults(j as unknown as Parameters<typeof validateResults>[0]).map((f) => [f.code, f.path.join('.')])).toEqual([['results-duplicate', 'units.1.code']]);
  });

  it('strings lose their control characters; __proto__ stays plain data', () => {
    const cleaned = cleanJsonText(JSON.parse('{"name":"A\\u001b[2J\\u202eB","__proto__":{"x":1}}')) as Record<string, unknown>;
    expect(cleaned.name).toBe('A[2JB');
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(Object.keys(cleaned)).toEqual(['name', '__proto__']);
  });
});

describe('previous: duplicate or impossible last-year data is refused, located', () => {
  it('a unit twice, a rank of 0 and a negative index: exit 2 with each located', async () => {
    const root = tmp('prev');
    const round = path.join(root, 'samples', '2021');
    cpSync(path.join(ROOT, 'samples', '2021'), round, { recursive: true });
    mkdirSync(path.join(root, 'samples', '2020'));
    mkdirSync(path.join(root, 'criteria'));
    cpSync(path.join(ROOT, 'criteria', 'so-nganh-mau.yaml'), path.join(root, 'criteria', 'so-nganh-mau.yaml'));
    const prev = JSON.parse(readFileSync(path.join(ROOT, 'samples', '2020', 'results.json'), 'utf8')) as { units: { code: string; rank: number; index: number }[] };
    prev.units[1]!.code = prev.units[0]!.code;
    prev.units[2]!.rank = 0;
    prev.units[3]!.index = -5;
    const text = JSON.stringify(prev, null, 2);
    writeFileSync(path.join(root, 'samples', '2020', 'results.json'), text);
    expect(validatePrevious(prev).map((f) => [f.code, f.path.join('.')])).toEqual([
      ['results-duplicate', 'units.1.code'],
      ['results-out-of-range', 'units.2.rank'],
      ['results-out-of-range', 'units.3.index'],
    ]);
    const r = await run(['rank', round]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('units[1].code');
    expect(r.stderr).toContain('units[2].rank: giá trị 0 không hợp lệ');
    expect(r.stderr).toContain('units[3].index: giá trị -5 không hợp lệ (tối thiểu 0)');
    // The negative index: its value is the only "-5" in the file.
    expect(r.stderr).toContain(lineCol(text, '-5'));
  }, 60_000);
});
