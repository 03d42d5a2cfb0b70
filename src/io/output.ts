/**
 * Where parscore writes: never over one of its inputs (by any spelling, link
 * or hard link), never over a special file, never through a symbolic link,
 * never over a file it did not make unless told to (--force), always
 * atomically.
 */
import { lstat, mkdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { fatalDiagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics/index.js';
import { pathOnDisk } from './nfc-path.js';
import { stageFile, writeFileAtomic, type FileData, type StagedFile } from './write-atomic.js';

interface OutputRequest {
  abs: string;
  shown: string;
  force: boolean;
  /** Absolute paths of every input of the run: files and folders. */
  inputs: readonly string[];
  /** True when an existing file at the target was written by parscore (safe to replace). */
  madeByUs?: (abs: string) => Promise<boolean>;
}

function fail(file: string, code: DiagnosticCode, params: Record<string, string | number> = {}): Diagnostic {
  return fatalDiagnostic(file, code, { path: file, ...params });
}

/** A file's identity: the same file has it under every name, link and hard link. */
async function identity(abs: string): Promise<string | undefined> {
  try {
    const s = await stat(abs);
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
}

/** The real path, NFC, for comparing a file that does not exist yet with the inputs. */
async function realName(abs: string): Promise<string | undefined> {
  try {
    return (await realpath(path.dirname(abs))).normalize('NFC') + path.sep + path.basename(abs).normalize('NFC');
  } catch {
    return undefined;
  }
}

/** Whether the folder holding `dir` ignores letter case (macOS and Windows by default). */
async function caseInsensitive(dir: string): Promise<boolean> {
  const base = path.basename(dir);
  const flipped = base === base.toUpperCase() ? base.toLowerCase() : base.toUpperCase();
  if (flipped === base) return false;
  const [a, b] = await Promise.all([identity(dir), identity(path.join(path.dirname(dir), flipped))]);
  return a !== undefined && a === b;
}

/** Is `target` one of `inputs`, by identity, by real path in NFC, or case-folded on a case-insensitive volume? */
async function isInput(target: string, inputs: readonly string[]): Promise<boolean> {
  const spellings = [...new Set([target, pathOnDisk(target)])];
  const ids = new Set((await Promise.all(inputs.map(identity))).filter((i): i is string => i !== undefined));
  for (const s of spellings) {
    const id = await identity(s);
    if (id !== undefined && ids.has(id)) return true;
  }
  const names = new Set((await Promise.all(inputs.map((i) => realName(path.resolve(i))))).filter((n): n is string => n !== undefined));
  const own = await realName(target);
  if (own === undefined) return false;
  if (names.has(own)) return true;
  if (await caseInsensitive(path.dirname(own))) {
    const folded = own.toLowerCase();
    for (const n of names) if (n.toLowerCase() === folded) return true;
  }
  return false;
}

export async function checkOutput(req: OutputRequest): Promise<Diagnostic | undefined> {
  const target = path.resolve(req.abs);
  if (await isInput(target, req.inputs)) return fail(req.shown, 'output-is-input');
  let link: Awaited<ReturnType<typeof lstat>> | undefined;
  try {
    link = await lstat(target);
  } catch {
    return undefined;
  }
  let info: Awaited<ReturnType<typeof stat>> | undefined;
  try {
    info = await stat(target);
  } catch {
    info = undefined; // a dangling link
  }
  if (info?.isDirectory()) return fail(req.shown, 'output-is-directory');
  // A device, a pipe or a socket is never replaced, not even with --force (nor as root).
  if (info && !info.isFile()) return fail(req.shown, 'output-not-regular');
  if (link.isSymbolicLink()) return req.force ? undefined : fail(req.shown, 'output-is-symlink');
  if (req.force) return undefined;
  if (req.madeByUs && (await req.madeByUs(target))) return undefined;
  return fail(req.shown, 'output-exists');
}

export async function writeOutput(abs: string, shown: string, data: FileData): Promise<Diagnostic | undefined> {
  try {
    await mkdir(path.dirname(abs), { recursive: true });
    await writeFileAtomic(abs, data);
    return undefined;
  } catch (err) {
    return writeFailure(shown, err);
  }
}

/**
 * Writes a file as `produce` makes it, atomically: `produce` writes into a
 * stream that goes to a temporary file beside `abs`, renamed into place only
 * when `produce` has finished and the file is on disk. If either side fails
 * (the producer throws, the disk is full), the other is stopped (`signal`),
 * the temporary file is removed and no file at `abs` changes.
 */
export async function writeOutputStream(abs: string, shown: string, produce: (out: Writable, signal: AbortSignal) => Promise<void>): Promise<Diagnostic | undefined> {
  const out = new PassThrough();
  // Its errors reach the caller through the two promises below; the stream itself need not report them again.
  out.on('error', () => undefined);
  const stop = new AbortController();
  try {
    await mkdir(path.dirname(abs), { recursive: true });
    const producing = produce(out, stop.signal).catch((err: unknown) => {
      out.destroy(err instanceof Error ? err : new Error(String(err)));
      throw err;
    });
    const staging = stageFile(abs, out).catch((err: unknown) => {
      stop.abort(err);
      throw err;
    });
    const [made, staged] = await Promise.allSettled([producing, staging]);
    if (staged.status === 'fulfilled') {
      if (made.status === 'rejected') {
        await staged.value.discard();
        throw made.reason;
      }
      await staged.value.commit();
      return undefined;
    }
    // The file's own failure (ENOSPC, EACCES) says more than the producer's "aborted".
    throw staged.reason;
  } catch (err) {
    return writeFailure(shown, err);
  }
}

function writeFailure(shown: string, err: unknown): Diagnostic {
  const code = (err as NodeJS.ErrnoException).code ?? String(err);
  return fail(shown, outputFailureCode(code), { reason: code });
}

interface PlannedOutput {
  abs: string;
  shown: string;
  /** Built only when every target has passed its checks. */
  data: () => Promise<string | Uint8Array | Iterable<string>>;
}

/**
 * Writes several files all or none: each is written in full to a temporary
 * file first; only when all are written are they renamed into place. On any
 * failure every temporary file is removed and no target changes. Returns the
 * targets written (shown names) or the failure.
 */
export async function writeOutputs(outputs: readonly PlannedOutput[]): Promise<{ written: string[]; problem?: Diagnostic }> {
  const staged: { out: PlannedOutput; file: StagedFile }[] = [];
  for (const out of outputs) {
    try {
      await mkdir(path.dirname(out.abs), { recursive: true });
      staged.push({ out, file: await stageFile(out.abs, await out.data()) });
    } catch (err) {
      await Promise.all(staged.map((s) => s.file.discard()));
      return { written: [], problem: writeFailure(out.shown, err) };
    }
  }
  const written: string[] = [];
  for (const [i, s] of staged.entries()) {
    try {
      await s.file.commit();
      written.push(s.out.shown);
    } catch (err) {
      // A rename seldom fails once the data is on disk; what was renamed stays, the rest is removed.
      await Promise.all(staged.slice(i + 1).map((r) => r.file.discard()));
      return { written, problem: writeFailure(s.out.shown, err) };
    }
  }
  return { written };
}

/** What a failed write means for the user. Windows reports a file open in Excel as EBUSY or EPERM. */
export function outputFailureCode(errno: string): DiagnosticCode {
  if (errno === 'EBUSY' || errno === 'EPERM') return 'output-locked';
  if (errno === 'EACCES' || errno === 'EROFS') return 'output-not-writable';
  if (errno === 'ENOSPC') return 'output-disk-full';
  return 'output-failed';
}

/** A results.json written by parscore (so `rank -o` may refresh it). */
export async function isParscoreJson(abs: string): Promise<boolean> {
  try {
    const { readBytesInput } = await import('./read-text.js');
    const { LIMITS } = await import('../core/limits.js');
    const { objectMembers, parseSpan } = await import('./json-split.js');
    const input = await readBytesInput(abs, abs, LIMITS.resultsBytes);
    if (!input.ok) return false;
    // Only `tool` is parsed: a national results file is hundreds of MB.
    const members = objectMembers(input.bytes);
    const tool = members?.get('tool');
    const data = (members ? { tool: tool && parseSpan(input.bytes, tool) } : JSON.parse(input.bytes.toString('utf8'))) as { tool?: { name?: string } };
    return data.tool?.name === 'parscore';
  } catch {
    return false;
  }
}

/**
 * The mark parscore puts in the keywords of the workbooks it writes as
 * OUTPUTS (reports), never in the forms it sends to departments: the
 * creator field a template carries survives filling in and saving, so a
 * returned form would otherwise look like parscore's own file.
 */
const OUTPUT_MARK = 'parscore-output';

/** Marks an exceljs workbook as a parscore output (see OUTPUT_MARK). */
export function markAsOutput(wb: { keywords: string }): void {
  wb.keywords = OUTPUT_MARK;
}

/** A workbook written by parscore as an output: its keywords carry OUTPUT_MARK. */
export async function isParscoreWorkbook(abs: string): Promise<boolean> {
  try {
    const { readZipText } = await import('./xlsx-guard.js');
    const { readBytesInput } = await import('./read-text.js');
    const input = await readBytesInput(abs, abs, 100 * 1024 * 1024);
    if (!input.ok) return false;
    const core = readZipText(input.bytes, 'docProps/core.xml');
    return core !== undefined && new RegExp(`<cp:keywords>${OUTPUT_MARK}</cp:keywords>`).test(core);
  } catch {
    return false;
  }
}

/** Reads a file (through the guarded reader) and writes a copy: never writes through a link at the target. */
export async function copyOutput(srcAbs: string, srcShown: string, abs: string, shown: string): Promise<Diagnostic | undefined> {
  const { readBytesInput } = await import('./read-text.js');
  const input = await readBytesInput(srcAbs, srcShown);
  if (!input.ok) return input.diagnostic;
  return writeOutput(abs, shown, input.bytes);
}
