// No output lands on anything a user made (issue 12, items 5, 6, 7 and the atomic-write parts of 10).
// Every hostile input is made here, by the test, in a temporary folder removed afterwards.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { checkOutput, writeOutput, writeOutputs } from '../src/io/output.js';
import { readBytesInput } from '../src/io/read-text.js';
import { removeStaleTemps } from '../src/io/write-atomic.js';
import { ROOT, run, tempFolders } from './helpers.js';

const tmp = tempFolders('harden');

/** The sample round copied into a temporary folder, laid out as in the repository. */
function sampleRound(): { root: string; round: string } {
  const root = tmp('round');
  cpSync(path.join(ROOT, 'samples', '2021'), path.join(root, 'samples', '2021'), { recursive: true });
  cpSync(path.join(ROOT, 'samples', '2020'), path.join(root, 'samples', '2020'), { recursive: true });
  mkdirSync(path.join(root, 'criteria'));
  cpSync(path.join(ROOT, 'criteria', 'so-nganh-mau.yaml'), path.join(root, 'criteria', 'so-nganh-mau.yaml'));
  return { root, round: path.join(root, 'samples', '2021') };
}

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const l = lstatSync(p);
      if (l.isDirectory()) walk(p);
      else if (l.isFile()) out[path.relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

const FORM = 'evidence/SNV - Sở Nội vụ.xlsx';
const nfd = (p: string): string => p.normalize('NFD');

describe('same-file checks by identity (item 6)', () => {
  const { root, round } = sampleRound();
  // Every kind of input: the round file, units, a returned form, the survey, last year's results, the criteria set.
  const inputs = ['parscore.yaml', 'units.yaml', FORM, 'survey.xlsx', '../2020/results.json', '../../criteria/so-nganh-mau.yaml'].map((p) => path.resolve(round, p));
  const aliases = tmp('aliases');
  symlinkSync(path.join(round, 'evidence'), path.join(aliases, 'linked-folder'));

  it('an input is recognised by its path, NFD spelling, symlink, hard link and a symlinked folder, with or without --force', async () => {
    for (const [i, input] of inputs.entries()) {
      const link = path.join(aliases, `link-${i}`);
      const hard = path.join(aliases, `hard-${i}`);
      symlinkSync(input, link);
      linkSync(input, hard);
      const spellings = [input, nfd(input), link, hard];
      if (input.includes(`${path.sep}evidence${path.sep}`)) spellings.push(path.join(aliases, 'linked-folder', path.basename(input)));
      for (const abs of spellings) {
        for (const force of [false, true]) {
          const problem = await checkOutput({ abs, shown: 'out', force, inputs });
          expect(problem?.code, `${abs} force=${force}`).toBe('output-is-input');
          expect(problem?.fatal).toBe(true);
        }
      }
    }
  });

  it('on the sample round, report -o and rank -o aimed at any input are refused: exit 2, a located message, nothing changed', async () => {
    const before = hashes(root);
    const form = path.join(round, FORM);
    const link = path.join(aliases, 'form-link.xlsx');
    const hard = path.join(aliases, 'form-hard.xlsx');
    symlinkSync(form, link);
    linkSync(form, hard);
    const prevLink = path.join(aliases, 'prev-link.json');
    symlinkSync(path.resolve(round, '../2020/results.json'), prevLink);
    const targets: [string, string][] = [
      ['report', FORM],
      ['report', nfd(FORM)],
      ['report', link],
      ['report', hard],
      ['report', 'units.yaml'],
      ['rank', '../2020/results.json'],
      ['rank', prevLink],
      ['rank', nfd(FORM)],
      ['rank', 'parscore.yaml'],
    ];
    for (const [i, [command, target]] of targets.entries()) {
      const force = i % 2 === 0 ? ['--force'] : [];
      const r = await run([command, '-o', target, ...force], { cwd: round });
      expect(r.code, `${command} -o ${target}`).toBe(2);
      // A name whose extension is not what the command writes is refused first, by its name;
      // every other alias of an input is refused by identity.
      const wanted = command === 'report' ? '.xlsx' : '.json';
      if (!target.endsWith(wanted)) {
        expect(r.stderr).toBe(`Lệnh không đúng: "${target}" không có đuôi ${wanted}: tệp ghi ra là ${wanted}. Đặt tên tệp có đuôi ${wanted}.\n`);
        continue;
      }
      expect(r.stderr).toContain(`Không ghi vào "${target}": đó là một tệp đầu vào.`);
      expect(r.stderr).toContain('output-is-input');
    }
    expect(hashes(root)).toEqual(before);
  }, 120_000);

  it('a returned form is never "ours": report -o over a filled form is refused without --force even when it is not an input', async () => {
    const dir = tmp('returned');
    // A department's form: made by `template` (creator parscore), then filled in elsewhere.
    const t = await run(['template', '--criteria', path.join(round, '../../criteria/so-nganh-mau.yaml'), '--units', path.join(round, 'units.yaml'), '--out', dir]);
    expect(t.code).toBe(0);
    const returned = readdirSync(dir).find((n) => n.startsWith('SNV'))!;
    const before = readFileSync(path.join(dir, returned));
    const r = await run(['report', '-o', path.join(dir, returned)], { cwd: round });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('  output-exists');
    expect(readFileSync(path.join(dir, returned)).equals(before)).toBe(true);
    // A report parscore wrote carries the output mark and may be refreshed.
    const out = path.join(dir, 'bao-cao.xlsx');
    expect((await run(['report', '-o', out], { cwd: round })).code).toBe(0);
    expect((await run(['report', '-o', out], { cwd: round })).code).toBe(0);
  }, 120_000);

  it('report results.json -o a form the results were made from is refused, even with --force', async () => {
    const out = path.join(aliases, 'r.json');
    expect((await run(['rank', '-o', out], { cwd: round })).code).toBe(0);
    const before = hashes(path.join(round, 'evidence'));
    for (const target of [FORM, nfd(FORM)]) {
      const r = await run(['report', out, '-o', target, '--force'], { cwd: round });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('  output-is-input');
    }
    expect(hashes(path.join(round, 'evidence'))).toEqual(before);
  }, 60_000);

  it('rank --unit NOPE -o r.json: exit 2 and no r.json', async () => {
    const r = await run(['rank', '--unit', 'NOPE', '-o', 'r.json'], { cwd: round });
    expect(r.code).toBe(2);
    expect(existsSync(path.join(round, 'r.json'))).toBe(false);
  }, 60_000);
});

describe('special files (item 7)', () => {
  it('a FIFO, a device and a socket-like target are refused as outputs, even with --force', async () => {
    const dir = tmp('special');
    const fifo = path.join(dir, 'pipe.xlsx');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    for (const force of [false, true]) {
      expect((await checkOutput({ abs: fifo, shown: 'pipe.xlsx', force, inputs: [] }))?.code).toBe('output-not-regular');
      expect((await checkOutput({ abs: '/dev/full', shown: '/dev/full', force, inputs: [] }))?.code).toBe('output-not-regular');
      expect((await checkOutput({ abs: '/dev/null', shown: '/dev/null', force, inputs: [] }))?.code).toBe('output-not-regular');
    }
    // Through the command: a FIFO named like a report (a device has no .xlsx name, and is refused by its name first).
    const r = await run(['report', '-o', fifo, '--force'], { cwd: path.join(ROOT, 'samples', '2021') });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(fifo);
    expect(r.stderr).toContain('  output-not-regular');
    const dev = await run(['report', '-o', '/dev/full', '--force'], { cwd: path.join(ROOT, 'samples', '2021') });
    expect(dev.code).toBe(2);
    expect(dev.stderr).toBe('Lệnh không đúng: "/dev/full" không có đuôi .xlsx: tệp ghi ra là .xlsx. Đặt tên tệp có đuôi .xlsx.\n');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  }, 60_000);

  it('units: /dev/zero and a FIFO as an input are refused on the opened handle, at once', async () => {
    const dir = tmp('devzero');
    const fifo = path.join(dir, 'units.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const started = Date.now();
    const fromFifo = await readBytesInput(fifo, 'units.yaml');
    expect(fromFifo.ok ? 'ok' : fromFifo.diagnostic.code).toBe('file-not-regular');
    const fromZero = await readBytesInput('/dev/zero', 'units.yaml');
    expect(fromZero.ok ? 'ok' : fromZero.diagnostic.code).toBe('file-not-regular');
    expect(Date.now() - started).toBeLessThan(5_000);
    cpSync(path.join(ROOT, 'criteria', 'so-nganh-mau.yaml'), path.join(dir, 'c.yaml'));
    writeFileSync(path.join(dir, 'parscore.yaml'), 'year: 2021\ncriteria: c.yaml\nunits: /dev/zero\nevidence: ev/\n');
    mkdirSync(path.join(dir, 'ev'));
    const r = await run(['check', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('/dev/zero');
    expect(r.stdout).toContain('  file-not-regular');
  }, 60_000);

  it('init does not write through a symlinked units.yaml', async () => {
    const dir = tmp('init');
    const victim = path.join(dir, 'victim.yaml');
    writeFileSync(victim, 'do not touch\n');
    mkdirSync(path.join(dir, 'round'));
    symlinkSync(victim, path.join(dir, 'round', 'units.yaml'));
    const args = ['init', path.join(dir, 'round'), '--criteria', path.join(ROOT, 'criteria', 'so-nganh-mau.yaml'), '--units', path.join(ROOT, 'samples', '2021', 'units.yaml')];
    // An existing units.yaml (a link here) is kept, never written through, --force or not.
    for (const force of [[], ['--force']]) {
      const r = await run([...args, ...force]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('units.yaml (đã có)');
      expect(lstatSync(path.join(dir, 'round', 'units.yaml')).isSymbolicLink()).toBe(true);
      expect(readFileSync(victim, 'utf8')).toBe('do not touch\n');
    }
    // A dangling link where units.yaml goes: refused, and nothing appears where it points.
    const dangling = path.join(dir, 'round2');
    mkdirSync(dangling);
    symlinkSync(path.join(dir, 'nowhere.yaml'), path.join(dangling, 'units.yaml'));
    const d = await run(['init', dangling, ...args.slice(2)]);
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('  output-is-symlink');
    expect(existsSync(path.join(dir, 'nowhere.yaml'))).toBe(false);
    expect(readFileSync(victim, 'utf8')).toBe('do not touch\n');
  }, 60_000);
});

describe('atomic writes (item 10)', () => {
  it('refreshing an output keeps its mode: 0600 stays 0600, 0444 stays 0444', async () => {
    const dir = tmp('mode');
    for (const mode of [0o600, 0o444]) {
      const file = path.join(dir, `r-${mode.toString(8)}.json`);
      writeFileSync(file, '{}');
      chmodSync(file, mode);
      expect(await writeOutput(file, 'r.json', '{"a":1}')).toBeUndefined();
      expect(statSync(file).mode & 0o777).toBe(mode);
      expect(readFileSync(file, 'utf8')).toBe('{"a":1}');
    }
  });

  it('a valid 245-byte output name works (the temporary name stays short)', async () => {
    const dir = tmp('long');
    // 240 "a" + ".json" = 245 bytes, under NAME_MAX (255); the old temp suffix made it 270.
    const name = `${'a'.repeat(240)}.json`;
    expect(Buffer.byteLength(name)).toBe(245);
    expect(await writeOutput(path.join(dir, name), name, '{}')).toBeUndefined();
    expect(readdirSync(dir)).toEqual([name]);
  });

  it('temporary files left by a killed run are removed by the next run; a live run’s are kept', async () => {
    const dir = tmp('stale');
    // pid 2^22+1 is above Linux's pid_max default, so no such process exists.
    const dead = `.parscore-${(4194305).toString(36)}-0123abcd.tmp`;
    const oldStyle = `.r.json.4194305.89abcdef.tmp`;
    const mine = `.parscore-${process.pid.toString(36)}-fedcba98.tmp`;
    for (const n of [dead, oldStyle, mine, 'keep.txt']) writeFileSync(path.join(dir, n), 'x');
    await removeStaleTemps(dir);
    expect(readdirSync(dir).sort()).toEqual([mine, 'keep.txt'].sort());
  });

  it('a run killed while writing leaves no temporary file', async () => {
    const dir = tmp('killed');
    const script = path.join(dir, 'writer.mjs');
    // The real module, bundled for a plain node child: it stages an output, then is killed before committing it.
    buildSync({
      stdin: {
        contents: [
          "import { stageFile } from './src/io/write-atomic.ts';",
          `await stageFile(${JSON.stringify(path.join(dir, 'out.json'))}, 'x'.repeat(1 << 20));`,
          "process.stdout.write('staged\\n');",
          'setInterval(() => undefined, 1000);',
        ].join('\n'),
        resolveDir: ROOT,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: script,
      logLevel: 'silent',
    });
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toHaveLength(1);
      child.kill(signal);
      const got = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, sig) => resolve(sig)));
      // The process still ends by the signal, as it would have without parscore's clean-up.
      expect(got).toBe(signal);
      expect(readdirSync(dir)).toEqual(['writer.mjs']);
    }
  }, 60_000);

  it('several outputs are written all or none', async () => {
    const dir = tmp('all-or-none');
    const blocker = path.join(dir, 'blocked');
    writeFileSync(blocker, 'a file where a folder is needed');
    const { written, problem } = await writeOutputs([
      { abs: path.join(dir, 'a.txt'), shown: 'a.txt', data: async () => 'a' },
      { abs: path.join(blocker, 'b.txt'), shown: 'blocked/b.txt', data: async () => 'b' },
    ]);
    expect(written).toEqual([]);
    expect(problem?.file).toBe('blocked/b.txt');
    expect(readdirSync(dir)).toEqual(['blocked']);
  });
});
