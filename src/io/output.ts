/**
 * Where parscore writes: never over one of its inputs, never over a file it
 * did not make unless told to (--force), always atomically.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/index.js';
import { writeFileAtomic } from './write-atomic.js';

export interface OutputRequest {
  abs: string;
  shown: string;
  force: boolean;
  /** Absolute paths of every input of the run. */
  inputs: readonly string[];
  /** True when an existing file at the target was written by parscore (safe to replace). */
  madeByUs?: (abs: string) => Promise<boolean>;
}

function fail(file: string, code: string, params: Record<string, string | number> = {}): Diagnostic {
  return { code, severity: 'error', file, params: { path: file, ...params }, fatal: true };
}

export async function checkOutput(req: OutputRequest): Promise<Diagnostic | undefined> {
  const target = path.resolve(req.abs);
  if (req.inputs.some((i) => path.resolve(i) === target)) return fail(req.shown, 'output-is-input');
  let info;
  try {
    info = await stat(target);
  } catch {
    return undefined;
  }
  if (info.isDirectory()) return fail(req.shown, 'output-is-directory');
  if (req.force) return undefined;
  if (req.madeByUs && (await req.madeByUs(target))) return undefined;
  return fail(req.shown, 'output-exists');
}

export async function writeOutput(abs: string, shown: string, data: string | Uint8Array | Iterable<string>): Promise<Diagnostic | undefined> {
  try {
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFileAtomic(abs, data);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    return fail(shown, outputFailureCode(code), { reason: code });
  }
}

/** What a failed write means for the user. Windows reports a file open in Excel as EBUSY or EPERM. */
export function outputFailureCode(errno: string): string {
  if (errno === 'EBUSY' || errno === 'EPERM') return 'output-locked';
  if (errno === 'EACCES' || errno === 'EROFS') return 'output-not-writable';
  if (errno === 'ENOSPC') return 'output-disk-full';
  return 'output-failed';
}

/** A results.json written by parscore (so `rank -o` may refresh it). */
export async function isParscoreJson(abs: string): Promise<boolean> {
  try {
    const data = JSON.parse(await readFile(abs, 'utf8')) as { tool?: { name?: string } };
    return data.tool?.name === 'parscore';
  } catch {
    return false;
  }
}

/** A workbook written by parscore (its document properties name parscore as creator). */
export async function isParscoreWorkbook(abs: string): Promise<boolean> {
  try {
    const { readZipText } = await import('./xlsx-guard.js');
    const core = readZipText(await readFile(abs), 'docProps/core.xml');
    return core !== undefined && /<dc:creator>parscore<\/dc:creator>/.test(core);
  } catch {
    return false;
  }
}
