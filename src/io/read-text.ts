/** Reads input files for the core, turning every failure into a diagnostic. Never throws. */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { LIMITS } from '../core/limits.js';
import { fatalDiagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics/index.js';
import { pathOnDisk } from './nfc-path.js';

/** Text inputs larger than this are refused (see core/limits.ts); YAML readers pass a lower limit. */
const MAX_TEXT_BYTES = LIMITS.tableBytes;

export type BytesInput = { ok: true; bytes: Buffer; sha256: string } | { ok: false; diagnostic: Diagnostic };
type TextInput = { ok: true; text: string; bytes: Buffer; sha256: string } | { ok: false; diagnostic: Diagnostic };

function fail(file: string, code: DiagnosticCode, params: Record<string, string | number>): { ok: false; diagnostic: Diagnostic } {
  return { ok: false, diagnostic: fatalDiagnostic(file, code, params) };
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

/**
 * `absPath` is opened read-only; `file` is how the user named it, for messages.
 * What was opened is checked on the handle (not by name beforehand), so a
 * device, a pipe or a socket put in a file's place is refused, and at most
 * `limit` + 1 bytes are ever read, whatever the file claims its size is.
 */
export async function readBytesInput(givenPath: string, file: string, limit = MAX_TEXT_BYTES): Promise<BytesInput> {
  const absPath = pathOnDisk(givenPath);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // Non-blocking, so opening a pipe with no writer returns at once instead of waiting forever.
    handle = await open(absPath, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EISDIR') return fail(file, 'file-is-directory', { path: file });
    return ioFailure(file, err);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) return fail(file, 'file-is-directory', { path: file });
    if (!info.isFile()) return fail(file, 'file-not-regular', { path: file });
    if (info.size > limit) return fail(file, 'file-too-large', { size: (info.size / 1048576).toFixed(1), limit: String(Math.round(limit / 1048576)) });
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const want = Math.min(Math.max(info.size - total, 0) + 1, limit + 1 - total, 16 * 1048576);
      const chunk = Buffer.allocUnsafe(Math.max(want, 1));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      // The file grew while being read: refuse rather than read on.
      if (total > limit) return fail(file, 'file-too-large', { size: (total / 1048576).toFixed(1), limit: String(Math.round(limit / 1048576)) });
    }
    const bytes = Buffer.concat(chunks, total);
    return { ok: true, bytes, sha256: sha256(bytes) };
  } catch (err) {
    return ioFailure(file, err);
  } finally {
    await handle.close().catch(() => undefined);
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
