// A file written as it is made (the streamed report): all or nothing. The bytes go to a temporary
// file beside the target, renamed into place only when the producer has finished; a producer
// that fails, or a file that cannot be written, leaves no file behind and the old one intact.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutputStream } from '../src/io/output.js';
import { tempFolders } from './helpers.js';

const temp = tempFolders('write-stream');

describe('writeOutputStream', () => {
  it('writes what the producer wrote, whole, once it has finished', async () => {
    const dir = temp('ok');
    const target = path.join(dir, 'r.xlsx');
    const problem = await writeOutputStream(target, 'r.xlsx', async (out) => {
      out.write('first half, ');
      await new Promise((r) => setTimeout(r, 10));
      // Until the producer ends the stream, the target does not exist: only a temporary file.
      expect(readdirSync(dir).filter((f) => f === 'r.xlsx')).toEqual([]);
      out.end('second half');
    });
    expect(problem).toBeUndefined();
    expect(readFileSync(target, 'utf8')).toBe('first half, second half');
    expect(readdirSync(dir)).toEqual(['r.xlsx']);
  });

  it('a producer that fails half-way: no file, no temporary file, the previous file unchanged', async () => {
    const dir = temp('fails');
    const target = path.join(dir, 'r.xlsx');
    writeFileSync(target, 'last year');
    const problem = await writeOutputStream(target, 'r.xlsx', async (out) => {
      out.write('half a workbook');
      await new Promise((r) => setTimeout(r, 10));
      throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    });
    expect(problem?.code).toBe('output-disk-full');
    expect(readFileSync(target, 'utf8')).toBe('last year');
    expect(readdirSync(dir)).toEqual(['r.xlsx']);
  });

  it('the folder goes away while writing (a USB stick pulled out): the producer is stopped, nothing is written', async () => {
    const dir = temp('gone');
    const folder = path.join(dir, 'usb');
    let stopped = false;
    const problem = await writeOutputStream(path.join(folder, 'r.xlsx'), 'r.xlsx', async (out, signal) => {
      rmSync(folder, { recursive: true });
      out.write('the first sheet');
      // The producer waits for the zip to take each sheet; the failed file stops it.
      await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
      stopped = true;
      throw new Error('aborted');
    });
    expect(stopped).toBe(true);
    // The file's own failure is reported, not the producer's "aborted".
    expect(problem?.code).toBe('output-failed');
    expect(problem?.params.reason).toBe('ENOENT');
    expect(readdirSync(dir)).toEqual([]);
  });
});
