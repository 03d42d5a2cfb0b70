// Generators for hostile and hand-made workbooks: zips whose every byte the
// test chooses (declared sizes, local-only parts, part order), OLE2
// containers with chosen stream names, and minimal xlsx/ods packages. No
// binary is committed: every input is made here.
import { createDeflateRaw, deflateRawSync } from 'node:zlib';

export interface ForgedPart {
  name: string;
  data: Buffer | string;
  /** 0 stored, 8 deflated (default); `raw` gives already-deflated bytes. */
  method?: 0 | 8;
  raw?: Buffer;
  /** Unpacked size to declare (default: the real one). */
  declare?: number;
  /** Written as a local entry only, absent from the central directory. */
  localOnly?: boolean;
  /** A different name in the local header than in the central directory. */
  localName?: string;
}

/** A zip holding `parts` in order, with exactly the headers asked for. */
export function forgeZip(parts: readonly ForgedPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const data = Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data, 'utf8');
    const method = p.method ?? 8;
    const body = p.raw ?? (method === 8 ? deflateRawSync(data) : data);
    const size = p.declare ?? data.length;
    const name = Buffer.from(p.name);
    const localName = Buffer.from(p.localName ?? p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(localName.length, 26);
    locals.push(local, localName, body);
    if (!p.localOnly) {
      const central = Buffer.alloc(46);
      central.writeUInt32LE(0x02014b50, 0);
      central.writeUInt16LE(20, 4);
      central.writeUInt16LE(20, 6);
      central.writeUInt16LE(method, 10);
      central.writeUInt32LE(body.length, 20);
      central.writeUInt32LE(size, 24);
      central.writeUInt16LE(name.length, 28);
      central.writeUInt32LE(offset, 42);
      centrals.push(central, name);
    }
    offset += 30 + localName.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const count = parts.filter((p) => !p.localOnly).length;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** `bytes` of XML-ish filler deflated as a stream (never held unpacked): a bomb's payload. */
export async function deflatedFiller(bytes: number, unit = '<x/>', prefix = `<worksheet xmlns="${NS}"><sheetData>`): Promise<Buffer> {
  const chunk = Buffer.from(unit.repeat(Math.ceil((1 << 16) / unit.length)));
  const out: Buffer[] = [];
  const deflater = createDeflateRaw({ level: 9 });
  deflater.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflater.on('end', resolve));
  deflater.write(prefix);
  for (let written = 0; written < bytes; written += chunk.length) {
    if (!deflater.write(chunk)) await new Promise((resolve) => deflater.once('drain', resolve));
  }
  deflater.end();
  await done;
  return Buffer.concat(out);
}

/** An OLE2 compound file whose directory lists `streams` (names only; the streams are empty). */
export function forgeOle(streams: readonly string[]): Buffer {
  if (streams.length > 3) throw new Error('forgeOle: at most 3 streams');
  const header = Buffer.alloc(512, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // directory in sector 1
  header.writeUInt32LE(0x1000, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  header.writeUInt32LE(0, 0x4c); // the FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(0xffffffff, 0x4c + i * 4);
  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0);
  fat.writeUInt32LE(0xfffffffe, 4);
  const dir = Buffer.alloc(512, 0);
  const entry = (i: number, name: string, type: number): void => {
    const at = i * 128;
    for (let k = 0; k < name.length; k++) dir.writeUInt16LE(name.charCodeAt(k), at + k * 2);
    dir.writeUInt16LE((name.length + 1) * 2, at + 0x40);
    dir[at + 0x42] = type;
    dir.writeUInt32LE(0xffffffff, at + 0x44);
    dir.writeUInt32LE(0xffffffff, at + 0x48);
    dir.writeUInt32LE(0xffffffff, at + 0x4c);
    dir.writeUInt32LE(0xfffffffe, at + 0x74);
  };
  entry(0, 'Root Entry', 5);
  streams.forEach((s, i) => entry(i + 1, s, 2));
  return Buffer.concat([header, fat, dir]);
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface ForgedSheet {
  name: string;
  /** The <sheetData> content (rows and cells), or a whole worksheet part when it starts with "<?xml" or "<worksheet". */
  xml: string;
  state?: 'hidden' | 'veryHidden';
  /** Present in the zip but not listed in workbook.xml. */
  unlisted?: boolean;
  /** Extra content after </sheetData> (mergeCells…). */
  after?: string;
}

export interface ForgedWorkbook {
  sheets: readonly ForgedSheet[];
  sharedStrings?: string;
  styles?: string;
  /** Extra elements inside <workbook> (calcPr…). */
  workbookExtra?: string;
}

/** The parts of a minimal xlsx package. */
export function xlsxParts(wb: ForgedWorkbook): ForgedPart[] {
  const listed = wb.sheets.map((s, i) => ({ s, i })).filter(({ s }) => !s.unlisted);
  const rels = [
    ...wb.sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`),
    wb.sharedStrings !== undefined ? `<Relationship Id="rSS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : '',
    wb.styles !== undefined ? `<Relationship Id="rST" Type="${REL}/styles" Target="styles.xml"/>` : '',
  ].join('');
  const parts: ForgedPart[] = [
    { name: '[Content_Types].xml', data: '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
    {
      name: '_rels/.rels',
      data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets>${listed.map(({ s, i }) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`).join('')}</sheets>${wb.workbookExtra ?? ''}</workbook>`,
    },
    { name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>` },
  ];
  if (wb.sharedStrings !== undefined) parts.push({ name: 'xl/sharedStrings.xml', data: wb.sharedStrings });
  if (wb.styles !== undefined) parts.push({ name: 'xl/styles.xml', data: wb.styles });
  wb.sheets.forEach((s, i) => {
    const whole = s.xml.startsWith('<?xml') || s.xml.startsWith('<worksheet');
    parts.push({
      name: `xl/worksheets/sheet${i + 1}.xml`,
      data: whole ? s.xml : `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${s.xml}</sheetData>${s.after ?? ''}</worksheet>`,
    });
  });
  return parts;
}

export function forgeXlsx(wb: ForgedWorkbook): Buffer {
  return forgeZip(xlsxParts(wb));
}

/** Inline-string cell. */
export const str = (ref: string, text: string): string => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
/** Number cell, with an optional style index. */
export const num = (ref: string, n: number | string, s?: number): string => `<c r="${ref}"${s !== undefined ? ` s="${s}"` : ''}><v>${n}</v></c>`;
export const row = (r: number, ...cells: string[]): string => `<row r="${r}">${cells.join('')}</row>`;

/** A minimal .ods package: `tables` is the content of <office:spreadsheet>; `styles` goes in <office:automatic-styles>. */
export function forgeOds(tables: string, styles = ''): Buffer {
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3"><office:automatic-styles>${styles}</office:automatic-styles><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`;
  return forgeZip([
    { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 },
    { name: 'content.xml', data: content },
    { name: 'META-INF/manifest.xml', data: '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>' },
  ]);
}
