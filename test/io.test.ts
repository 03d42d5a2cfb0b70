// Input guards and output safety, at the level of the functions that own them.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputFailureCode } from '../src/io/output.js';
import { writeFileAtomic } from '../src/io/write-atomic.js';
import { recogniseWorkbook } from '../src/io/workbook-read.js';
import { readZipText } from '../src/io/xlsx-guard.js';
import { Zip } from '../src/io/zip.js';
import { forgeOle } from './forge.js';
import { ROOT } from './helpers.js';

const sample = readFileSync(path.join(ROOT, 'samples', '2021', 'survey.xlsx'));

describe('zip reader', () => {
  it('opens a real workbook and reads one of its parts', () => {
    expect('zip' in Zip.open(sample)).toBe(true);
    expect(readZipText(sample, 'xl/workbook.xml')).toContain('Điều tra XHH');
  });
  it('tells legacy, encrypted, non-zip and truncated files apart', () => {
    expect(recogniseWorkbook(forgeOle(['Workbook']))).toMatchObject({ problem: { code: 'xlsx-legacy' } });
    expect(recogniseWorkbook(forgeOle(['EncryptionInfo', 'EncryptedPackage']))).toMatchObject({ problem: { code: 'xlsx-encrypted' } });
    expect(recogniseWorkbook(Buffer.from('hello'))).toMatchObject({ problem: { code: 'xlsx-not-zip' } });
    expect(recogniseWorkbook(sample.subarray(0, sample.length - 30))).toMatchObject({ problem: { code: 'xlsx-corrupt' } });
    expect(readZipText(sample.subarray(0, sample.length - 30), 'xl/workbook.xml')).toBeUndefined();
  });
});

describe('output', () => {
  it('names a file open in Excel, a read-only place and a full disk', () => {
    expect(outputFailureCode('EBUSY')).toBe('output-locked');
    expect(outputFailureCode('EPERM')).toBe('output-locked');
    expect(outputFailureCode('EACCES')).toBe('output-not-writable');
    expect(outputFailureCode('EROFS')).toBe('output-not-writable');
    expect(outputFailureCode('ENOSPC')).toBe('output-disk-full');
    expect(outputFailureCode('EIO')).toBe('output-failed');
  });

  it('an interrupted write leaves the previous file intact and no temporary file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'parscore-atomic-'));
    const target = path.join(dir, 'results.json');
    writeFileSync(target, 'previous');
    function* chunks(): Generator<string> {
      yield 'half of the new';
      throw new Error('interrupted');
    }
    await expect(writeFileAtomic(target, chunks())).rejects.toThrow('interrupted');
    expect(readFileSync(target, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['results.json']);
    await writeFileAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['results.json']);
  });
});

describe('column letters', () => {
  it('go past Z as Excel counts them', async () => {
    const { columnLetter } = await import('../src/evidence/cells.js');
    expect([1, 26, 27, 52, 53, 702, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
