// `validate` as CI runs it: the built binary (npm run build first) on
// globs, a rule config, inline comments, stdin, -o, SARIF and the github
// format's summary, in a temporary repository removed afterwards.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers.js';

const VALID = readFileSync(path.join(ROOT, 'test', 'fixtures', 'criteria', 'valid', 'criteria.yaml'), 'utf8');
const FRACTION = readFileSync(path.join(ROOT, 'test', 'fixtures', 'criteria', 'band-fraction', 'criteria.yaml'), 'utf8');

let repo: string;

function bin(args: string[], opts: { cwd?: string; env?: Record<string, string>; input?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? repo,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...opts.env },
    encoding: 'utf8',
    ...(opts.input !== undefined ? { input: opts.input } : {}),
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function put(rel: string, text: string): void {
  mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
  writeFileSync(path.join(repo, rel), text);
}

/**
 * 15 leaves "1.1".."1.15", each max 1 with one option worth 2 points:
 * each gives option-out-of-range (error: 2 > 1) and option-never-max
 * (warning: no option gives 1), so 15 errors + 15 warnings = 30 findings.
 * Area max 15 = 15 × 1 and total 15, so no sum finding.
 */
function thirtyFindings(): string {
  const leaves = Array.from({ length: 15 }, (_, i) =>
    [`      - code: "1.${i + 1}"`, `        name: Tiêu chí ${i + 1}`, '        max: 1', '        rule: { kind: options, options: [{ label: Đạt, points: 2 }] }'].join('\n'),
  );
  return ['id: ba-muoi', 'title: Ba mươi', 'year: 2024', 'total: 15', 'precision: 2', 'areas:', '  - code: "1"', '    name: Một', '    max: 15', '    children:', ...leaves, ''].join('\n');
}

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'parscore-ci-'));
  mkdirSync(path.join(repo, '.git'));
  put('criteria/a.yaml', VALID);
  put('criteria/b.yaml', VALID);
  put('criteria/nested/deep/c.yaml', VALID);
  put('criteria/.hidden.yaml', 'not: valid');
  put('criteria/sub/.parscorerc.yaml', 'rules:\n  band-fraction: off\n');
  put('criteria/sub/fraction.yaml', FRACTION);
  put('criteria/fraction.yaml', FRACTION);
  put('thirty.yaml', thirtyFindings());
});

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
});

describe('globs', () => {
  it('** and braces expand; dot-files and folders are skipped', () => {
    const r = bin(['validate', 'criteria/**/{a,c}.yaml', 'criteria/[b].yaml', 'criteria/*']);
    // criteria/* matches the files a, b, fraction (1 warning) but not the folders or .hidden.yaml.
    expect(r.stdout).toBe(
      [
        'criteria/fraction.yaml',
        '  28:7  cảnh báo  Các khoảng của "2" (measure: percent) đều trong khoảng 0 đến 1, như thể viết dạng phân số: tỷ lệ tính theo %, nên 0,9 nghĩa là 0,9%, không phải 90%. Nếu ý là 90%, hãy ghi 90.  band-fraction',
        '',
        '✖ 1 vấn đề (0 lỗi, 1 cảnh báo)',
        '',
      ].join('\n'),
    );
    expect(r.code).toBe(0);
    const listed = bin(['validate', 'criteria/**/*.yaml', '!criteria/sub/**', '--format', 'junit']);
    const suites = [...listed.stdout.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]);
    expect(suites).toEqual(['criteria/a.yaml', 'criteria/b.yaml', 'criteria/fraction.yaml', 'criteria/nested/deep/c.yaml']);
  });

  it('an unmatched pattern is an error, unless --no-error-on-unmatched-pattern', () => {
    const r = bin(['validate', 'criteria/a.yaml', 'critera/*.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('Lệnh không đúng: không có tệp nào khớp với critera/*.yaml (dùng --no-error-on-unmatched-pattern nếu đó là chủ ý)\n');
    const ok = bin(['validate', 'criteria/a.yaml', 'critera/*.yaml', '--no-error-on-unmatched-pattern']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('✔ Không có vấn đề nào (1 tệp).\n');
  });

  it('a pathological wildcard is refused at once, not matched for minutes', () => {
    put(`long/${'a'.repeat(200)}`, '');
    const started = Date.now();
    const r = bin(['validate', `long/${'*a'.repeat(40)}*b`, '--lang', 'en']);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`Usage error: pattern long/${'*a'.repeat(40)}*b has too many * in one path segment (at most 3); write a simpler pattern\n`);
  });
});

describe('rule control', () => {
  it('.parscorerc.yaml found upward turns a code off for its folder only', () => {
    const r = bin(['validate', 'criteria/sub/fraction.yaml', 'criteria/fraction.yaml', '--format', 'json', '--lang', 'en']);
    const found = (JSON.parse(r.stdout) as { file: string; code: string }[]).map((d) => `${d.file} ${d.code}`);
    expect(found).toEqual(['criteria/fraction.yaml band-fraction']);
  });

  it('a config can raise a warning to an error, and a bad config exits 2 with its location', () => {
    put('raise/.parscorerc.yaml', 'rules:\n  band-fraction: error\n');
    put('raise/f.yaml', FRACTION);
    const raised = bin(['validate', 'raise/f.yaml', '--format', 'json']);
    expect(raised.code).toBe(1);
    expect((JSON.parse(raised.stdout) as { severity: string }[])[0]!.severity).toBe('error');
    // Line 2 "  band-fracton: off": the misspelt code is the key at col 3.
    put('bad/.parscorerc.yaml', 'rules:\n  band-fracton: off\n');
    put('bad/f.yaml', FRACTION);
    const bad = bin(['validate', 'bad/f.yaml', '--lang', 'en']);
    expect(bad.code).toBe(2);
    // Line 1 "rule:" is not a config key (col 1); line 2 "  band-fraction: maybe" is not a setting (value at col 18).
    put('worse/.parscorerc.yaml', 'rule:\n  band-fraction: maybe\n');
    put('worse/f.yaml', FRACTION);
    const worse = bin(['validate', 'worse/f.yaml', '--format', 'json', '--lang', 'en']);
    expect(worse.code).toBe(2);
    expect(
      (JSON.parse(worse.stdout) as { file: string; line: number; column: number; code: string }[]).filter((d) => d.file.endsWith('.parscorerc.yaml')).map((d) => `${d.line}:${d.column} ${d.code}`),
    ).toEqual(['1:1 config-invalid']);
    put('worse/.parscorerc.yaml', 'rules:\n  band-fraction: maybe\n');
    const setting = bin(['validate', 'worse/f.yaml', '--format', 'json', '--lang', 'en']);
    expect(
      (JSON.parse(setting.stdout) as { file: string; line: number; column: number; code: string; message: string }[])
        .filter((d) => d.file.endsWith('.parscorerc.yaml'))
        .map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`),
    ).toEqual(['2:18 config-invalid-setting "maybe" is not a setting for "band-fraction"; use off, warning or error.']);
    // The bad config is reported, and the file it would have governed is still checked (its one band-fraction warning: 0.9 × 100 = 90).
    expect(bad.stdout).toBe(
      [
        'bad/.parscorerc.yaml',
        '   2:3  error    The config file names code "band-fracton", which parscore does not have (see docs/diagnostics.md).  config-unknown-code',
        '',
        'bad/f.yaml',
        '  28:7  warning  The bands of "2" (measure: percent) all lie within 0 to 1, as if written as fractions: the measure is in %, so 0.9 means 0.9%, not 90%. If you mean 90%, write 90.  band-fraction',
        '',
        '✖ 2 problems (1 error, 1 warning)',
        '',
      ].join('\n'),
    );
  });

  it('# parscore-disable-next-line silences the next line only', () => {
    // The comment goes above line 28 (`      bands:`), which moves it to line 29.
    const lines = FRACTION.split('\n');
    lines.splice(27, 0, '      # parscore-disable-next-line band-fraction');
    put('inline/f.yaml', lines.join('\n'));
    expect(bin(['validate', 'inline/f.yaml']).stdout).toBe('✔ Không có vấn đề nào (1 tệp).\n');
    // A comment naming a code parscore does not have is itself a warning, at the code:
    // 6 spaces, "# " and "parscore-disable-next-line " (27) put it at col 6 + 2 + 27 + 1 = 36.
    lines[27] = '      # parscore-disable-next-line band-fractio';
    put('inline/g.yaml', lines.join('\n'));
    const r = bin(['validate', 'inline/g.yaml', '--format', 'json']);
    expect((JSON.parse(r.stdout) as { line: number; column: number; code: string }[]).map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual(['28:36 disable-unknown-code', '29:7 band-fraction']);
  });
});

describe('input and output', () => {
  // In workflow commands "%" is written %25 (GitHub decodes it back).
  it('- reads standard input, named by --stdin-filename', () => {
    const r = bin(['validate', '-', '--stdin-filename', 'criteria/from-stdin.yaml', '--format', 'github', '--lang', 'en'], { input: FRACTION });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '::warning file=criteria/from-stdin.yaml,line=28,col=7,endLine=28,endColumn=12,title=parscore band-fraction::The bands of "2" (measure: percent) all lie within 0 to 1, as if written as fractions: the measure is in %25, so 0.9 means 0.9%25, not 90%25. If you mean 90%25, write 90.\n' +
        '1 problem (0 errors, 1 warning), 1 file checked.\n',
    );
  });

  it('-o writes the report atomically in UTF-8 and refuses to overwrite a file it did not write', () => {
    const r = bin(['validate', 'criteria/fraction.yaml', '--format', 'junit', '-o', 'out/report.xml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const written = readFileSync(path.join(repo, 'out', 'report.xml'));
    expect(written.subarray(0, 5).toString('utf8')).toBe('<?xml');
    expect(written.toString('utf8')).toContain('như thể viết dạng phân số');
    // No temporary file is left beside it.
    expect(readdirSync(path.join(repo, 'out'))).toEqual(['report.xml']);
    // Its own report is refreshed; someone else's file is not touched.
    expect(bin(['validate', 'criteria/a.yaml', '--format', 'junit', '-o', 'out/report.xml']).code).toBe(0);
    // So is a stylish report, recognised by its closing summary line.
    expect(bin(['validate', 'criteria/fraction.yaml', '-o', 'out/report.txt']).code).toBe(0);
    expect(bin(['validate', 'criteria/a.yaml', '-o', 'out/report.txt']).code).toBe(0);
    expect(readFileSync(path.join(repo, 'out', 'report.txt'), 'utf8')).toBe('✔ Không có vấn đề nào (1 tệp).\n');
    put('out/notes.txt', 'my notes');
    const refused = bin(['validate', 'criteria/a.yaml', '-o', 'out/notes.txt']);
    expect(refused.code).toBe(2);
    expect(readFileSync(path.join(repo, 'out', 'notes.txt'), 'utf8')).toBe('my notes');
  });

  it('a full standard output is a plain message and exit code 2', () => {
    if (!existsSync('/dev/full')) return;
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" validate criteria/a.yaml > /dev/full`], { cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('Không ghi được kết quả ra đầu ra chuẩn (ổ đĩa đã đầy). Hãy dùng -o TỆP để ghi ra tệp.\n');
  });

  it('FORCE_COLOR turns colour on in a pipe; FORCE_COLOR=0 and --no-color turn it off', () => {
    const esc = '\u001b[';
    expect(bin(['validate', 'criteria/fraction.yaml'], { env: { FORCE_COLOR: '1' } }).stdout).toContain(esc);
    expect(bin(['validate', 'criteria/fraction.yaml'], { env: { FORCE_COLOR: '0' } }).stdout).not.toContain(esc);
    expect(bin(['validate', 'criteria/fraction.yaml', '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout).not.toContain(esc);
  });

  it('--quiet reports errors only', () => {
    expect(bin(['validate', 'criteria/fraction.yaml', '--quiet']).stdout).toBe('✔ Không có vấn đề nào (1 tệp).\n');
  });

  it('a workbook, a file without read permission and a looping link each get their own words', () => {
    writeFileSync(path.join(repo, 'form.xlsx'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]));
    const wb = bin(['validate', 'form.xlsx']);
    expect(wb.code).toBe(2);
    const one = (file: string, message: string): string => `${file}\n    lỗi       ${message}\n\n✖ 1 vấn đề (1 lỗi, 0 cảnh báo)\n`;
    expect(wb.stdout).toBe(one('form.xlsx', 'Đây là một bảng tính (Excel/ODS), không phải tệp bộ tiêu chí YAML. Hãy kiểm tra biểu mẫu bằng "parscore check".  criteria-is-workbook'));
    symlinkSync('loop.yaml', path.join(repo, 'loop.yaml'));
    const loop = bin(['validate', 'loop.yaml']);
    expect(loop.stdout).toBe(one('loop.yaml', 'Không đọc được tệp "loop.yaml": đường dẫn là một liên kết (symlink) trỏ vòng về chính nó.  file-unreadable'));
    put('secret.yaml', VALID);
    chmodSync(path.join(repo, 'secret.yaml'), 0o000);
    const locked = bin(['validate', 'secret.yaml']);
    chmodSync(path.join(repo, 'secret.yaml'), 0o644);
    // Root reads any file; the check is meaningful only for other users.
    if (process.getuid?.() !== 0) {
      expect(locked.stdout).toBe(one('secret.yaml', 'Không đọc được tệp "secret.yaml": không có quyền đọc tệp này.  file-unreadable'));
    }
  });
});

describe('CI formats', () => {
  it('SARIF validates against the SARIF 2.1.0 schema, with paths from the repository root', () => {
    const r = bin(['validate', 'fraction.yaml', '../thirty.yaml', '--format', 'sarif'], { cwd: path.join(repo, 'criteria') });
    // From criteria/, ../thirty.yaml is still thirty.yaml in the repository.
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    // The published schema has a pattern that is not valid as a Unicode regular expression.
    // A CommonJS module: its class is also exported as .default.
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(schema);
    const log = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const results = log.runs[0]!.results;
    expect(results.length).toBe(31);
    expect(new Set(results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri))).toEqual(new Set(['criteria/fraction.yaml', 'thirty.yaml']));
    // A schema that accepts anything would prove nothing: a broken log must fail.
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);
  });

  it('github: a closing summary, and a notice when the annotation cap hides findings', () => {
    const r = bin(['validate', '../thirty.yaml', '--format', 'github'], { cwd: path.join(repo, 'criteria'), env: { GITHUB_WORKSPACE: repo } });
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error file=thirty.yaml,')).length).toBe(15);
    expect(lines.filter((l) => l.startsWith('::warning file=thirty.yaml,')).length).toBe(15);
    // 15 errors − 10 shown = 5 hidden; likewise 5 warnings.
    expect(lines.slice(-2)).toEqual([
      '::notice title=parscore::GitHub chỉ hiện tối đa 10 lỗi và 10 cảnh báo mỗi bước; 5 lỗi và 5 cảnh báo không hiện trong trang thay đổi. Xem toàn bộ trong nhật ký bước này, hoặc dùng --format sarif để đưa mọi vấn đề vào Code scanning.',
      '30 vấn đề (15 lỗi, 15 cảnh báo), đã kiểm tra 1 tệp.',
    ]);
  });
});

describe('GitHub Action and pre-commit hook', () => {
  it('action.yml runs the installed parscore on globs, writing SARIF and annotations', async () => {
    const { parse } = await import('yaml');
    const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; steps: { run: string; env: Record<string, string> }[] } };
    expect(action.runs.using).toBe('composite');
    const step = action.runs.steps[0]!;
    // The project's own parscore, as `npm ci` installs it.
    mkdirSync(path.join(repo, 'node_modules', '.bin'), { recursive: true });
    if (!existsSync(path.join(repo, 'node_modules', '.bin', 'parscore'))) symlinkSync(BIN, path.join(repo, 'node_modules', '.bin', 'parscore'));
    const r = spawnSync('bash', ['-c', step.run], {
      cwd: repo,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        NO_COLOR: '1',
        GITHUB_WORKSPACE: repo,
        PARSCORE_FILES: 'criteria/*.yaml\n../nope/none-*.yaml',
        PARSCORE_FORMAT: 'github',
        PARSCORE_SARIF: 'parscore.sarif',
        PARSCORE_ARGS: '--no-error-on-unmatched-pattern --lang en',
      },
    });
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 problem (0 errors, 1 warning), 3 files checked.');
    const sarif = JSON.parse(readFileSync(path.join(repo, 'parscore.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]!.results.map((x) => x.ruleId)).toEqual(['band-fraction']);
  });

  it('the pre-commit hook runs validate on criteria files only', async () => {
    const { parse } = await import('yaml');
    const [hook] = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; files: string }[];
    expect(hook!.id).toBe('parscore-validate');
    expect(hook!.entry).toBe('npx --no-install parscore validate');
    const files = new RegExp(hook!.files);
    expect(['criteria/a.yaml', 'criteria/sub/b.yml'].every((f) => files.test(f))).toBe(true);
    expect(['units.yaml', '2024/parscore.yaml'].some((f) => files.test(f))).toBe(false);
  });
});
