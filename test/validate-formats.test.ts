// Whole-output tests of each diagnostics format, on a file with one error
// (children of "1" add up to 4 + 1 = 5, not 6: line 9, value at col 10) and
// one warning (no option of "1.1" gives its 4 points: `options:` key at 16:11).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const cwd = path.join(import.meta.dirname, 'fixtures', 'formats');
const file = 'two-problems.yaml';

describe('validate output formats', () => {
  it('stylish, Vietnamese', async () => {
    const r = await run(['validate', file], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'two-problems.yaml',
        '   9:10  lỗi       Tổng điểm tối đa của 2 mục con là 5, khác điểm tối đa 6 của "1". Các mục con: 1.1: 4; 1.2: 1.  sum-mismatch',
        '  16:11  cảnh báo  Không lựa chọn nào của "1.1" cho đủ điểm tối đa 4: không đơn vị nào đạt điểm tối đa mục này.  option-never-max',
        '',
        '✖ 2 vấn đề (1 lỗi, 1 cảnh báo)',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
  });

  it('stylish, English', async () => {
    const r = await run(['validate', file, '--lang', 'en'], { cwd });
    expect(r.stdout).toBe(
      [
        'two-problems.yaml',
        '   9:10  error    The maxima of the 2 children add up to 5, not to the maximum 6 of "1". Children: 1.1: 4; 1.2: 1.  sum-mismatch',
        '  16:11  warning  No option of "1.1" gives its full 4 points: no unit can reach the maximum here.  option-never-max',
        '',
        '✖ 2 problems (1 error, 1 warning)',
        '',
      ].join('\n'),
    );
  });

  it('PARSCORE_LANG chooses the language; --lang wins over it', async () => {
    const en = await run(['validate', file], { cwd, env: { PARSCORE_LANG: 'en' } });
    expect(en.stdout).toContain('✖ 2 problems');
    const vi = await run(['validate', file, '--lang=vi'], { cwd, env: { PARSCORE_LANG: 'en' } });
    expect(vi.stdout).toContain('✖ 2 vấn đề');
  });

  it('github annotations', async () => {
    const r = await run(['validate', file, '--format', 'github', '--lang', 'en'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      // Paths are relative to the repository root (the folder with .git), not to the working folder.
      '::error file=test/fixtures/formats/two-problems.yaml,line=9,col=10,endLine=9,endColumn=11,title=parscore sum-mismatch::The maxima of the 2 children add up to 5, not to the maximum 6 of "1". Children: 1.1: 4; 1.2: 1.\n' +
        '::warning file=test/fixtures/formats/two-problems.yaml,line=16,col=11,endLine=16,endColumn=18,title=parscore option-never-max::No option of "1.1" gives its full 4 points: no unit can reach the maximum here.\n' +
        '2 problems (1 error, 1 warning), 1 file checked.\n',
    );
  });

  it('github: a missing key points at the mapping that lacks it (where it begins), not at every line the mapping spans', async () => {
    // no-total.yaml has no `total:`: the top-level mapping begins at 1:1 and spans the whole file.
    // criteria/missing-key: criterion "1.2" (the mapping `- code: "1.2"` at 19:9, two lines) has no `max:`.
    const r = await run(['validate', file.replace('two-problems', 'no-total'), '../criteria/missing-key/criteria.yaml', '--format', 'github', '--lang', 'en'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      '::error file=test/fixtures/criteria/missing-key/criteria.yaml,line=19,col=9,title=parscore missing-key::Missing required key "max".\n' +
        '::error file=test/fixtures/formats/no-total.yaml,line=1,col=1,title=parscore missing-key::Missing required key "total".\n' +
        '2 problems (2 errors, 0 warnings), 2 files checked.\n',
    );
  });

  it('json', async () => {
    const r = await run(['validate', file, '--format', 'json', '--lang', 'en'], { cwd });
    expect(JSON.parse(r.stdout)).toEqual([
      {
        file: 'two-problems.yaml',
        line: 9,
        column: 10,
        endLine: 9,
        endColumn: 11,
        sheet: null,
        cell: null,
        severity: 'error',
        code: 'sum-mismatch',
        message: 'The maxima of the 2 children add up to 5, not to the maximum 6 of "1". Children: 1.1: 4; 1.2: 1.',
      },
      {
        file: 'two-problems.yaml',
        line: 16,
        column: 11,
        endLine: 16,
        endColumn: 18,
        sheet: null,
        cell: null,
        severity: 'warning',
        code: 'option-never-max',
        message: 'No option of "1.1" gives its full 4 points: no unit can reach the maximum here.',
      },
    ]);
  });

  it('junit', async () => {
    const r = await run(['validate', file, '../../../criteria/tinh-2017.yaml', '--format', 'junit', '--lang', 'en'], { cwd });
    expect(r.code).toBe(1);
    // Times vary from run to run: each must be seconds with three decimals.
    const times = [...r.stdout.matchAll(/time="([^"]*)"/g)].map((m) => m[1]);
    expect(times.length).toBe(6); // the whole run, two suites, three test cases
    for (const t of times) expect(t).toMatch(/^\d+\.\d{3}$/);
    // Test names carry no line:col, so moving a line keeps the same test in CI history.
    expect(r.stdout.replace(/time="[^"]*"/g, 'time="T"')).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="parscore validate" tests="3" failures="1" errors="0" time="T">',
        '  <testsuite name="two-problems.yaml" tests="2" failures="1" errors="0" time="T">',
        '    <testcase classname="two-problems.yaml" name="sum-mismatch: The maxima of the 2 children add up to 5, not to the maximum 6 of &quot;1&quot;. Children: 1.1: 4; 1.2: 1." time="T">',
        '      <failure type="sum-mismatch" message="two-problems.yaml:9:10 The maxima of the 2 children add up to 5, not to the maximum 6 of &quot;1&quot;. Children: 1.1: 4; 1.2: 1.">two-problems.yaml:9:10 The maxima of the 2 children add up to 5, not to the maximum 6 of &quot;1&quot;. Children: 1.1: 4; 1.2: 1.</failure>',
        '    </testcase>',
        '    <testcase classname="two-problems.yaml" name="option-never-max: No option of &quot;1.1&quot; gives its full 4 points: no unit can reach the maximum here." time="T">',
        '      <system-out>two-problems.yaml:16:11 warning: No option of &quot;1.1&quot; gives its full 4 points: no unit can reach the maximum here.</system-out>',
        '    </testcase>',
        '  </testsuite>',
        '  <testsuite name="../../../criteria/tinh-2017.yaml" tests="1" failures="0" errors="0" time="T">',
        '    <testcase classname="../../../criteria/tinh-2017.yaml" name="parscore validate" time="T"/>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });

  it('--max-warnings turns warnings into a failure only past the limit', async () => {
    const cleanish = path.join('..', 'criteria', 'option-never-max', 'criteria.yaml');
    expect((await run(['validate', cleanish], { cwd })).code).toBe(0);
    expect((await run(['validate', cleanish, '--max-warnings', '1'], { cwd })).code).toBe(0);
    const over = await run(['validate', cleanish, '--max-warnings', '0'], { cwd });
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('Có 1 cảnh báo, vượt quá giới hạn --max-warnings 0.\n');
  });

  it('colours only when asked for a terminal and NO_COLOR is unset', async () => {
    const esc = '\u001b[';
    expect((await run(['validate', file], { cwd, tty: true })).stdout).toContain(esc);
    expect((await run(['validate', file], { cwd, tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(esc);
    expect((await run(['validate', file, '--no-color'], { cwd, tty: true })).stdout).not.toContain(esc);
    expect((await run(['validate', file], { cwd, tty: false })).stdout).not.toContain(esc);
  });
});

describe('junit stays valid XML and keeps test names across line moves', () => {
  it('characters XML cannot carry are replaced, and a moved finding keeps its test name', async () => {
    const { formatDiagnostics } = await import('../src/report/diagnostics.js');
    const at = (line: number) =>
      formatDiagnostics('junit', [{ code: 'empty-name', severity: 'error', file: 'a\u0001b.yaml', location: { line, column: 3 }, params: { code: 'x\ud800y\u0007"<&>' } }], { lang: 'en', files: [] });
    const out = at(4);
    // No C0 control (other than tab/LF/CR), no lone surrogate, no U+FFFE/U+FFFF anywhere.
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    // Controls are shown as \uXXXX (as every format shows them); the lone surrogate, which XML cannot carry at all, is dropped.
    expect(out).toContain('name="empty-name: The name of &quot;xy\\u0007&quot;&lt;&amp;&gt;&quot; is empty." time="0.000"');
    const name = (xml: string) => /<testcase [^>]*name="([^"]*)"/.exec(xml)![1];
    expect(name(at(40))).toBe(name(out));
    expect(at(40)).toContain('a\\u0001b.yaml:40:3');
  });
});
