// Nothing is lost, desktops are as they are, and inputs are never trusted.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import dns from 'node:dns';
import path from 'node:path';
import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCriteria } from '../src/criteria/index.js';
import { readEvidenceFile } from '../src/evidence/read.js';
import { ROOT, fileHashes, run, tempFolders } from './helpers.js';
import { MINI_SETUP, miniRound } from './mini-set.js';

/** Switch for the simulated full disk: every file handle then fails after its first bytes. */
const disk = vi.hoisted(() => ({ full: false, readOnly: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const enospc = (): Error => Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
  const open: typeof actual.open = async (...args) => {
    if (disk.readOnly && String(args[1]).includes('w')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const handle = await actual.open(...args);
    if (!disk.full) return handle;
    const write = handle.write.bind(handle) as (...a: unknown[]) => Promise<unknown>;
    const writeFile = handle.writeFile.bind(handle);
    Object.assign(handle, {
      write: async (...a: unknown[]) => {
        await write(...a);
        throw enospc();
      },
      writeFile: async (data: string | Uint8Array) => {
        await writeFile(typeof data === 'string' ? data.slice(0, 10) : data.subarray(0, 10));
        throw enospc();
      },
    });
    return handle;
  };
  const writeFile: typeof actual.writeFile = async (...args) => {
    if (disk.full) throw enospc();
    return actual.writeFile(...args);
  };
  const copyFile: typeof actual.copyFile = async (...args) => {
    if (disk.full) throw enospc();
    return actual.copyFile(...args);
  };
  return { ...actual, default: { ...actual, open, writeFile, copyFile }, open, writeFile, copyFile };
});

const tmp = tempFolders('hardening');

describe('nothing is lost', () => {
  it('no writing command changes an input; each writes only what it was asked to', async () => {
    const dir = tmp('inputs');
    cpSync(path.join(ROOT, 'samples', '2021'), path.join(dir, 'round'), { recursive: true });
    cpSync(path.join(ROOT, 'criteria', 'so-nganh-mau.yaml'), path.join(dir, 'criteria.yaml'));
    cpSync(path.join(ROOT, 'samples', '2020'), path.join(dir, '2020'), { recursive: true });
    writeFileSync(path.join(dir, 'round', 'parscore.yaml'), readFileSync(path.join(dir, 'round', 'parscore.yaml'), 'utf8').replace('../../criteria/so-nganh-mau.yaml', '../criteria.yaml'));
    const before = fileHashes(dir);
    const out = path.join(dir, 'out');
    const commands = [
      ['template', '--criteria', 'criteria.yaml', '--units', 'round/units.yaml', '--out', 'out/templates'],
      ['template', '--criteria', 'criteria.yaml', '--units', 'round/units.yaml', '--single', 'out/all.xlsx'],
      ['rank', 'round', '-o', 'out/results.json'],
      ['report', 'round', '-o', 'out/report.xlsx'],
      ['report', 'out/results.json', '-o', 'out/report-from-json.xlsx'],
      ['init', 'out/2022', '--criteria', 'criteria.yaml', '--units', 'round/units.yaml'],
      ['check', 'round'],
      ['validate', 'criteria.yaml'],
    ];
    for (const argv of commands) expect((await run(argv, { cwd: dir })).code, argv.join(' ')).toBe(0);
    const after = fileHashes(dir);
    for (const [file, hash] of Object.entries(before)) expect(after[file], file).toBe(hash);
    const written = Object.keys(after)
      .filter((f) => !(f in before))
      .map((f) => f.split(path.sep).slice(0, 2).join('/'));
    expect(new Set(written)).toEqual(new Set(['out/templates', 'out/all.xlsx', 'out/results.json', 'out/report.xlsx', 'out/report-from-json.xlsx', 'out/2022']));
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to write over a file it did not make, for every writing command', async () => {
    const dir = tmp('foreign');
    const foreign = 'Bảng của phòng khác — không được ghi đè';
    for (const f of ['results.json', 'report.xlsx', 'all.xlsx']) writeFileSync(path.join(dir, f), foreign);
    mkdirSync(path.join(dir, 'templates'));
    writeFileSync(path.join(dir, 'templates', 'A - Đơn vị A.xlsx'), foreign);
    mkdirSync(path.join(dir, '2022'));
    writeFileSync(path.join(dir, '2022', 'parscore.yaml'), foreign);
    const mini = MINI_SETUP;
    const round = miniRound();
    for (const argv of [
      ['rank', ...round, '-o', 'results.json'],
      ['report', ...round, '-o', 'report.xlsx'],
    ]) {
      const r = await run(argv, { cwd: dir });
      expect(r.code, argv[0]).toBe(2);
      expect(r.stderr, argv[0]).toContain('Dùng --force nếu muốn ghi đè.');
    }
    // init and template keep every existing file, --force or not, and write only what is missing.
    for (const argv of [
      ['template', ...mini, '--single', 'all.xlsx', '--force'],
      ['template', ...mini, '--out', 'templates', '--force'],
      ['init', '2022', ...mini, '--force'],
    ]) {
      const r = await run(argv, { cwd: dir });
      expect(r.code, argv[0]).toBe(0);
      expect(r.stderr, argv[0]).toContain('Giữ nguyên');
      expect(r.stderr, argv[0]).not.toContain('Dùng --force');
    }
    for (const f of ['results.json', 'report.xlsx', 'all.xlsx', 'templates/A - Đơn vị A.xlsx', '2022/parscore.yaml']) expect(readFileSync(path.join(dir, f), 'utf8'), f).toBe(foreign);
    expect(existsSync(path.join(dir, 'templates', 'B - Đơn vị B.xlsx'))).toBe(true); // the missing one is added
  });
});

describe('interrupted writes', () => {
  afterEach(() => {
    disk.full = false;
    disk.readOnly = false;
  });

  it('a read-only output folder: a clear message, exit 2, nothing written', async () => {
    const dir = tmp('readonly');
    const round = miniRound();
    disk.readOnly = true;
    const r = await run(['report', ...round, '-o', 'bao-cao.xlsx'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Không có quyền ghi "bao-cao.xlsx" (thư mục chỉ đọc?).');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a failure mid-write leaves the previous output intact and no temporary file, for every writing command', async () => {
    const dir = tmp('interrupt');
    const mini = MINI_SETUP;
    const round = miniRound();
    const cases = [
      ['rank', ...round, '-o', 'results.json'],
      ['report', ...round, '-o', 'report.xlsx'],
      ['template', ...mini, '--single', 'all.xlsx'],
      ['template', ...mini, '--out', 'templates'],
      ['init', '2022', ...mini],
    ];
    for (const argv of cases) expect((await run(argv, { cwd: dir })).code, argv[0]).toBe(0);
    // init and template only ever write what is missing: take one of each away so they have something to write.
    for (const f of ['all.xlsx', 'templates/B - Đơn vị B.xlsx', '2022/parscore.yaml']) rmSync(path.join(dir, f));
    const before = fileHashes(dir);
    // The disk fills up part way through every write.
    disk.full = true;
    for (const argv of cases) {
      const r = await run([...argv, '--force'], { cwd: dir });
      expect(r.code, argv[0]).toBe(2);
      expect(r.stderr, argv[0]).toContain('ổ đĩa đã đầy');
    }
    disk.full = false;
    expect(fileHashes(dir)).toEqual(before);
  });
});

describe('desktop reality', () => {
  it('a round in a folder with spaces and Vietnamese diacritics, named in NFC or NFD', async () => {
    for (const form of ['NFC', 'NFD'] as const) {
      const base = tmp('paths');
      const dir = path.join(base, 'Sở Nội vụ'.normalize(form), 'Đợt chấm 2021'.normalize(form));
      mkdirSync(dir, { recursive: true });
      cpSync(path.join(ROOT, 'samples', '2021'), dir, { recursive: true });
      cpSync(path.join(ROOT, 'criteria', 'so-nganh-mau.yaml'), path.join(dir, 'Bộ tiêu chí.yaml'.normalize(form)));
      cpSync(path.join(ROOT, 'samples', '2020', 'results.json'), path.join(dir, 'năm trước.json'.normalize(form)));
      // Paths written the Windows way.
      writeFileSync(
        path.join(dir, 'parscore.yaml'),
        readFileSync(path.join(dir, 'parscore.yaml'), 'utf8')
          .replace('../../criteria/so-nganh-mau.yaml', '.\\Bộ tiêu chí.yaml')
          .replace('../2020/results.json', '.\\năm trước.json')
          .replace('evidence/', 'evidence\\')
          .replace(/\n/g, '\r\n'),
      );
      const r = await run(['rank', dir, '--json']);
      expect(r.code, form).toBe(0);
      const bdt = (JSON.parse(r.stdout) as { units: { code: string; index: number; rank: number; rankChange: number }[] }).units.find((u) => u.code === 'BDT')!;
      expect([bdt.index, bdt.rank, bdt.rankChange], form).toEqual([88.52, 7, 3]);
    }
  });

  it('YAML with CRLF line endings and a BOM reads the same', () => {
    const text = readFileSync(path.join(ROOT, 'criteria', 'so-nganh-mau.yaml'), 'utf8');
    const windows = `\ufeff${text.replace(/\n/g, '\r\n')}`;
    const a = loadCriteria('a.yaml', text);
    const b = loadCriteria('b.yaml', windows);
    expect(b.diagnostics).toEqual([]);
    expect([...b.set!.nodes.keys()]).toEqual([...a.set!.nodes.keys()]);
    expect(b.set!.leaves.map((l) => l.max.toString())).toEqual(a.set!.leaves.map((l) => l.max.toString()));
  });

  it('a missing output folder is made; an output folder that is a file is a clear error', async () => {
    const dir = tmp('outdir');
    const round = miniRound();
    expect((await run(['rank', ...round, '-o', 'a/b/c/results.json'], { cwd: dir })).code).toBe(0);
    writeFileSync(path.join(dir, 'tep'), 'x');
    const r = await run(['rank', ...round, '-o', 'tep/results.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Không ghi được "tep\/results.json"/);
  });
});

describe('no network, no code execution', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a workbook with external links, hyperlinks and formulas is read by saved values, opening no connection', async () => {
    const dir = tmp('external');
    const made = await run(['template', ...MINI_SETUP, '--out', dir]);
    expect(made.code).toBe(0);
    const file = path.join(dir, 'A - Đơn vị A.xlsx');
    const zip = await JSZip.loadAsync(readFileSync(file));
    const sheetPath = 'xl/worksheets/sheet3.xml';
    let xml = await zip.file(sheetPath)!.async('string');
    // 1.4's self score: a formula into another workbook on a web server, with its saved value 0.75.
    xml = xml.replace(/(<c r="G11"[^>]*?)(\/>|>.*?<\/c>)/, '$1 t="n"><f>[1]Sheet1!A1*1</f><v>0.75</v></c>');
    zip.file(sheetPath, xml);
    zip.file('xl/externalLinks/externalLink1.xml', '<?xml version="1.0"?><externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><externalBook/></externalLink>');
    zip.file(
      'xl/externalLinks/_rels/externalLink1.xml.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" Target="http://127.0.0.1:9/bao-cao.xlsx" TargetMode="External"/></Relationships>',
    );
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

    const calls: string[] = [];
    const deny = (what: string) =>
      (() => {
        calls.push(what);
        throw new Error(`network use: ${what}`);
      }) as never;
    vi.spyOn(net, 'connect').mockImplementation(deny('net.connect'));
    vi.spyOn(net, 'createConnection').mockImplementation(deny('net.createConnection'));
    vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(deny('socket.connect'));
    vi.spyOn(http, 'request').mockImplementation(deny('http.request'));
    vi.spyOn(http, 'get').mockImplementation(deny('http.get'));
    vi.spyOn(https, 'request').mockImplementation(deny('https.request'));
    vi.spyOn(https, 'get').mockImplementation(deny('https.get'));
    vi.spyOn(dns, 'lookup').mockImplementation(deny('dns.lookup'));

    const result = await readEvidenceFile(file, 'A.xlsx', new Set(['A']));
    expect(result.diagnostics).toEqual([]);
    const row = result.rows.find((r) => r.criterion === '1.4')!;
    expect(row.self?.content).toEqual({ kind: 'number', value: expect.objectContaining({}) });
    expect((row.self!.content as { value: { toString(): string } }).value.toString()).toBe('0.75');
    expect(calls).toEqual([]);
  });

  it('YAML cannot construct code: !!js/function and custom tags are refused', () => {
    const text = readFileSync(path.join(ROOT, 'criteria', 'tinh-2017.yaml'), 'utf8').replace('title: ', 'title: !!js/function "function () { process.exit(9) }" ');
    const { diagnostics, set } = loadCriteria('t.yaml', text);
    expect(set).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toContain('yaml-unsafe-tag');
  });
});

describe('regressions', () => {
  it('deep-nesting.yaml: a located answer, not a crash', async () => {
    const r = await run(['validate', path.join(ROOT, 'test', 'fixtures', 'regressions', 'deep-nesting.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('limit-yaml-depth');
  });

  it('150,000 rows of long-format evidence do not overflow the stack', async () => {
    const dir = tmp('rows');
    const lines = ['Mã đơn vị,Mã tiêu chí,Điểm tự chấm'];
    for (let i = 0; i < 150_000; i++) lines.push(`U${i},1.4,0.5`);
    writeFileSync(path.join(dir, 'big.csv'), `${lines.join('\n')}\n`);
    const result = await readEvidenceFile(path.join(dir, 'big.csv'), 'big.csv', new Set());
    expect(result.rows).toHaveLength(150_000);
  });
});
