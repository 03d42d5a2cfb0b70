// Every code in the catalogue is produced by some test. The codes no other
// test produced get their case here, through the command a user runs; a
// static check then lists any code that no test names at all.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIAGNOSTIC_CODES } from '../src/diagnostics/index.js';
import { ROOT, run } from './helpers.js';

const fixtures = path.join(ROOT, 'test', 'fixtures', 'evidence');
const mini = { criteria: path.join(fixtures, 'criteria.yaml'), units: path.join(fixtures, 'units.yaml') };
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'parscore-catalogue-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The codes of a run's findings, from its JSON output. */
function codes(stdout: string): string[] {
  return (JSON.parse(stdout) as { code: string }[]).map((d) => d.code);
}

/** A round folder holding the mini criteria set, units, the valid evidence and survey, and `yaml` as parscore.yaml. */
function round(name: string, yaml: string): string {
  const dir = path.join(work, name);
  mkdirSync(dir);
  cpSync(mini.criteria, path.join(dir, 'criteria.yaml'));
  cpSync(mini.units, path.join(dir, 'units.yaml'));
  cpSync(path.join(fixtures, 'valid', 'evidence.csv'), path.join(dir, 'evidence.csv'));
  cpSync(path.join(fixtures, 'valid', 'survey.csv'), path.join(dir, 'survey.csv'));
  writeFileSync(path.join(dir, 'parscore.yaml'), yaml);
  return dir;
}

const ROUND = 'year: 2021\ncriteria: criteria.yaml\nunits: units.yaml\nevidence: evidence.csv\nsurvey: survey.csv\n';

describe('the codes no other test produces', () => {
  it('file-not-found, file-is-directory, file-not-utf8, file-unreadable (a link that loops): exit 2', async () => {
    const latin1 = path.join(work, 'latin1.yaml');
    writeFileSync(latin1, Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xe9, 0x0a])); // "id: é" in Latin-1
    const loop = path.join(work, 'loop.yaml');
    symlinkSync(loop, loop);
    for (const [file, code] of [
      ['khong-co.yaml', 'file-not-found'],
      [work, 'file-is-directory'],
      [latin1, 'file-not-utf8'],
      [loop, 'file-unreadable'],
    ]) {
      const r = await run(['check', '--criteria', file!, '--units', mini.units, '--evidence', fixtures, '--format', 'json'], { cwd: work });
      expect(r.code, code).toBe(2);
      expect(codes(r.stdout), code).toContain(code);
    }
  });

  it("csv-not-utf8: a table saved in the computer's old code page", async () => {
    const dir = path.join(work, 'csv');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'evidence.csv'), Buffer.from('Mã đơn vị,Mã tiêu chí\nA,1.1 \xe9\n', 'latin1'));
    const r = await run(['check', '--criteria', mini.criteria, '--units', mini.units, '--evidence', path.join(dir, 'evidence.csv'), '--format', 'json'], { cwd: work });
    expect(r.code).toBe(2);
    expect(codes(r.stdout)).toEqual(['csv-not-utf8']);
  });

  it('workspace-not-found, invalid-format', async () => {
    const empty = path.join(work, 'empty');
    mkdirSync(empty);
    const none = await run(['check', empty, '--format', 'json'], { cwd: work });
    expect(none.code).toBe(2);
    expect(codes(none.stdout)).toEqual(['workspace-not-found']);

    // A decision date written the Vietnamese way where the file asks for YYYY-MM-DD.
    const date = round('annex-date', `${ROUND}annex:\n  date: 07/02/2022\n`);
    const d = await run(['check', date, '--format', 'json'], { cwd: work });
    expect(d.code).toBe(2);
    expect(codes(d.stdout)).toContain('invalid-format');
    // A day that does not exist is refused too (it would be printed on the signed annex), and the message says what to write.
    for (const day of ['2022-02-30', '2022-13-01', '2023-02-29']) {
      const bad = round(`annex-day-${day}`, `${ROUND}annex:\n  date: ${day}\n`);
      const text = await run(['check', bad], { cwd: work });
      expect(text.code, day).toBe(2);
      expect(text.stdout, day).toMatch(/\d+:9 +lỗi +"date" không đúng định dạng\. Ghi một ngày có thật theo dạng năm-tháng-ngày, ví dụ 2022-02-07\. +invalid-format/);
    }
    const en = await run(['check', date, '--lang', 'en'], { cwd: work });
    expect(en.stdout).toContain('"date" has the wrong format. Write a day that exists as year-month-day, e.g. 2022-02-07.');
    // 29 February of a leap year exists.
    const leap = await run(['check', round('annex-leap', `${ROUND}annex:\n  date: 2024-02-29\n`), '--format', 'json'], { cwd: work });
    expect(codes(leap.stdout)).not.toContain('invalid-format');
  });

  it("previous-not-json, previous-invalid: last year's results that cannot be read", async () => {
    const notJson = round('prev-not-json', `${ROUND}previous: prev.json\n`);
    writeFileSync(path.join(notJson, 'prev.json'), 'this is not JSON');
    const a = await run(['check', notJson, '--format', 'json'], { cwd: work });
    expect(codes(a.stdout)).toContain('previous-not-json');

    const invalid = round('prev-invalid', `${ROUND}previous: prev.json\n`);
    writeFileSync(path.join(invalid, 'prev.json'), JSON.stringify({ units: 'none' }));
    const b = await run(['check', invalid, '--format', 'json'], { cwd: work });
    expect(codes(b.stdout)).toContain('previous-invalid');
  });

  it('results-not-json, results-invalid: report from a results file that is not one', async () => {
    const notJson = path.join(work, 'r1.json');
    writeFileSync(notJson, '{ broken');
    const a = await run(['report', notJson, '-o', path.join(work, 'a.xlsx')], { cwd: work });
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('results-not-json');
    const invalid = path.join(work, 'r2.json');
    writeFileSync(invalid, JSON.stringify({ schemaVersion: 2, units: [] }));
    const b = await run(['report', invalid, '-o', path.join(work, 'b.xlsx')], { cwd: work });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('results-invalid');
    expect(readdirSync(work).filter((f) => f.endsWith('.xlsx'))).toEqual([]);
  });

  it('results-unknown-code: a results file whose unit lists a criterion the tree does not have', async () => {
    const file = path.join(work, 'full.json');
    expect((await run(['rank', path.join(ROOT, 'samples', '2021'), '-o', file])).code).toBe(0);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { units: { leaves: { code: string }[] }[] };
    json.units[0]!.leaves[0]!.code = '9.9.9';
    writeFileSync(file, JSON.stringify(json));
    const r = await run(['report', file, '-o', path.join(work, 'c.xlsx')], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('results-unknown-code');
  });

  it('unit-not-submitted: one warning for a unit marked chua-nop, none per item', async () => {
    const dir = round('not-submitted', `${ROUND}status:\n  B: chua-nop\n`);
    const r = await run(['check', dir, '--format', 'json'], { cwd: work });
    expect(codes(r.stdout).filter((c) => c === 'unit-not-submitted')).toEqual(['unit-not-submitted']);
  });

  it('output-is-directory: -o names a folder', async () => {
    const dir = round('out-dir', ROUND);
    mkdirSync(path.join(dir, 'results.json'));
    const r = await run(['rank', dir, '-o', path.join(dir, 'results.json')], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('output-is-directory');
  });

  it('no-survey-table: a survey file with no unit column', async () => {
    const dir = round('no-survey-table', ROUND);
    writeFileSync(path.join(dir, 'survey.csv'), 'Tiêu chí,Điểm\n8.1.1,2\n');
    const r = await run(['check', dir, '--format', 'json'], { cwd: work });
    expect(r.code).toBe(2);
    expect(codes(r.stdout)).toContain('no-survey-table');
  });
});

/**
 * Codes no test can produce on this machine, each with the reason. Anything
 * else in the catalogue must be named by a test or a fixture's expected output.
 */
const NOT_PRODUCIBLE_HERE: Record<string, string> = {
  'file-locked': 'a file held open by Excel: a Windows lock (EBUSY, or EPERM/EACCES on Windows); tests run on Linux as root',
  'list-too-long': "no list in today's formats has a maximum length; kept for the shape checks that map zod's too_big on lists",
};

describe('the catalogue', () => {
  it('every code is produced, or named, by some test', () => {
    const texts: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|txt|json|py|mjs)$/.test(e.name)) texts.push(readFileSync(p, 'utf8'));
      }
    };
    walk(path.join(ROOT, 'test'));
    const all = texts.join('\n');
    const unnamed = DIAGNOSTIC_CODES.filter((c) => !(c in NOT_PRODUCIBLE_HERE) && !new RegExp(`(^|[^a-z0-9-])${c}([^a-z0-9-]|$)`).test(all.replace(/NOT_PRODUCIBLE_HERE[\s\S]*?\n};/, '')));
    expect(unnamed).toEqual([]);
  });
});
