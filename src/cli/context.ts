/**
 * What every command is handed, and the one error a command throws for a
 * wrong call. Apart from main.ts so that commands never import the module
 * that registers them.
 */
import type { Lang } from '../core/lang.js';
import type { Palette } from '../report/diagnostics.js';
import type { Progress } from './progress.js';
import type { Strings } from './strings.js';

export interface Writer {
  write(text: string): unknown;
  /**
   * Writes text its maker vouches for as terminal-safe (escapeForTerminal
   * leaves it as it is), without scanning it again, as a string or as UTF-8
   * bytes; main's escaping writers have it, a raw stream does not.
   */
  writeTerminalSafe?(text: string | Uint8Array): unknown;
}

const utf8 = new TextDecoder();

/** A chunk as text: a chunk of bytes is whole UTF-8 (its maker ends it between characters). */
export function chunkText(chunk: string | Uint8Array): string {
  return typeof chunk === 'string' ? chunk : utf8.decode(chunk);
}

/**
 * Writes chunks, waiting when a stream's buffer is full, so large output is
 * never held whole. A chunk of bytes is whole UTF-8. `terminalSafe`: the
 * chunks' maker vouches for them (as resultsJsonChunks does when asked), so
 * they skip the terminal escaping.
 */
export async function writeChunks(writer: Writer, chunks: Iterable<string | Uint8Array>, { terminalSafe = false }: { terminalSafe?: boolean } = {}): Promise<void> {
  const safe = terminalSafe && writer.writeTerminalSafe ? writer.writeTerminalSafe.bind(writer) : undefined;
  const w = writer as Partial<NodeJS.WritableStream>;
  for (const chunk of chunks) {
    const ok = safe ? safe(chunk) : writer.write(chunkText(chunk));
    if (ok === false && typeof w.once === 'function') await new Promise<void>((resolve) => w.once!('drain', () => resolve()));
  }
}

export interface Io {
  stdout: Writer;
  stderr: Writer;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal (colour is used only then). */
  stdoutIsTTY: boolean;
  /** Whether stderr is a terminal (a long run's progress is shown only then). */
  stderrIsTTY?: boolean;
  /** Standard input, for `validate -`. */
  stdin?: AsyncIterable<Uint8Array | string>;
}

export interface CommandContext {
  io: Io;
  lang: Lang;
  s: Strings;
  palette: Palette;
  color: boolean;
  /** Set by the command's action: the run's exit code. */
  exitCode: number;
  /** A long run's progress on a terminal's stderr; does nothing otherwise. */
  progress: Progress;
}

/** A problem with how the command was called: printed plainly, exit code 2. */
export class UsageError extends Error {}
