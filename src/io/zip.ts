/**
 * A zip reader that trusts nothing the zip declares. The central directory
 * is the only list of parts; every local header must agree with it, and the
 * parts must tile the file (nothing hidden between them, nothing overlapping).
 * Parts are inflated in memory as a stream, and the bytes that actually come
 * out of the decompressor are counted against a per-part and a total budget,
 * whatever sizes the zip claims. Nothing is written to disk.
 */
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { LIMITS } from '../core/limits.js';

export interface ZipLimits {
  /** Most parts (central-directory entries). */
  maxEntries: number;
  /** Most bytes one part may inflate to. */
  maxPartBytes: number;
  /** Most bytes all parts read may inflate to, added up. */
  maxTotalBytes: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: LIMITS.workbookParts,
  maxPartBytes: LIMITS.partBytes,
  maxTotalBytes: LIMITS.unpackedBytes,
};

/** Why a zip cannot be read. Codes are the workbook diagnostics' codes. */
export type ZipProblem =
  | { code: 'xlsx-corrupt'; detail: string }
  | { code: 'xlsx-encrypted' }
  | { code: 'xlsx-not-zip' }
  | { code: 'xlsx-too-many-parts'; count: number; limit: number }
  | { code: 'xlsx-unpacked-too-large'; size: number; limit: number };

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** What the central directory declares; never trusted as a bound. */
  declaredSize: number;
  /** Offset of the compressed bytes. */
  dataStart: number;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DESCRIPTOR = 0x08074b50;

const corrupt = (detail: string): ZipProblem => ({ code: 'xlsx-corrupt', detail });

/** Offset of the end-of-central-directory record (22 bytes plus a comment of up to 65,535), or -1. */
function findEnd(view: DataView): number {
  for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 22 - 65535); i--) {
    if (view.getUint32(i, true) === END) return i;
  }
  return -1;
}

/** Thrown inside a read to stop it; turned into a ZipProblem by the caller. */
export class ZipError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem.code);
  }
}

export class Zip {
  /** Bytes inflated so far, all parts together. */
  private inflated = 0;

  private constructor(
    private readonly bytes: Uint8Array,
    readonly entries: ReadonlyMap<string, ZipEntry>,
    private readonly limits: ZipLimits,
  ) {}

  /** Parses and cross-checks the directory; reads no part. */
  static open(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): { zip: Zip } | { problem: ZipProblem } {
    if (bytes.length < 4 || new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) !== LOCAL) return { problem: { code: 'xlsx-not-zip' } };
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = findEnd(view);
    if (end < 0) return { problem: corrupt('no end of central directory') };
    const count = view.getUint16(end + 10, true);
    const cdSize = view.getUint32(end + 12, true);
    const cdOffset = view.getUint32(end + 16, true);
    if (count === 0xffff || cdOffset === 0xffffffff) return { problem: corrupt('zip64 is not used by spreadsheets of this size') };
    if (count > limits.maxEntries) return { problem: { code: 'xlsx-too-many-parts', count, limit: limits.maxEntries } };
    if (cdOffset + cdSize > end) return { problem: corrupt('central directory out of bounds') };
    const decoder = new TextDecoder();
    const entries = new Map<string, ZipEntry>();
    const spans: { start: number; end: number; name: string }[] = [];
    let p = cdOffset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > end || view.getUint32(p, true) !== CENTRAL) return { problem: corrupt('central directory entry damaged') };
      const flags = view.getUint16(p + 8, true);
      const method = view.getUint16(p + 10, true);
      const compressedSize = view.getUint32(p + 20, true);
      const declaredSize = view.getUint32(p + 24, true);
      const nameLen = view.getUint16(p + 28, true);
      const next = p + 46 + nameLen + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
      const localOffset = view.getUint32(p + 42, true);
      if (next > end) return { problem: corrupt('central directory entry damaged') };
      const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
      p = next;
      if (flags & 0x1) return { problem: { code: 'xlsx-encrypted' } };
      if (method !== 0 && method !== 8) return { problem: corrupt(`${name}: compression method ${method}`) };
      if (entries.has(name)) return { problem: corrupt(`${name} listed twice`) };
      // The local header must exist and say the same as the central directory.
      if (localOffset + 30 > cdOffset || view.getUint32(localOffset, true) !== LOCAL) return { problem: corrupt(`${name}: no local header`) };
      const localFlags = view.getUint16(localOffset + 6, true);
      const localNameLen = view.getUint16(localOffset + 26, true);
      const dataStart = localOffset + 30 + localNameLen + view.getUint16(localOffset + 28, true);
      const localName = decoder.decode(bytes.subarray(localOffset + 30, Math.min(localOffset + 30 + localNameLen, bytes.length)));
      if (localName !== name || view.getUint16(localOffset + 8, true) !== method || (localFlags & 0x1) !== 0) return { problem: corrupt(`${name}: local header disagrees with the central directory`) };
      if ((localFlags & 0x8) === 0) {
        // Sizes are in the local header unless a data descriptor follows the data.
        if (view.getUint32(localOffset + 18, true) !== compressedSize || view.getUint32(localOffset + 22, true) !== declaredSize)
          return { problem: corrupt(`${name}: local header disagrees with the central directory`) };
      }
      let dataEnd = dataStart + compressedSize;
      if (dataEnd > cdOffset) return { problem: corrupt(`${name}: data out of bounds`) };
      if (localFlags & 0x8) {
        const withSig = dataEnd + 4 <= cdOffset && view.getUint32(dataEnd, true) === DESCRIPTOR;
        const at = withSig ? dataEnd + 4 : dataEnd;
        if (at + 12 > cdOffset || view.getUint32(at + 4, true) !== compressedSize || view.getUint32(at + 8, true) !== declaredSize)
          return { problem: corrupt(`${name}: data descriptor disagrees with the central directory`) };
        dataEnd = at + 12;
      }
      entries.set(name, { name, method, compressedSize, declaredSize, dataStart });
      spans.push({ start: localOffset, end: dataEnd, name });
    }
    // The listed parts must tile everything before the central directory:
    // a gap may hide a local-only part that another reader would use.
    spans.sort((a, b) => a.start - b.start);
    let at = 0;
    for (const s of spans) {
      if (s.start !== at) return { problem: corrupt(s.start > at ? `bytes at offset ${at} belong to no listed part` : `${s.name} overlaps another part`) };
      at = s.end;
    }
    if (at !== cdOffset) return { problem: corrupt(`bytes at offset ${at} belong to no listed part`) };
    return { zip: new Zip(bytes, entries, limits) };
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** How many bytes the part may still inflate to. */
  private allowance(): number {
    return Math.min(this.limits.maxPartBytes, this.limits.maxTotalBytes - this.inflated);
  }

  private tooLarge(produced: number): ZipError {
    return new ZipError({ code: 'xlsx-unpacked-too-large', size: this.inflated + produced, limit: produced > this.limits.maxPartBytes ? this.limits.maxPartBytes : this.limits.maxTotalBytes });
  }

  /** A small part, whole (workbook.xml, rels): at most `max` bytes. Throws ZipError. */
  readSmall(name: string, max: number): Buffer | undefined {
    const e = this.entries.get(name);
    if (!e) return undefined;
    const data = this.bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
    const cap = Math.min(max, this.allowance());
    let out: Buffer;
    if (e.method === 0) {
      if (data.length > cap) throw this.tooLarge(data.length);
      out = Buffer.from(data);
    } else {
      try {
        out = inflateRawSync(data, { maxOutputLength: cap + 1 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw this.tooLarge(cap + 1);
        throw new ZipError(corrupt(`${name}: ${(err as Error).message}`));
      }
      if (out.length > cap) throw this.tooLarge(out.length);
    }
    this.inflated += out.length;
    return out;
  }

  /**
   * Streams a part through `onChunk` as it is inflated. The part is first
   * inflated once with its output counted and dropped, so a part past the
   * budget is refused at the speed of zlib, before any of it is parsed.
   * Rejects with a ZipError past the budget or on damaged data; an error
   * thrown by `onChunk` stops the inflation and is passed on.
   */
  async stream(name: string, onChunk: (chunk: Buffer) => void): Promise<void> {
    const e = this.entries.get(name);
    if (!e) return;
    const data = this.bytes.subarray(e.dataStart, e.dataStart + e.compressedSize);
    const cap = this.allowance();
    if (e.method === 0) {
      if (data.length > cap) throw this.tooLarge(data.length);
      this.inflated += data.length;
      for (let i = 0; i < data.length; i += 1 << 16) onChunk(Buffer.from(data.subarray(i, i + (1 << 16))));
      return;
    }
    const produced = await this.inflate(name, data, cap, () => undefined);
    this.inflated += produced;
    await this.inflate(name, data, cap, onChunk);
  }

  /** Inflates `data` through `onChunk`, counting what comes out; returns the count. */
  private inflate(name: string, data: Uint8Array, cap: number, onChunk: (chunk: Buffer) => void): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const inflater = createInflateRaw({ chunkSize: 1 << 16 });
      let produced = 0;
      let failed = false;
      const fail = (err: unknown): void => {
        if (failed) return;
        failed = true;
        inflater.destroy();
        reject(err);
      };
      inflater.on('data', (chunk: Buffer) => {
        if (failed) return;
        produced += chunk.length;
        if (produced > cap) return fail(this.tooLarge(produced));
        try {
          onChunk(chunk);
        } catch (err) {
          fail(err);
        }
      });
      inflater.on('error', (err) => fail(new ZipError(corrupt(`${name}: ${err.message}`))));
      inflater.on('end', () => {
        if (!failed) resolve(produced);
      });
      // Compressed input in slices, so a stop takes effect before the rest is inflated.
      let offset = 0;
      const pump = (): void => {
        while (!failed && offset < data.length) {
          const slice = data.subarray(offset, offset + (1 << 16));
          offset += slice.length;
          if (!inflater.write(slice)) {
            inflater.once('drain', pump);
            return;
          }
        }
        if (!failed) inflater.end();
      };
      pump();
    });
  }
}
