// Input guards and output safety, at the level of the functions that own them.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputFailureCode } from '../src/io/output.js';
import { writeFileAtomic } from '../src/io/write-atomic.js';
import { inspectXlsx, readZipText } from '../src/io/xlsx-guard.js';
import { ROOT } from './helpers.js';

const sample = readFileSync(path.join(ROOT, 'samples', '2021', 'survey.xlsx'));

describe('xlsx guard', () => {
  it('passes a real workbook and reads one of its parts', () => {
    expect(inspectXlsx(sample, false)).toBeUndefined();
    expect(readZipText(sample, 'xl/workbook.xml')).toContain('Điều tra XHH');
  });
  it('limits file size, unpacked size and parts', () => {
    expect(inspectXlsx(sample, false, { maxFileBytes: 100, maxUnpackedBytes: 1e9, maxEntries: 100 })).toMatchObject({ code: 'xlsx-too-large' });
    expect(inspectXlsx(sample, false, { maxFileBytes: 1e9, maxUnpackedBytes: 1000, maxEntries: 100 })).toMatchObject({ code: 'xlsx-unpacked-too-large' });
    expect(inspectXlsx(sample, false, { maxFileBytes: 1e9, maxUnpackedBytes: 1e9, maxEntries: 2 })).toMatchObject({ code: 'xlsx-too-many-parts' });
  });
  it('tells legacy, encrypted, non-zip and truncated files apart', () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(inspectXlsx(ole, true)).toEqual({ code: 'xlsx-legacy' });
    expect(inspectXlsx(ole, false)).toEqual({ code: 'xlsx-encrypted' });
    expect(inspectXlsx(Buffer.from('hello'), false)).toEqual({ code: 'xlsx-not-zip' });
    expect(inspectXlsx(sample.subarray(0, sample.length - 30), false)).toEqual({ code: 'xlsx-corrupt' });
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
