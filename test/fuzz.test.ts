// Fuzzing: mutated criteria, units, workspace, CSV and xlsx inputs. Every
// run must end with a result or located findings and an exit code of 0, 1
// or 2 — never an unexpected error, a stack trace, a hang or runaway memory.
// CI runs a fixed seed for a few seconds; `npm run fuzz` runs longer with a
// random seed (FUZZ_SEED and FUZZ_RUNS override both). A crash found here
// becomes a named fixture in test/fixtures/regressions/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { strings } from '../src/cli/strings.js';
import { forgeOds, forgeZip, type ForgedPart } from './forge.js';
import { ROOT, run, tempFolders } from './helpers.js';
import { MINI } from './mini-set.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20211);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const MEMORY_GROWTH_LIMIT = 600 * 1024 * 1024;
const work = tempFolders('fuzz')('work');
const evidenceFixtures = path.join(ROOT, 'test', 'fixtures', 'evidence');
const UNEXPECTED = [strings('vi').unexpected, strings('en').unexpected];

/** Runs parscore as a user would and checks it answered properly. */
async function answers(argv: string[], cwd: string): Promise<number> {
  const r = await run(argv, { cwd });
  expect([0, 1, 2], `exit code for ${argv.join(' ')}`).toContain(r.code);
  for (const text of UNEXPECTED) expect(r.stderr).not.toContain(text);
  expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  return r.code;
}

/** `parscore check` on the two-unit round with unit A's form replaced by `bytes` (B's rows come from the valid CSV). */
async function checkWithForm(dir: string, name: string, bytes: Uint8Array): Promise<void> {
  const evidence = path.join(dir, 'evidence');
  mkdirSync(evidence, { recursive: true });
  writeFileSync(path.join(evidence, name), bytes);
  writeFileSync(path.join(evidence, 'B.csv'), readFileSync(path.join(evidenceFixtures, 'valid', 'evidence.csv')));
  await answers(['check', '--criteria', MINI.criteria, '--units', MINI.units, '--evidence', evidence, '--survey', MINI.survey], dir);
}

/** Text mutations of the kinds that break files in practice, and a few that attack. */
const textMutation: fc.Arbitrary<(s: string) => string> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 0, max: 0xffff })).map(([at, code]) => (s: string) => {
    const i = s.length === 0 ? 0 : at % s.length;
    return s.slice(0, i) + String.fromCharCode(code) + s.slice(i + 1);
  }),
  fc.tuple(fc.nat(), fc.nat({ max: 200 })).map(([at, len]) => (s: string) => {
    const i = s.length === 0 ? 0 : at % s.length;
    return s.slice(0, i) + s.slice(i + len);
  }),
  fc.tuple(fc.nat(), fc.string({ maxLength: 40 })).map(([at, ins]) => (s: string) => {
    const i = s.length === 0 ? 0 : at % s.length;
    return s.slice(0, i) + ins + s.slice(i);
  }),
  fc.nat().map((at) => (s: string) => {
    const lines = s.split('\n');
    const i = at % lines.length;
    return [...lines.slice(0, i), lines[i]!, ...lines.slice(i)].join('\n');
  }),
  fc.nat().map((at) => (s: string) => {
    const i = s.length === 0 ? 0 : at % s.length;
    return `${s.slice(0, i)}${'x'.repeat(20_000)}${s.slice(i)}`;
  }),
  fc.integer({ min: 1, max: 5000 }).map((depth) => (s: string) => `${s}\nsau: ${'['.repeat(depth)}1${']'.repeat(depth)}\n`),
  fc.constant((s: string) => `${s}\nx: &a [1,1,1,1,1,1,1,1]\ny: &b [*a,*a,*a,*a,*a,*a,*a,*a]\nz: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nw: [*c,*c,*c,*c,*c,*c,*c,*c]\n`),
  fc.constant((s: string) => s.replace(/\n/g, '\r\n')),
  fc.constant((s: string) => `\ufeff${s}`),
  fc.constant((s: string) => s.normalize('NFD')),
  fc.constant((s: string) => s.replace(/: /, ': !!js/function ')),
);

const mutations = fc.array(textMutation, { minLength: 1, maxLength: 4 });
const mutate = (text: string, fs: ((s: string) => string)[]): string => fs.reduce((t, f) => f(t), text);
const rssBefore = process.memoryUsage().rss;

describe('fuzz (seed %s)', () => {
  it(`criteria sets (${RUNS} runs)`, async () => {
    const text = readFileSync(path.join(ROOT, 'criteria', 'so-nganh-mau.yaml'), 'utf8');
    await fc.assert(
      fc.asyncProperty(mutations, async (fs) => {
        writeFileSync(path.join(work, 'criteria.yaml'), mutate(text, fs));
        await answers(['validate', 'criteria.yaml', '--format', 'json'], work);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it(`units files and parscore.yaml (${RUNS} runs)`, async () => {
    const units = readFileSync(path.join(ROOT, 'samples', '2021', 'units.yaml'), 'utf8');
    const dir = path.join(work, 'round');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'evidence.csv'), readFileSync(path.join(evidenceFixtures, 'valid', 'evidence.csv')));
    const workspace = `year: 2021\ncriteria: ${JSON.stringify(path.join(evidenceFixtures, 'criteria.yaml'))}\nunits: units.yaml\nevidence: evidence.csv\nsurvey: ${JSON.stringify(path.join(evidenceFixtures, 'valid', 'survey.csv'))}\n`;
    await fc.assert(
      fc.asyncProperty(mutations, mutations, async (mu, mw) => {
        writeFileSync(path.join(dir, 'units.yaml'), mutate(units, mu));
        writeFileSync(path.join(dir, 'parscore.yaml'), mutate(workspace, mw));
        await answers(['check', dir], work);
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });

  it(`CSV evidence and survey (${RUNS} runs)`, async () => {
    const csv = readFileSync(path.join(evidenceFixtures, 'valid', 'evidence.csv'), 'utf8');
    const survey = readFileSync(path.join(evidenceFixtures, 'valid', 'survey.csv'), 'utf8');
    await fc.assert(
      fc.asyncProperty(mutations, mutations, async (me, ms) => {
        writeFileSync(path.join(work, 'e.csv'), mutate(csv, me));
        writeFileSync(path.join(work, 's.csv'), mutate(survey, ms));
        await answers(
          ['rank', '--criteria', path.join(evidenceFixtures, 'criteria.yaml'), '--units', path.join(evidenceFixtures, 'units.yaml'), '--evidence', 'e.csv', '--survey', 's.csv', '--json'],
          work,
        );
      }),
      { seed: SEED + 2, numRuns: RUNS },
    );
  });

  it(`xlsx workbooks: bytes flipped, truncated, parts dropped, XML mangled (${RUNS} runs)`, async () => {
    const dir = path.join(work, 'xlsx');
    mkdirSync(dir, { recursive: true });
    const made = await run(['template', '--criteria', path.join(evidenceFixtures, 'criteria.yaml'), '--units', path.join(evidenceFixtures, 'units.yaml'), '--out', path.join(dir, 'blank')]);
    expect(made.code).toBe(0);
    const original = readFileSync(path.join(dir, 'blank', 'A - Đơn vị A.xlsx'));
    const zip = await JSZip.loadAsync(original);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    const xlsxMutation = fc.oneof(
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 20 }).map((flips) => async () => {
        const b = Buffer.from(original);
        for (const [at, v] of flips) b[at % b.length] = v;
        return b;
      }),
      fc.nat().map((at) => async () => original.subarray(0, at % original.length)),
      fc.nat().map((at) => async () => {
        const z = await JSZip.loadAsync(original);
        z.remove(names[at % names.length]!);
        return z.generateAsync({ type: 'nodebuffer' });
      }),
      fc.tuple(fc.nat(), textMutation).map(([at, f]) => async () => {
        const z = await JSZip.loadAsync(original);
        const name = names[at % names.length]!;
        z.file(name, f(await z.file(name)!.async('string')));
        return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
      }),
    );
    await fc.assert(
      fc.asyncProperty(xlsxMutation, async (make) => {
        await checkWithForm(dir, 'A.xlsx', await make());
      }),
      { seed: SEED + 3, numRuns: RUNS },
    );
  });

  it(`zip level: declared sizes, local-only entries, part order, local names (${RUNS} runs)`, async () => {
    const dir = path.join(work, 'zip');
    mkdirSync(dir, { recursive: true });
    const made = await run(['template', '--criteria', path.join(evidenceFixtures, 'criteria.yaml'), '--units', path.join(evidenceFixtures, 'units.yaml'), '--out', path.join(dir, 'blank')]);
    expect(made.code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(path.join(dir, 'blank', 'A - Đơn vị A.xlsx')));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    const parts: ForgedPart[] = await Promise.all(names.map(async (name) => ({ name, data: await zip.file(name)!.async('nodebuffer') })));
    type Change = (ps: ForgedPart[]) => ForgedPart[];
    const change: fc.Arbitrary<Change> = fc.oneof(
      fc.tuple(fc.nat(), fc.nat()).map(
        ([at, size]): Change =>
          (ps) =>
            ps.map((p, i) => (i === at % ps.length ? { ...p, declare: size } : p)),
      ),
      fc.tuple(fc.nat(), fc.nat()).map(([at, from]): Change => (ps) => {
        const p = ps[from % ps.length]!;
        return [...ps.slice(0, at % ps.length), { ...p, name: `xl/worksheets/sheet${at % 7}.xml`, localOnly: true }, ...ps.slice(at % ps.length)];
      }),
      fc.array(fc.nat(), { minLength: 2, maxLength: 2 }).map(([a, b]): Change => (ps) => {
        const out = [...ps];
        const i = a! % out.length;
        const j = b! % out.length;
        [out[i], out[j]] = [out[j]!, out[i]!];
        return out;
      }),
      fc.tuple(fc.nat(), fc.nat()).map(
        ([at, other]): Change =>
          (ps) =>
            ps.map((p, i) => (i === at % ps.length ? { ...p, localName: ps[other % ps.length]!.name } : p)),
      ),
      fc.nat().map(
        (at): Change =>
          (ps) =>
            ps.map((p, i) => (i === at % ps.length ? { ...p, method: 0 as const } : p)),
      ),
      fc.nat().map((at): Change => (ps) => [...ps, { ...ps[at % ps.length]! }]),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 4 }), async (changes) => {
        await checkWithForm(dir, 'A.xlsx', forgeZip(changes.reduce((ps, c) => c(ps), parts)));
      }),
      { seed: SEED + 4, numRuns: RUNS },
    );
  });

  it(`ods workbooks: content.xml mangled (${RUNS} runs)`, async () => {
    const dir = path.join(work, 'ods');
    const cell = (t: string): string => `<table:table-cell office:value-type="string"><text:p>${t}</text:p></table:table-cell>`;
    const tables = `<table:table table:name="A"><table:table-row>${cell('Mã tiêu chí')}${cell('Điểm tự chấm')}</table:table-row><table:table-row table:number-rows-repeated="2">${cell('1.4')}<table:table-cell office:value-type="percentage" office:value="0.75" table:number-columns-repeated="2"><text:p>75%</text:p></table:table-cell></table:table-row></table:table>`;
    await fc.assert(
      fc.asyncProperty(mutations, async (fs) => {
        await checkWithForm(dir, 'A - Đơn vị A.ods', forgeOds(mutate(tables, fs)));
      }),
      { seed: SEED + 5, numRuns: RUNS },
    );
  });

  it('memory stayed within bounds', () => {
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(MEMORY_GROWTH_LIMIT);
  });
});
