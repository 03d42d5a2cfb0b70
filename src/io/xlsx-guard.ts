import { inflateRawSync } from 'node:zlib';
import { LIMITS } from '../core/limits.js';

/**
 * Checks a workbook's bytes before any spreadsheet library sees them: what
 * kind of file it really is, whether it is encrypted, and how large it
 * would be unpacked (so a zip bomb is refused before it is inflated).
 */

export interface XlsxLimits {
  /** Largest workbook file accepted. */
  maxFileBytes: number;
  /** Largest total unpacked size of its parts. */
  maxUnpackedBytes: number;
  /** Most parts (zip entries) in one workbook. */
  maxEntries: number;
}

export const XLSX_LIMITS: XlsxLimits = {
  maxFileBytes: LIMITS.workbookBytes,
  maxUnpackedBytes: LIMITS.unpackedBytes,
  maxEntries: LIMITS.workbookParts,
};

export type XlsxProblem =
  | { code: 'xlsx-legacy' }
  | { code: 'xlsx-encrypted' }
  | { code: 'xlsx-not-zip' }
  | { code: 'xlsx-corrupt' }
  | { code: 'xlsx-too-large'; size: number; limit: number }
  | { code: 'xlsx-unpacked-too-large'; size: number; limit: number }
  | { code: 'xlsx-too-many-parts'; count: number; limit: number };

/** Offset of the zip's end-of-central-directory record (22 bytes plus a comment of up to 65,535), or -1. */
function findEndOfCentralDirectory(view: DataView): number {
  for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) return i;
  }
  return -1;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * `isXlsName` tells an old binary .xls (also an OLE file) from an
 * encrypted .xlsx, which Office stores in the same OLE container.
 */
export function inspectXlsx(bytes: Uint8Array, isXlsName: boolean, limits: XlsxLimits = XLSX_LIMITS): XlsxProblem | undefined {
  if (bytes.length > limits.maxFileBytes) return { code: 'xlsx-too-large', size: bytes.length, limit: limits.maxFileBytes };
  if (OLE_MAGIC.every((b, i) => bytes[i] === b)) return isXlsName ? { code: 'xlsx-legacy' } : { code: 'xlsx-encrypted' };
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) return { code: 'xlsx-not-zip' };

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) return { code: 'xlsx-corrupt' };
  const entries = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (entries === 0xffff || cdOffset === 0xffffffff) return { code: 'xlsx-too-large', size: bytes.length, limit: limits.maxFileBytes };
  if (entries > limits.maxEntries) return { code: 'xlsx-too-many-parts', count: entries, limit: limits.maxEntries };
  if (cdOffset + cdSize > bytes.length) return { code: 'xlsx-corrupt' };

  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return { code: 'xlsx-corrupt' };
    const flags = view.getUint16(p + 8, true);
    if (flags & 0x1) return { code: 'xlsx-encrypted' };
    const compressed = view.getUint32(p + 20, true);
    const uncompressed = view.getUint32(p + 24, true);
    const localOffset = view.getUint32(p + 42, true);
    if (localOffset + compressed > bytes.length) return { code: 'xlsx-corrupt' };
    total += uncompressed;
    if (total > limits.maxUnpackedBytes) return { code: 'xlsx-unpacked-too-large', size: total, limit: limits.maxUnpackedBytes };
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return undefined;
}

/**
 * One part of a zip (e.g. docProps/core.xml) as text, or undefined. For
 * small parts only: used to recognise a workbook parscore wrote.
 */
export function readZipText(bytes: Uint8Array, name: string, maxBytes = 1 << 20): string | undefined {
  if (inspectXlsx(bytes, false) !== undefined) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  const entries = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  for (let i = 0; i < entries; i++) {
    const method = view.getUint16(p + 10, true);
    const compressed = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const local = view.getUint32(p + 42, true);
    const entryName = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    if (entryName !== name) continue;
    if (size > maxBytes) return undefined;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + compressed);
    try {
      if (method === 0) return decoder.decode(data);
      if (method === 8) return decoder.decode(inflateRawSync(data, { maxOutputLength: maxBytes }));
    } catch {
      return undefined;
    }
    return undefined;
  }
  return undefined;
}
