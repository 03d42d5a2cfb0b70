// The fast reader of plain YAML (src/yaml/plain.ts) may decline anything;
// whatever it accepts it must read exactly as the `yaml` library does
// (YAML 1.2 core schema, the options parseYamlSource uses), and the
// library must find nothing wrong with it. Checked on the real files, on
// generated documents that mix the subset with YAML's corners, and on
// thousands of mutations of real files.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readPlainYaml } from '../src/yaml/plain.js';
import { loadUnits } from '../src/units/index.js';
import { ROOT } from './helpers.js';
import { mutated } from './yaml-mutations.js';

let accepted = 0;

/** The property: declined, or read as the precise parser reads it, with no error or warning there. */
function agree(text: string): void {
  const plain = readPlainYaml(text);
  if (plain === undefined) return;
  accepted++;
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true, merge: true });
  expect(doc.errors, text).toEqual([]);
  expect(doc.warnings, text).toEqual([]);
  expect(plain, text).toStrictEqual(doc.toJS());
}

const realFiles = [
  ...readdirSync(path.join(ROOT, 'criteria'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => path.join(ROOT, 'criteria', f)),
  ...['units.yaml', 'parscore.yaml'].map((f) => path.join(ROOT, 'samples', '2021', f)),
].map((f) => [path.relative(ROOT, f), readFileSync(f, 'utf8')] as const);

/** Plain scalars, good and bad: text, Vietnamese, YAML's other types and indicators, characters that end a scalar. */
const scalarText = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('U1', 'code', 'name', 'tags', 'Sở Tư pháp', 'Ban Dân tộc', '1', '0.25', '-3', 'true') },
  fc.constantFrom('U1', 'Sở Tư pháp', 'Đơn vị số 1', 'Hoàn thành 100% kế hoạch', '100% TTHC', '../criteria/a.yaml', 'C#', 'a #b', 'A & B', 'http://x.vn', '12:30', 'yes', 'on'),
  fc.constantFrom('1', '-2', '0.5', '1.10', '01', '1e3', '0x1F', '0o17', '.5', '+3', '.inf', '-.inf', '.nan', '1_000', '1.1.1', '12345678901234567'),
  fc.constantFrom('true', 'False', 'TRUE', 'null', 'Null', '~', ''),
  fc.constantFrom('-a', '- a', '?a', ':a', 'a:', 'a: b', '[a', '{a', 'a,b', 'a]', '&a', '*a', '!a', '|', '>', '%a', '@a', '`a', "'a", '"a', 'a"b', "a'b", 'a\\b'),
  fc.constantFrom('a\u00a0b', '\u00a0a', 'a\u00a0', 'a\tb', 'a\u2028b', 'a\u0085b', '<<', '__proto__', 'a  b', ' a', 'a '),
  fc.string({ maxLength: 6 }),
);

/** A scalar as written: plain, double-quoted or single-quoted. */
const scalar = fc.tuple(scalarText, fc.constantFrom('plain', 'plain', 'double', 'single')).map(([s, style]) => (style === 'double' ? `"${s}"` : style === 'single' ? `'${s.replace(/'/g, "''")}'` : s));

/** Keys: mostly distinct words, sometimes any scalar (duplicates, numbers, indicators). */
const key = fc.oneof({ weight: 6, arbitrary: fc.tuple(fc.constantFrom('code', 'name', 'tên', 'U'), fc.nat({ max: 999 })).map(([k, i]) => `${k}${i}`) }, scalar);

/** A flow collection on one line. */
const flow: fc.Arbitrary<string> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('seq')),
  map: fc.array(fc.tuple(key, tie('node'), fc.constantFrom(': ', ': ', ': ', ':', ' : ', ':  ')), { maxLength: 3 }).map((pairs) => `{${pairs.map(([k, v, sep]) => ` ${k}${sep}${v}`).join(',')} }`),
  seq: fc.array(tie('node'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
})).node as fc.Arbitrary<string>;

/** A block mapping (or sequence) at an indent, as lines; what a key or a dash holds is written on its line or nested below it. */
const block = (indent: number, depth: number, kind: 'map' | 'seq'): fc.Arbitrary<string[]> => {
  const pad = ' '.repeat(indent);
  const inline = fc.oneof(scalar, flow);
  const comment = fc.constantFrom('', '', ' # chú thích', '  #x');
  const below = (at: number, underKey: boolean): fc.Arbitrary<{ inline?: string; lines?: string[] }> => {
    const nested = fc.tuple(fc.constantFrom(1, 2, 4), fc.constantFrom<'map' | 'seq'>('map', 'seq')).chain(([step, k]) => block(at + step, depth + 1, k));
    const options = [inline.map((v) => ({ inline: v })), nested.map((lines) => ({ lines }))];
    // Under a key, a sequence may also sit at the key's own indent.
    if (underKey) options.push(block(at, depth + 1, 'seq').map((lines) => ({ lines })));
    return depth >= 3 ? inline.map((v) => ({ inline: v })) : fc.oneof(...options);
  };
  if (kind === 'map') {
    return fc
      .array(fc.tuple(key, below(indent, true), comment), { minLength: 1, maxLength: 4 })
      .map((pairs) => pairs.flatMap(([k, v, c]) => (v.inline !== undefined ? [`${pad}${k}: ${v.inline}${c}`] : [`${pad}${k}:${c}`, ...v.lines!])));
  }
  return fc.array(fc.tuple(below(indent, false), comment, fc.boolean()), { minLength: 1, maxLength: 4 }).map((items) =>
    items.flatMap(([v, c, compact]) => {
      if (v.inline !== undefined) return [`${pad}- ${v.inline}${c}`];
      const [first, ...rest] = v.lines!;
      // A nested mapping two columns in may start on the dash's own line (`- code: U1`).
      const twoIn = first!.startsWith(`${pad}  `) && first![indent + 2] !== ' ' && !first!.trimStart().startsWith('-');
      return compact && twoIn ? [`${pad}- ${first!.trimStart()}`, ...rest] : [`${pad}-${c}`, ...v.lines!];
    }),
  );
};

/** Whole documents: a mapping at the top, sometimes with blank and comment lines or CRLF ends. */
const documents = fc
  .tuple(block(0, 0, 'map'), fc.array(fc.tuple(fc.nat(), fc.constantFrom('', '# chú thích', '   ', '---', '...')), { maxLength: 2 }), fc.constantFrom('\n', '\r\n'))
  .map(([lines, extras, eol]) => {
    const out = [...lines];
    for (const [at, extra] of extras) out.splice(at % (out.length + 1), 0, extra);
    return `${out.join(eol)}${eol}`;
  });

describe('the plain YAML reader', () => {
  it('reads every real criteria set, units file and round file, as yaml does', () => {
    for (const [file, text] of realFiles) {
      expect(readPlainYaml(text), file).toBeDefined();
      agree(text);
    }
  });

  it('reads a national units file in both styles, as yaml does', () => {
    const flowStyle = `units:\n${Array.from({ length: 500 }, (_, i) => `  - { code: U${i + 1}, name: Đơn vị số ${i + 1} } # ${i}`).join('\n')}\n`;
    const blockStyle = `# Danh sách đơn vị\nunits:\n${Array.from({ length: 500 }, (_, i) => `- code: 'U${i + 1}'\n  name: "Đơn vị số ${i + 1}"\n  tags: [huyen, 'ven biển']\n  notApplicable:\n    - code: "1.1.1"\n      reason: Không có\n`).join('')}`;
    for (const text of [flowStyle, blockStyle]) {
      expect(readPlainYaml(text)).toBeDefined();
      agree(text);
    }
  });

  it.each([
    ['a tab', 'a:\tb\n'],
    ['an empty value', 'a:\nb: c\n'],
    ['a null', 'a: null\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a merge key', 'a: { x: 1 }\n<<: { y: 2 }\n'],
    ['an anchor', 'a: &x 1\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a folded plain scalar', 'a: one\n  two\n'],
    ['an escape in double quotes', 'a: "x\\ty"\n'],
    ['a quote left open', "a: 'x\n"],
    ['a flow mapping over two lines', 'a: { x: 1,\n  y: 2 }\n'],
    ['a decimal comma in a flow mapping', 'a: { label: Chậm, points: 0,5 }\n'],
    ['a trailing comma', 'a: [1, 2, ]\n'],
    ['a comment inside a flow mapping', 'a: { x: b #c }\n'],
    ['a colon inside a flow value', 'a: { x: b:c }\n'],
    ['a comma in a unit name', 'units:\n  - { code: SLDTBXH, name: Sở Lao động, Thương binh và Xã hội }\n'],
    ['a hexadecimal number', 'a: 0x1F\n'],
    ['a date', 'a: 2024-01-01\n'],
    ['a document marker', '---\na: 1\n'],
    ['a CR alone', 'a: 1\rb: 2\n'],
    ['a byte-order mark', '\ufeffa: 1\n'],
    ['a sequence at the top', '- a\n- b\n'],
    ['a scalar at the top', 'a\n'],
    ['nothing', '# only a comment\n'],
    ['nesting deeper than the limit', `${Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`],
  ])('declines %s', (_name, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });

  it('keeps a no-break space that is text, as yaml does', () => {
    agree('name: Sở\u00a0Tư pháp\u00a0\n');
    expect(readPlainYaml('name: Sở\u00a0Tư pháp\u00a0\n')).toEqual({ name: 'Sở\u00a0Tư pháp\u00a0' });
  });

  it('agrees with yaml on generated documents (property)', () => {
    accepted = 0;
    fc.assert(
      fc.property(documents, (text) => agree(text)),
      { seed: 16, numRuns: 4000 },
    );
    // The property would be empty if every document were declined.
    expect(accepted).toBeGreaterThan(300);
  });

  it('agrees with yaml on mutations of the real files (property)', () => {
    accepted = 0;
    fc.assert(
      fc.property(fc.constantFrom(...realFiles.map(([, text]) => text)).chain(mutated), (text) => agree(text)),
      { seed: 17, numRuns: 500 },
    );
    expect(accepted).toBeGreaterThan(100);
  });

  it('a units file read quickly still locates its problems: the same findings as the full parser', () => {
    // A duplicate code and an unknown format, found after reading: located through the syntax tree parsed on demand.
    const text = 'units:\n  - { code: U1, name: Một }\n  - { code: U1, name: Hai }\n  - { code: "U 3", name: Ba }\n';
    expect(readPlainYaml(text)).toBeDefined();
    const { diagnostics } = loadUnits('units.yaml', text);
    expect(diagnostics.map((d) => [d.code, d.location?.line, d.location?.column])).toEqual([
      ['duplicate-unit', 3, 13],
      ['unit-code-format', 4, 13],
    ]);
  });
});
