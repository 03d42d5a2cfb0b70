/**
 * One part of a workbook as text, through the same strict zip reader as
 * every workbook (src/io/zip.ts): used to recognise a workbook parscore
 * wrote. Small parts only; undefined when the file is not a sound zip or
 * the part is missing or too large.
 */
import { Zip } from './zip.js';

export function readZipText(bytes: Uint8Array, name: string, maxBytes = 1 << 20): string | undefined {
  const opened = Zip.open(bytes);
  if ('problem' in opened) return undefined;
  try {
    const data = opened.zip.readSmall(name, maxBytes);
    return data === undefined ? undefined : new TextDecoder().decode(data);
  } catch {
    return undefined;
  }
}
