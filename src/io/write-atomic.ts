/**
 * Writes files atomically: to a temporary file beside the target, then a
 * rename. A crash or a full disk never leaves half a file, and the previous
 * version stays intact until the new one is complete.
 *
 * Temporary files are named `.parscore-<pid>-<random>.tmp`: short, so a
 * target name of 255 bytes still has a valid temporary name beside it, and
 * recognisable, so a later run removes the ones a killed run left behind
 * (their process no longer exists). Temporary files of this process are
 * removed on exit and on SIGINT/SIGTERM/SIGHUP.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

const TEMP_NAME = /^\.parscore-([0-9a-z]+)-[0-9a-f]{8}\.tmp$/;
/** The name earlier versions used: `.<target>.<pid>.<hex>.tmp`. */
const OLD_TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/** Temporary files this process has open, removed on every exit path. */
const live = new Set<string>();
let hooked = false;

function removeLiveSync(): void {
  for (const file of live) {
    try {
      rmSync(file, { force: true });
    } catch {
      // Nothing more can be done while exiting.
    }
  }
  live.clear();
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', removeLiveSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      removeLiveSync();
      process.removeListener(signal, onSignal);
      // With our listener gone, the signal's default action ends the process as it would have.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Name of a temporary file for this process in `dir`: at most 30 bytes. */
function tempName(dir: string): string {
  return path.join(dir, `.parscore-${process.pid.toString(36)}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Removes temporary files that runs killed before they could clean up left in `dir`. */
export async function removeStaleTemps(dir: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const m = TEMP_NAME.exec(name);
    const old = m ? undefined : OLD_TEMP_NAME.exec(name);
    const pid = m ? parseInt(m[1]!, 36) : old ? Number(old[1]) : undefined;
    if (pid === undefined || isAlive(pid)) continue;
    const file = path.join(dir, name);
    try {
      if ((await stat(file)).isFile()) await rm(file, { force: true });
    } catch {
      // Another run removed it first.
    }
  }
}

/** A file written in full to a temporary name, waiting to be renamed into place. */
export interface StagedFile {
  target: string;
  tmp: string;
  /** Renames the temporary file onto the target. */
  commit(): Promise<void>;
  /** Removes the temporary file. */
  discard(): Promise<void>;
}

/** What a file is written from: whole, line by line, or as a stream read to its end (a report written as it is made). */
export type FileData = string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * Writes `data` to a temporary file beside `target`, synced to disk, with the
 * permission bits of the file it will replace (so 0600 and 0444 stay).
 */
export async function stageFile(target: string, data: FileData): Promise<StagedFile> {
  const dir = path.dirname(target);
  await removeStaleTemps(dir);
  hookExit();
  const tmp = tempName(dir);
  let mode: number | undefined;
  try {
    const old = await stat(target);
    if (old.isFile()) mode = old.mode & 0o7777;
  } catch {
    mode = undefined;
  }
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  live.add(tmp);
  try {
    handle = await open(tmp, 'wx');
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    else if (Symbol.asyncIterator in data) for await (const chunk of data) await handle.write(chunk);
    // Text or bytes: two overloads of write.
    else for (const chunk of data) await (typeof chunk === 'string' ? handle.write(chunk) : handle.write(chunk));
    if (mode !== undefined) await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    handle = undefined;
  } catch (err) {
    if (handle) await handle.close().catch(() => undefined);
    await rm(tmp, { force: true }).catch(() => undefined);
    live.delete(tmp);
    throw err;
  }
  return {
    target,
    tmp,
    async commit() {
      try {
        await rename(tmp, target);
      } catch (err) {
        await rm(tmp, { force: true }).catch(() => undefined);
        throw err;
      } finally {
        live.delete(tmp);
      }
    },
    async discard() {
      await rm(tmp, { force: true }).catch(() => undefined);
      live.delete(tmp);
    },
  };
}

export async function writeFileAtomic(target: string, data: FileData): Promise<void> {
  const staged = await stageFile(target, data);
  await staged.commit();
}
