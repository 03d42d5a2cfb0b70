/** Reads input files for the core, turning every failure into a diagnostic. Never throws. */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { LIMITS } from '../core/limits.js';
import type { Diagnostic } from '../diagnostics/index.js';
import { pathOnDisk } from './nfc-path.js';

/** Text inputs larger than this are refused (see core/limits.ts); YAML readers pass a lower limit. */
export const MAX_TEXT_BYTES = LIMITS.tableBytes;

export type BytesInput = { ok: true; bytes: Buffer; sha256: string } | { ok: false; diagnostic: Diagnostic };
export type TextInput = { ok: true; text: string; bytes: Buffer; sha256: string } | { ok: false; diagnostic: Diagnostic };

function fail(file: string, code: string, params: Record<string, string | number>): { ok: false; diagnostic: Diagnostic } {
  return { ok: false, diagnostic: { code, severity: 'error', file, params, fatal: true } };
}

function ioFailure(file: string, err: unknown): { ok: false; diagnostic: Diagnostic } {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return fail(file, 'file-not-found', { path: file });
  // Windows reports a file open in Excel as busy or locked; elsewhere EACCES
  // and EPERM only mean "no permission" (a CI checkout), never Excel.
  if (code === 'EBUSY' || (process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES'))) return fail(file, 'file-locked', { path: file, reason: code });
  return fail(file, 'file-unreadable', { path: file, reason: code ?? String(err) });
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `absPath` is opened read-only; `file` is how the user named it, for messages. */
export async function readBytesInput(givenPath: string, file: string, limit = MAX_TEXT_BYTES): Promise<BytesInput> {
  const absPath = pathOnDisk(givenPath);
  let info;
  try {
    info = await stat(absPath);
  } catch (err) {
    return ioFailure(file, err);
  }
  if (info.isDirectory()) return fail(file, 'file-is-directory', { path: file });
  if (info.size > limit) return fail(file, 'file-too-large', { size: (info.size / 1048576).toFixed(1), limit: String(Math.round(limit / 1048576)) });
  try {
    const bytes = await readFile(absPath, { flag: 'r' });
    return { ok: true, bytes, sha256: sha256(bytes) };
  } catch (err) {
    return ioFailure(file, err);
  }
}

export async function readTextInput(absPath: string, file: string, limit = MAX_TEXT_BYTES): Promise<TextInput> {
  const input = await readBytesInput(absPath, file, limit);
  if (!input.ok) return input;
  try {
    // TextDecoder drops a leading BOM, as Windows editors write one.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(input.bytes);
    return { ...input, text };
  } catch {
    return fail(file, 'file-not-utf8', {});
  }
}
