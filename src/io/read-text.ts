/** Reads a text input (YAML, CSV) for the core, turning every failure into a diagnostic. */
import { readFile, stat } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/index.js';

/** Text inputs larger than this are refused: a real criteria or units file is well under 1 MB. */
export const MAX_TEXT_BYTES = 20 * 1024 * 1024;

export type TextInput = { ok: true; text: string; bytes: Buffer } | { ok: false; diagnostic: Diagnostic };

function fail(file: string, code: string, params: Record<string, string | number>): TextInput {
  return { ok: false, diagnostic: { code, severity: 'error', file, params, fatal: true } };
}

/**
 * `absPath` is opened read-only; `file` is how the user named it, for messages.
 * Never throws.
 */
export async function readTextInput(absPath: string, file: string, limit = MAX_TEXT_BYTES): Promise<TextInput> {
  let info;
  try {
    info = await stat(absPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return fail(file, 'file-not-found', { path: file });
    return fail(file, 'file-unreadable', { path: file, reason: code ?? String(err) });
  }
  if (info.isDirectory()) return fail(file, 'file-is-directory', { path: file });
  if (info.size > limit) {
    return fail(file, 'file-too-large', { size: (info.size / 1048576).toFixed(1), limit: String(limit / 1048576) });
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(absPath);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(file, 'file-unreadable', { path: file, reason: code ?? String(err) });
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { ok: true, text, bytes };
  } catch {
    return fail(file, 'file-not-utf8', {});
  }
}
