// Mutations of YAML files, line by line: the everyday mistakes of issue 15
// and YAML's corners. Shared by the tests of the two fast YAML paths
// (criteria-quick, yaml-plain), which must agree with the precise parser
// on every one of them.
import fc from 'fast-check';

/** Edits of one line: the everyday mistakes of issue 15 and YAML's corners. */
const lineEdit = fc.oneof(
  fc.constant((l: string) => l.replace(/max: ([\d.]+)/, 'max: $1 ')),
  fc.constant((l: string) => l.replace(/max: ([\d.]+)/, 'max: !!float $1')),
  fc.constant((l: string) => l.replace(/max: ([\d.]+)/, 'max: !!str $1')),
  fc.constant((l: string) => l.replace(/max: (\d+)/, 'max: $1,5')),
  fc.constant((l: string) => l.replace(/points: (\d+)/, 'points: $1,5')),
  fc.constant((l: string) => l.replace(/points: ([\d.]+)/, 'points: 0.0$1')),
  fc.constant((l: string) => l.replace(/(gte?|lte?): (\d+)/, '$1: 0.$2')),
  fc.constant((l: string) => l.replace(/max: [\d.]+/, 'max: 1e400')),
  fc.constant((l: string) => l.replace(/code: "([\d.]+)"/, 'code: $1')),
  fc.constant((l: string) => l.replace(/: /, ':  ')),
  fc.constant((l: string) => l.replace(/: /, ':\u00a0')),
  fc.constant((l: string) => l.replace(/^ /, '\u00a0')),
  fc.constant((l: string) => l.replace(/: .*$/, ':')),
  fc.constant((l: string) => l.replace(/name/, 'nmae')),
  fc.constant((l: string) => ` ${l}`),
  fc.constant((l: string) => `  ${l}`),
  fc.constant((l: string) => `\t${l.trimStart()}`),
  fc.constant((l: string) => l.replace(/name: /, 'name: &a ')),
  fc.constant((l: string) => l.replace(/name: .*/, 'name: *a')),
  fc.constant((l: string) => l.replace(/^(\s*)(\w+):/, '$1<<: { x: 1 }\n$1$2:')),
  fc.constant((l: string) => l.replace(/label: ([^,]+),/, 'label: "$1",')),
  fc.constant((l: string) => l.replace(/"/g, "'")),
  fc.constant((l: string) => l.replace(/precision: \d/, 'precision: -1')),
  fc.constant((l: string) => l.replace(/year: \d+/, 'year: 2024-01-01')),
  fc.constant((l: string) => l.replace(/max: [\d.]+/, 'max: 0x10')),
  fc.constant((l: string) => l.replace(/max: [\d.]+/, 'max: .inf')),
  fc.constant((l: string) => l.replace(/name: (.*)/, 'name: "$1\\u00e9"')),
  fc.constant((l: string) => l.replace(/name: (.*)/, 'name: >-\n    $1')),
  fc.constant((l: string) => `${l} # chú thích`),
  fc.constant((l: string) => `${l}\n---`),
  fc.constant(() => ''),
  fc.constant((l: string) => l.replace(/, /, ',')),
  fc.constant((l: string) => l.replace(/ \}$/, '')),
  fc.constant((l: string) => l.replace(/name: ([^,}]+)/, 'name: $1, Hà Nội')),
  fc.constant((l: string) => l.replace(/name: ([^,}]+)/, "name: '$1'")),
  fc.constant((l: string) => l.replace(/- /, '-   ')),
  fc.constant((l: string) => l.replace(/- /, '- - ')),
  fc.constant((l: string) => `${l}\n${l}`),
  fc.string({ maxLength: 4 }).map((s) => (l: string) => l + s),
  fc.string({ maxLength: 4 }).map((s) => (l: string) => s + l),
);

/** Mutates a file: up to three line edits, and sometimes CR-only or CRLF line ends. */
export function mutated(text: string) {
  const lines = text.split('\n');
  return fc.tuple(fc.array(fc.tuple(fc.nat({ max: lines.length - 1 }), lineEdit), { minLength: 1, maxLength: 3 }), fc.constantFrom('\n', '\r\n', '\r')).map(([edits, eol]) => {
    const copy = [...lines];
    for (const [i, edit] of edits) copy[i] = edit(copy[i]!);
    return copy.join('\n').replace(/\n/g, eol);
  });
}
