// The built binary, as users and CI run it: exit codes, located messages,
// never a stack trace.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, normalise, run, spawnBin, tempFolders } from './helpers.js';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;
const tmp = tempFolders('cli');
const VALIDATE_HELP = 'Xem hướng dẫn: parscore validate --help';
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
    expect(r.stdout).toBe(lines('khong-co.yaml', '    lỗi       Không tìm thấy tệp "khong-co.yaml".  file-not-found', '', '✖ 1 vấn đề (1 lỗi, 0 cảnh báo)'));
    expect(r.stderr).toBe('');
  });

  it('a folder given as a file: exit 2', () => {
    const r = spawnBin(['validate', 'criteria', '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(lines('criteria', '    error    "criteria" is a folder, not a file. Name a file, e.g. criteria/name.yaml.  file-is-directory', '', '✖ 1 problem (1 error, 0 warnings)'));
    expect(r.stderr).toBe('');
  });

  it('a YAML syntax error: exit 2, with line and column', () => {
    const r = spawnBin(['validate', fixture('yaml-syntax')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(lines(fixture('yaml-syntax'), '  13:1  lỗi       Lỗi cú pháp YAML: dùng phím Tab để thụt lề (hãy dùng dấu cách).  yaml-syntax', '', '✖ 1 vấn đề (1 lỗi, 0 cảnh báo)'));
    expect(r.stderr).toBe('');
  });

  it('a file that is not UTF-8: exit 2', () => {
    const dir = tmp('latin1');
    writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xe9, 0x0a]));
    // Named by its absolute path, as the user typed it: shown so, the temporary folder normalised away.
    const r = spawnBin(['validate', path.join(dir, 'latin1.yaml'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(normalise(r.stdout, { tmp: dir })).toBe(
      lines('<tmp>/latin1.yaml', '    error    The file is not UTF-8 text. Save it again with UTF-8 encoding.  file-not-utf8', '', '✖ 1 problem (1 error, 0 warnings)'),
    );
    expect(r.stderr).toBe('');
  });

  it('errors in the file: exit 1, all of them', () => {
    const r = spawnBin(['validate', fixture('unknown-key'), fixture('sum-mismatch')]);
    expect(r.code).toBe(1);
    // `nmae:` is one finding (unknown key, suggesting "name"), plus one sum-mismatch (4 + 2 = 6, not 7); files in name order.
    expect(r.stdout).toBe(
      lines(
        fixture('sum-mismatch'),
        '  9:10  lỗi       Tổng điểm tối đa của 2 mục con là 6, khác điểm tối đa 7 của "1". Các mục con: 1.1: 4; 1.2: 2.  sum-mismatch',
        '',
        fixture('unknown-key'),
        '  20:9  lỗi       Khóa "nmae" không hợp lệ ở đây. Có phải ý bạn là "name"?  unknown-key',
        '',
        '✖ 2 vấn đề (2 lỗi, 0 cảnh báo)',
      ),
    );
    expect(r.stderr).toBe('');
  });

  it('--version and --help', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const v = spawnBin(['--version']);
    expect([v.stdout, v.stderr]).toEqual([`${pkg.version}\n`, '']);
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
    [['validate'], lines('Lệnh không đúng: thiếu tham số files', VALIDATE_HELP)],
    [['validate', 'x.yaml', '--format', 'xml'], lines('Lệnh không đúng: giá trị "xml" không hợp lệ; dùng một trong: stylish, json, github, junit, sarif', VALIDATE_HELP)],
    [['validate', 'x.yaml', '--max-warnings', 'nhiều'], lines('Lệnh không đúng: "nhiều" không phải số nguyên không âm', VALIDATE_HELP)],
    [['validate', 'x.yaml', '--bogus'], lines('Lệnh không đúng: không có tùy chọn "--bogus"', VALIDATE_HELP)],
    [['kiemtra'], lines('Lệnh không đúng: không có lệnh "kiemtra"', 'Xem hướng dẫn: parscore --help')],
    // The language itself is wrong: no pointer to a help page in a language the user did not ask for.
    [['validate', 'x.yaml', '--lang', 'fr'], lines('Lệnh không đúng: ngôn ngữ "fr" không có; dùng vi hoặc en')],
    [['validate', 'khong-co/*.yaml'], lines('Lệnh không đúng: không có tệp nào khớp với khong-co/*.yaml (dùng --no-error-on-unmatched-pattern nếu đó là chủ ý)')],
  ])('%j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(message);
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
