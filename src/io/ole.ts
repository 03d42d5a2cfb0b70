/**
 * OLE2 compound files (Microsoft's "structured storage"): both an old
 * binary .xls and an .xlsx encrypted with an opening password are stored
 * in one. Which it is shows in the names of the streams in its directory:
 * `Workbook` / `Book` for a legacy workbook, `EncryptionInfo` /
 * `EncryptedPackage` for an encrypted one. Only the directory is read.
 */

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

export function isOle(bytes: Uint8Array): boolean {
  return bytes.length >= 512 && OLE_MAGIC.every((b, i) => bytes[i] === b);
}

const END_OF_CHAIN = 0xfffffffe;
const MAX_SECTOR = 0xfffffffa;

/** Names of the entries in an OLE2 file's directory, or undefined when the directory cannot be read. */
function oleStreamNames(bytes: Uint8Array): string[] | undefined {
  if (!isOle(bytes)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return undefined;
  const size = 1 << shift;
  const sectorCount = Math.floor((bytes.length - 512) / size) + 1;
  const sectorOffset = (s: number): number => 512 + s * size;
  const validSector = (s: number): boolean => s < MAX_SECTOR && sectorOffset(s) + size <= bytes.length;

  // The FAT's own sectors: 109 in the header, the rest in the DIFAT chain.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = view.getUint32(0x4c + i * 4, true);
    if (s >= MAX_SECTOR) break;
    fatSectors.push(s);
  }
  let difat = view.getUint32(0x44, true);
  for (let guard = 0; difat < MAX_SECTOR && guard < sectorCount; guard++) {
    if (!validSector(difat)) return undefined;
    const at = sectorOffset(difat);
    for (let i = 0; i < size / 4 - 1; i++) {
      const s = view.getUint32(at + i * 4, true);
      if (s < MAX_SECTOR) fatSectors.push(s);
    }
    difat = view.getUint32(at + size - 4, true);
  }
  const next = (s: number): number => {
    const index = Math.floor((s * 4) / size);
    const fat = fatSectors[index];
    if (fat === undefined || !validSector(fat)) return END_OF_CHAIN;
    return view.getUint32(sectorOffset(fat) + ((s * 4) % size), true);
  };

  const names: string[] = [];
  let sector = view.getUint32(0x30, true);
  for (let guard = 0; sector !== END_OF_CHAIN; guard++) {
    if (guard > sectorCount || !validSector(sector)) return undefined;
    const at = sectorOffset(sector);
    for (let e = 0; e < size / 128; e++) {
      const entry = at + e * 128;
      const type = bytes[entry + 0x42];
      if (type !== 1 && type !== 2) continue; // storages and streams; empty slots and the root aside
      const length = view.getUint16(entry + 0x40, true);
      if (length < 2 || length > 64) continue;
      let name = '';
      for (let i = 0; i < length - 2; i += 2) name += String.fromCharCode(view.getUint16(entry + i, true));
      names.push(name);
    }
    sector = next(sector);
  }
  return names;
}

/** What an OLE2 file holds, as far as a workbook reader cares. */
export function classifyOle(bytes: Uint8Array): 'legacy' | 'encrypted' | 'other' | 'unreadable' {
  const names = oleStreamNames(bytes);
  if (!names) return 'unreadable';
  if (names.includes('EncryptionInfo') || names.includes('EncryptedPackage')) return 'encrypted';
  if (names.includes('Workbook') || names.includes('Book')) return 'legacy';
  return 'other';
}
