// The built binary, as users and CI run it: exit codes, located messages,
// never a stack trace.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run, spawnBin } from './helpers.js';

const STACK = /\n\s+at /;
const fixture = (name: string): string => path.join('test', 'fixtures', 'criteria', name, 'criteria.yaml');

describe('parscore (built binary)', () => {
  beforeAll(() => {
    // `npm test` builds before vitest runs; fail clearly if someone skipped it.
    expect(() => readFileSync(path.join(ROOT, 'dist', 'cli', 'main.js'))).not.toThrow();
  });

  it('validates the real criteria sets', () => {
    const r = spawnBin(['validate', 'criteria/so-nganh-mau.yaml', 'criteria/tinh-2017.yaml']);
    expect(r.stdout).toBe('✔ Không có vấn đề nào (2 tệp).\n');
    expect(r.code).toBe(0);
  });

  it('expands * itself, for shells that do not (Windows)', () => {
    const r = spawnBin(['validate', 'criteria/*.yaml', '--lang', 'en']);
    expect(r.stdout).toBe('✔ No problems (3 files).\n');
    expect(r.code).toBe(0);
  });

  it('a missing file: exit 2, named', () => {
    const r = spawnBin(['validate', 'khong-co.yaml']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('khong-co.yaml');
    expect(r.stdout).toContain('Không tìm thấy tệp "khong-co.yaml".');
    expect(r.stdout + r.stderr).not.toMatch(STACK);
  });

  it('a folder given as a file: exit 2', () => {
    const r = spawnBin(['validate', 'criteria', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('"criteria" is a folder, not a file.');
  });

  it('a YAML syntax error: exit 2, with line and column', () => {
    const r = spawnBin(['validate', fixture('yaml-syntax')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('13:1  lỗi       Lỗi cú pháp YAML: dùng phím Tab để thụt lề (hãy dùng dấu cách)');
    expect(r.stdout + r.stderr).not.toMatch(STACK);
  });

  it('a file that is not UTF-8: exit 2', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parscore-'));
    const file = path.join(dir, 'latin1.yaml');
    writeFileSync(file, Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xe9, 0x0a]));
    const r = spawnBin(['validate', file, '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('The file is not UTF-8 text.');
  });

  it('errors in the file: exit 1, all of them', () => {
    const r = spawnBin(['validate', fixture('unknown-key'), fixture('sum-mismatch')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('20:9');
    expect(r.stdout).toContain('Có phải ý bạn là "name"?');
    expect(r.stdout).toContain('9:10');
    // `nmae:` is one finding (unknown key, suggesting "name"), plus one sum-mismatch.
    expect(r.stdout).toContain('✖ 2 vấn đề (2 lỗi, 0 cảnh báo)');
  });

  it('--version and --help', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const v = spawnBin(['--version']);
    expect(v.stdout.trim()).toBe(pkg.version);
    expect(v.code).toBe(0);
    const h = spawnBin(['validate', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('Cách dùng: parscore validate');
    expect(h.stdout).toContain('Ví dụ:');
    const en = spawnBin(['validate', '--help', '--lang', 'en']);
    expect(en.stdout).toContain('Usage: parscore validate');
    expect(en.stdout).toContain('Examples:');
  });
});

describe('usage errors exit 2 with a readable message', () => {
  it.each([
    [['validate'], 'Lệnh không đúng: thiếu tham số files'],
    [['validate', 'x.yaml', '--format', 'xml'], 'Lệnh không đúng: giá trị "xml" không hợp lệ; dùng một trong: stylish, json, github, junit, sarif'],
    [['validate', 'x.yaml', '--max-warnings', 'nhiều'], 'Lệnh không đúng: "nhiều" không phải số nguyên không âm'],
    [['validate', 'x.yaml', '--bogus'], 'Lệnh không đúng: không có tùy chọn "--bogus"'],
    [['kiemtra'], 'Lệnh không đúng: không có lệnh "kiemtra"'],
    [['validate', 'x.yaml', '--lang', 'fr'], 'Lệnh không đúng: ngôn ngữ "fr" không có; dùng vi hoặc en'],
    [['validate', 'khong-co/*.yaml'], 'Lệnh không đúng: không có tệp nào khớp với khong-co/*.yaml (dùng --no-error-on-unmatched-pattern nếu đó là chủ ý)'],
  ])('%j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(message);
    expect(r.stderr).not.toMatch(STACK);
  });
});

describe('parscore schema', () => {
  it('the committed criteria/criteria.schema.json is what the zod schema generates', async () => {
    const r = await run(['schema']);
    expect(r.code).toBe(0);
    const committed = readFileSync(path.join(ROOT, 'criteria', 'criteria.schema.json'), 'utf8');
    expect(r.stdout, 'run `npm run schema` and commit the result').toBe(committed);
    const schema = JSON.parse(r.stdout) as { $schema: string; properties: Record<string, unknown>; required: string[] };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'title', 'year', 'total', 'precision', 'areas']));
  });

  it('every criteria set in criteria/ points editors at the schema', () => {
    for (const name of ['so-nganh-mau.yaml', 'tinh-2017.yaml']) {
      const first = readFileSync(path.join(ROOT, 'criteria', name), 'utf8').split('\n')[0];
      expect(first, name).toBe('# yaml-language-server: $schema=./criteria.schema.json');
    }
  });
});
