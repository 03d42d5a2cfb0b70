// The results file written straight from the engine's results (unit-text.ts, issue 16) is, byte for
// byte, the text the earlier writer made: build each unit's full object (toResultsJson), leave out
// what is at its default, JSON.stringify each field and each list element. That writer is kept here
// as the reference, and both are run on the samples, on generated national rounds and on hand-made
// edge cases.
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultsMeta } from '../src/cli/results-meta.js';
import { Decimal, Ratio } from '../src/core/decimal.js';
import { resultsJsonChunks, toResultsJson, treeDefaults, type CompactUnitJson, type ResultsJson, type ResultsMeta, type TreeDefaults } from '../src/results/results-json.js';
import { escapeForTerminal } from '../src/core/text.js';
import { JsonBytes, jsonString, terminalSafeJsonString } from '../src/results/json-bytes.js';
import { unitTotals } from '../src/results/unit-text.js';
import { loadRound } from '../src/round/load-round.js';
import { scoreRound, type LeafResult, type Results, type UnitResult } from '../src/scoring/engine.js';
import { ROOT } from './helpers.js';
import { makeNationalRound } from './national.js';

type UnitJson = ResultsJson['units'][number];

// ——— The reference: the writer as it was before (commit 1fe0f58), object by object. ———

function compact<T extends object>(full: T, isDefault: (key: keyof T, value: T[keyof T]) => boolean): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(full) as (keyof T)[]) {
    const value = full[key];
    if (value === undefined || isDefault(key, value)) continue;
    out[key] = value;
  }
  return out;
}

const empty = (value: unknown): boolean => value === null || value === '' || (Array.isArray(value) && value.length === 0);

function compactUnit(u: UnitJson, tree: TreeDefaults): CompactUnitJson {
  const known = (code: string) => tree.get(code);
  return {
    ...u,
    facts: { ...u.facts, lostMost: u.facts.lostMost.map((l) => compact(l, (k, v) => k === 'name' && v === known(l.code)?.name)) as CompactUnitJson['facts']['lostMost'] },
    areas: u.areas.map((a) => compact(a, (k, v) => k !== 'code' && (empty(v) || (k === 'name' && v === known(a.code)?.name) || (k === 'max' && v === known(a.code)?.max)))) as CompactUnitJson['areas'],
    nodes: u.nodes.map((n) => compact(n, (k, v) => k !== 'code' && (empty(v) || (k === 'max' && v === known(n.code)?.max)))) as CompactUnitJson['nodes'],
    leaves: u.leaves.map((l) =>
      compact(l, (k, v) => k !== 'code' && (empty(v) || (k === 'applicable' && v === true) || (k === 'area' && v === known(l.code)?.area) || (k === 'max' && v === known(l.code)?.max))),
    ) as CompactUnitJson['leaves'],
  };
}

function unitText(u: CompactUnitJson): string {
  const fields: string[] = [];
  for (const [key, value] of Object.entries(u)) {
    if (value === undefined) continue;
    const name = JSON.stringify(key);
    if (Array.isArray(value) && value.length > 0) {
      fields.push(`      ${name}: [\n${value.map((x) => `        ${JSON.stringify(x)}`).join(',\n')}\n      ]`);
    } else fields.push(`      ${name}: ${JSON.stringify(value)}`);
  }
  return `    {\n${fields.join(',\n')}\n    }`;
}

function referenceText(results: Results, meta: ResultsMeta): string {
  const json = toResultsJson(results, meta);
  const shell = JSON.stringify({ ...json, units: [] }, null, 2);
  if (json.units.length === 0) return `${shell}\n`;
  const marker = '\n  "units": [],\n';
  const at = shell.indexOf(marker);
  const tree = treeDefaults(json.criteria.tree);
  return `${shell.slice(0, at)}\n  "units": [\n${json.units.map((u) => unitText(compactUnit(u, tree))).join(',\n')}\n  ],\n${shell.slice(at + marker.length)}\n`;
}

/** Chunks of UTF-8 as one text; each chunk is whole UTF-8 on its own. */
const chunksText = (chunks: Iterable<Uint8Array>): string => [...chunks].map((c) => new TextDecoder('utf-8', { fatal: true }).decode(c)).join('');

const written = (results: Results, meta: ResultsMeta): string => chunksText(resultsJsonChunks(results, meta));

/** Two writers for all the pieces below: take() leaves a writer empty for the next. */
const writers = { file: new JsonBytes(), stdout: new JsonBytes(true) };

/** What a JsonBytes writes, as text. */
function bytesText(write: (w: JsonBytes) => void, terminalSafe = false): string {
  const w = terminalSafe ? writers.stdout : writers.file;
  write(w);
  return new TextDecoder('utf-8', { fatal: true }).decode(w.take());
}

const decimalText = (v: Decimal): string => bytesText((w) => w.decimal(v));

/**
 * The text for stdout (terminalSafe), held to what stdout showed before it
 * (the file's text through escapeForTerminal) and to its promise: escaping
 * it again changes nothing. Returns the file's text.
 */
function writtenBoth(results: Results, meta: ResultsMeta): string {
  const file = written(results, meta);
  const safe = chunksText(resultsJsonChunks(results, meta, { terminalSafe: true }));
  expect(safe).toBe(escapeForTerminal(file));
  expect(escapeForTerminal(safe)).toBe(safe);
  return file;
}

// ——— Rounds ———

const work = mkdtempSync(path.join(tmpdir(), 'parscore-writer-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function scored(cwd: string, target: string | undefined, overrides: Record<string, string>, stage: 'self' | 'final' = 'final'): Promise<{ results: Results; meta: ResultsMeta }> {
  const { round, diagnostics } = await loadRound({ cwd, ...(target !== undefined ? { target } : {}), overrides });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const results = scoreRound(round!.input, { stage, ...(round!.previous ? { previous: round!.previous } : {}) });
  return { results, meta: resultsMeta(round!, 'Kết quả "thử"', '9.9.9') };
}

let samples: { results: Results; meta: ResultsMeta };
beforeAll(async () => {
  samples = await scored(ROOT, 'samples/2021', {});
}, 60_000);

describe('the results file, written from the results, is the text the object-by-object writer made', () => {
  it('the sample round (council decisions, not-applicable leaves, a previous round), both stages', async () => {
    expect(samples.results.hasPrevious).toBe(true);
    const text = writtenBoth(samples.results, samples.meta);
    expect(text).toBe(referenceText(samples.results, samples.meta));
    expect(text).toContain('"decisions":[{"score":');
    expect(text).toContain('"applicable":false');
    const self = await scored(ROOT, 'samples/2021', {}, 'self');
    expect(writtenBoth(self.results, self.meta)).toBe(referenceText(self.results, self.meta));
  });

  it.each([
    ['so-nganh-mau.yaml', 40],
    ['tinh-2017.yaml', 25],
  ])('a generated national round: %s × %i units', async (criteria, n) => {
    const dir = path.join(work, `${criteria}-${n}`);
    makeNationalRound(dir, n, criteria);
    const { results, meta } = await scored(dir, undefined, { criteria: path.join(ROOT, 'criteria', criteria), units: 'units.yaml', evidence: 'evidence.csv', survey: 'survey.csv' });
    expect(results.units.length).toBe(n);
    expect(writtenBoth(results, meta)).toBe(referenceText(results, meta));
  });

  it('no units: the shell alone', () => {
    const results: Results = { ...samples.results, units: [], areaStats: [] };
    expect(writtenBoth(results, samples.meta)).toBe(referenceText(results, samples.meta));
  });

  it('hand-made edge cases: texts to escape, odd decimals, no index, a previous round, fields that differ from the tree', () => {
    const { results, meta } = samples;
    const d = (text: string): Decimal => Decimal.parse(text)!;
    const odd = ['-0.25', '0.0000001', '-0.000001', '123456789012345.5', '1234567890123456789012', '0.1234567', '999999999999999', '-999999999999999.9', `1${'0'.repeat(400)}`, '7.000001'];
    const texts = [
      'a "quoted" \\ back\\slash',
      'line\nbreak\ttab\r',
      'nul \u0000 \u001f del \u007f',
      'emoji 😀 and lone \ud800 \udc00 end',
      'U+2028 \u2028 U+2029 \u2029',
      'Tiếng Việt có dấu',
      'C1 \u0085\u009b2J bidi \u202e\u2066\u200f\u061c esc \u001b[31m',
      '',
    ];
    const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;
    const units: UnitResult[] = results.units.map((u, i) => {
      const leaves: LeafResult[] = u.leaves.map((l, j) => {
        const k = i * 31 + j;
        const value = j % 3 === 0 ? d(pick(odd, k)) : l.self;
        return {
          ...l,
          node: j % 11 === 5 ? { ...l.node, areaCode: pick(['9', '', l.node.areaCode], k) } : l.node,
          self: value,
          final: j % 4 === 0 ? null : value,
          points: j % 5 === 0 ? null : value,
          input: {
            ...l.input,
            ...(j % 7 === 3 ? { applicable: false, naReason: pick(texts, k) } : {}),
            ...(j % 6 === 1 ? { max: d(pick(['2.5', '0', '1', '0.0000001'], k)) } : {}),
            option: pick([...texts, undefined], k),
            measure: j % 2 === 0 ? pick(texts, k + 1) : undefined,
            evidence: pick(texts, k + 2),
            note: pick(texts, k + 3),
            reason: pick(texts, k + 4),
            decisions: j % 9 === 2 ? [{ score: d(pick(odd, k)), reason: pick(texts, k), round: 2 as const, at: l.input.decisions[0]?.at ?? { file: 'a.xlsx' } }] : l.input.decisions,
            settled: j % 8 === 4 ? ['self-invalid', 'quote"d'] : l.input.settled,
          },
        } as LeafResult;
      });
      const nodes = new Map([...u.nodes].map(([code, n], j) => [code, j % 5 === 1 ? { ...n, points: null } : j % 5 === 2 ? { ...n, max: d(pick(odd, i + j)), self: d('-3.5') } : n]));
      nodes.set('9.9', { ...u.nodes.values().next().value!, code: '9.9' });
      return {
        ...u,
        unit: { ...u.unit, name: pick(texts, i) },
        index: i % 3 === 0 ? null : u.index,
        rank: i % 3 === 0 ? null : u.rank,
        class: i % 3 === 0 ? null : u.class,
        points: d(pick(odd, i)),
        bonus: d('0.5'),
        penalty: d(pick(odd, i + 1)),
        previous: i % 2 === 0 ? { code: u.unit.code, name: 'x', rank: 3, index: d('87.125') } : null,
        rankChange: i % 2 === 0 ? -2 : null,
        status: i % 4 === 1 ? 'final' : u.status,
        submission: i % 5 === 2 ? 'not-submitted' : u.submission,
        areas: u.areas.map((a, j) => ({
          ...a,
          name: pick([a.name, '', 'Lĩnh vực "khác"'], i + j),
          max: j === 1 ? d('12.75') : a.max,
          rank: j === 2 ? null : a.rank,
          index: j === 3 ? null : j === 4 ? Ratio.of(2n, 3n) : a.index,
        })),
        nodes,
        leaves,
        facts: {
          ...u.facts,
          weakestArea: i % 2 === 0 ? null : u.facts.weakestArea,
          lostMost: [...u.facts.lostMost, { code: '1', name: 'not the tree\'s "name"', lost: d('-1.5') }, { code: '404', name: '', lost: d('0.0000001') }],
        },
      };
    });
    const edge: Results = {
      ...results,
      units,
      draft: true,
      unscored: [{ unit: { ...results.units[0]!.unit, code: 'X"1' }, errors: 3 }],
      exempt: [results.units[1]!.unit],
      gone: [{ code: 'OLD', name: 'Sở "cũ"\n', rank: 9, index: d('50') }],
    };
    const text = writtenBoth(edge, meta);
    expect(text).toBe(referenceText(edge, meta));
    // The file keeps C1 and bidi characters as they are; stdout's text has them as \uXXXX (writtenBoth).
    expect(text).toContain('\u202e');
    for (const s of ['1e-7', '1.2345678901234568e+21', '"notApplicableReason":', '\\ud800', '"max":null', '"name":""', '"settled":["self-invalid","quote\\"d"]', '{"code":"9.9"', '"index":66.67'])
      expect(text).toContain(s);
    // Without a previous round no unit is new.
    expect(writtenBoth({ ...edge, hasPrevious: false }, meta)).toBe(referenceText({ ...edge, hasPrevious: false }, meta));
  });
});

describe('pieces of the text', () => {
  it('a Decimal is written as JSON.stringify writes its toNumber(), at any scale and size', () => {
    const arbitrary = fc.tuple(fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }), fc.integer({ min: 0, max: 12 }));
    fc.assert(
      fc.property(arbitrary, ([units, scale]) => {
        const v = Decimal.of(units, scale);
        expect(decimalText(v)).toBe(JSON.stringify(v.toNumber()));
      }),
      { seed: 16, numRuns: 20_000 },
    );
    // Around the edges of the digit path: 10^15 units, 6 decimals, and whole numbers.
    for (const text of [
      '999999999999999',
      '1000000000000000',
      '-999999999999999',
      '-1000000000000000',
      '0.000001',
      '-0.000001',
      '0.0000001',
      '99999999.999999',
      '0',
      '-0',
      '0.5',
      '-7',
      '100',
      '0.05',
      '-0.05',
      '10.25',
      '999999999.999999',
      '-999999999.999999',
      '1000000000.000001',
      '99999999999999.9',
      '100000000000000.1',
      '99999999.9999999',
      `${2 ** 53}`,
      `${2 ** 53 + 1}`,
      `1${'0'.repeat(21)}`,
    ]) {
      const v = Decimal.parse(text)!;
      expect(decimalText(v), text).toBe(JSON.stringify(v.toNumber()));
    }
  });

  it('a string is written as JSON.stringify writes it: quotes, backslashes, controls and lone surrogates escaped', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(jsonString(s)).toBe(JSON.stringify(s));
        // As bytes: short strings are encoded by hand, long ones (64 and more) by TextEncoder.
        for (const t of [s, s.repeat(70)]) expect(bytesText((w) => w.string(t))).toBe(JSON.stringify(t));
      }),
      { seed: 16, numRuns: 20_000 },
    );
    for (const s of ['', 'plain', '"', '\\', '\u0000', '\u001f', ' \u007f', '\u2028', '😀', '\ud83d', '\ude00x', 'Đơn vị', '\u07ff\u0800\uffff', '𝄞a😀']) {
      expect(jsonString(s), s).toBe(JSON.stringify(s));
      expect(
        bytesText((w) => w.string(s)),
        s,
      ).toBe(JSON.stringify(s));
    }
  });

  it('text is written as UTF-8 as Buffer writes it, a lone surrogate as U+FFFD', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        writers.file.utf8(s);
        expect(Buffer.from(writers.file.take())).toEqual(Buffer.from(s, 'utf8'));
      }),
      { seed: 16, numRuns: 20_000 },
    );
  });

  it('a number is written as JSON.stringify writes it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double(), fc.nat()), (n) => {
        expect(bytesText((w) => w.number(n))).toBe(JSON.stringify(n));
      }),
      { seed: 16, numRuns: 20_000 },
    );
    for (const n of [0, -0, 1, 9, 10, 2 ** 31 - 1, 2 ** 31, -1, 0.5, 1e21, NaN, Infinity])
      expect(
        bytesText((w) => w.number(n)),
        String(n),
      ).toBe(JSON.stringify(n));
  });

  it('a chunk grows for a unit larger than its spare room, and nothing written is lost', () => {
    const w = new JsonBytes();
    const big = 'ạ'.repeat(500_000);
    w.ascii('[');
    w.string(big);
    w.ascii(']');
    expect(w.full).toBe(true);
    expect(new TextDecoder().decode(w.take())).toBe(`["${big}"]`);
    expect(w.take()).toHaveLength(0);
  });

  it('a string for stdout is escapeForTerminal of JSON.stringify: every UTF-16 code unit, and any string', () => {
    // Every code unit alone and amid plain text: the fast path (quotes only) must never skip one escapeForTerminal would escape.
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}b`]) {
        expect(terminalSafeJsonString(s), `U+${c.toString(16)}`).toBe(escapeForTerminal(JSON.stringify(s)));
        expect(
          bytesText((w) => w.string(s), true),
          `U+${c.toString(16)}`,
        ).toBe(escapeForTerminal(JSON.stringify(s)));
      }
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = terminalSafeJsonString(s);
        expect(out).toBe(escapeForTerminal(JSON.stringify(s)));
        expect(escapeForTerminal(out)).toBe(out);
        expect(JSON.parse(out)).toBe(s);
      }),
      { seed: 16, numRuns: 20_000 },
    );
  });

  it('for any texts in a round, the JSON for stdout is its own escapeForTerminal and the file text escaped', () => {
    const { results, meta } = samples;
    const u = results.units[0]!;
    const l = u.leaves[0]!;
    const anyText = fc.string({ unit: fc.oneof(fc.constantFrom('\u001b', '[', 'm', '\u0085', '\u202e', '\u2069', '\u007f', '"', '\n', '\ud800'), fc.string({ unit: 'binary', maxLength: 1 })) });
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 6, maxLength: 6 }), ([name, evidence, note, reason, title, code]) => {
        const leaf: LeafResult = { ...l, input: { ...l.input, evidence: evidence!, note: note!, reason: reason! } };
        const unit: UnitResult = { ...u, unit: { ...u.unit, name: name!, code: code! }, leaves: [leaf, ...u.leaves.slice(1)] };
        writtenBoth({ ...results, units: [unit] }, { ...meta, title: title! });
      }),
      { seed: 16, numRuns: 300 },
    );
  });

  it('unit totals (running sums reused unit after unit) are the Decimal sums of the applicable area leaves, stage by stage', () => {
    const sum = (xs: (Decimal | null)[]): Decimal => xs.reduce<Decimal>((a, x) => (x === null ? a : a.add(x)), Decimal.ZERO);
    const huge = Decimal.parse(`9${'9'.repeat(20)}.5`)!;
    const units = samples.results.units.flatMap((u) => [u, { ...u, leaves: u.leaves.map((l, j) => (j % 3 === 0 ? { ...l, self: huge, final: huge, survey: huge } : l)) }]);
    for (const u of units) {
      const counted = u.leaves.filter((l) => l.input.applicable && l.node.part === 'area');
      const survey = counted.filter((l) => l.node.rule?.kind === 'survey');
      const other = counted.filter((l) => l.node.rule?.kind !== 'survey');
      const t = unitTotals(u);
      expect(t.self.eq(sum(other.map((l) => l.self))), u.unit.code).toBe(true);
      expect(t.survey.eq(sum(survey.map((l) => l.survey)))).toBe(true);
      const appraised = u.status === 'final' || other.some((l) => l.appraised !== null);
      expect(t.appraised === null ? null : t.appraised.toString()).toBe(appraised ? sum(other.map((l) => l.final)).toString() : null);
    }
  });

  it('large files come in chunks of about 1 MB, not a chunk a unit', async () => {
    const dir = path.join(work, 'chunks');
    makeNationalRound(dir, 300);
    const { results, meta } = await scored(dir, undefined, { criteria: path.join(ROOT, 'criteria', 'so-nganh-mau.yaml'), units: 'units.yaml', evidence: 'evidence.csv', survey: 'survey.csv' });
    const chunks = [...resultsJsonChunks(results, meta)];
    const total = chunks.reduce((n, c) => n + c.length, 0);
    // Head, units in batches, tail: far fewer chunks than units, none much above 1 MB.
    expect(total).toBeGreaterThan(3 * 2 ** 20);
    expect(chunks.length).toBeLessThan(10);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(c.length).toBeLessThan(2 ** 20 + 40_000);
  }, 60_000);
});
