// The fast scanner that reads sheets, shared strings and styles gives the
// same events as saxes (the full parser) on well-formed XML, however the
// text is cut into chunks, and refuses what is not well formed.
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { XmlError, XmlScanner } from '../src/io/xml-scan.js';

type Event = ['open', string, Record<string, string>] | ['close', string] | ['text', string];

/**
 * Adjacent text events joined (where a parser cuts a text run is not part
 * of its meaning), and white space outside the root left out (saxes reports
 * it, the scanner does not: no reader looks there).
 */
function joined(events: Event[]): Event[] {
  const out: Event[] = [];
  let depth = 0;
  for (const e of events) {
    if (e[0] === 'open') depth++;
    if (e[0] === 'close') depth--;
    if (e[0] === 'text' && depth === 0 && e[1].trim() === '') continue;
    const last = out.at(-1);
    if (e[0] === 'text' && last?.[0] === 'text') last[1] += e[1];
    else out.push(e[0] === 'text' ? ['text', e[1]] : e);
  }
  return out;
}

function viaSaxes(xml: string): Event[] {
  const events: Event[] = [];
  const p = new SaxesParser({ xmlns: false });
  p.on('opentag', (t) => events.push(['open', t.name, { ...(t.attributes as Record<string, string>) }]));
  p.on('closetag', (t) => events.push(['close', t.name]));
  p.on('text', (t) => events.push(['text', t]));
  p.on('cdata', (t) => events.push(['text', t]));
  p.write(xml).close();
  return joined(events);
}

function viaScanner(chunks: readonly string[]): Event[] {
  const events: Event[] = [];
  const s = new XmlScanner({
    open: (t) => events.push(['open', t.name, t.attributes]),
    close: (n) => events.push(['close', n]),
    text: (t) => events.push(['text', t]),
  });
  for (const c of chunks) s.write(c);
  s.close();
  return joined(events);
}

/** A little generator with a fixed seed, so a failure can be replayed. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

function chunked(xml: string, next: () => number): string[] {
  const out: string[] = [];
  for (let i = 0; i < xml.length;) {
    const size = 1 + Math.floor(next() * 12);
    out.push(xml.slice(i, i + size));
    i += size;
  }
  return out;
}

const SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><!-- a comment -->
<sheetData><row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" s='2' t="inlineStr"><is><t xml:space="preserve"> Sở &amp; Ban &lt;1&gt; &#7855;&#x1EAF; &quot;x&apos;</t></is></c>
<c r="C1"><f t="shared" ref="C1:C9" si="0">A1&gt;B1</f><v>1</v></c></row>
<row r="2"><c r="A2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="B2"><v>0.95</v></c><c r="C2" t="inlineStr"><is><t><![CDATA[<không> & phát sinh]]></t></is></c></row>
<row r="3"/><row r="4"><c r="A4" t="inlineStr"><is><t>dòng 1\r\ndòng 2\rdòng 3</t></is></c></row></sheetData>
<mergeCells count="1"><mergeCell ref="A1:B1" /></mergeCells><pageSetup r:id="rId1" orientation = 'landscape'/></worksheet>`;

describe('XmlScanner', () => {
  it('gives the events saxes gives, whole or cut into chunks at random', () => {
    const expected = viaSaxes(SHEET);
    // worksheet, sheetData, 4 rows, 7 c, 4 v, 2 f, 3 is, 3 t, mergeCells, mergeCell, pageSetup: 28 start tags.
    expect(expected.filter((e) => e[0] === 'open').length).toBe(28);
    const whole = viaScanner([SHEET]);
    for (let k = 0; k < expected.length; k++) expect(whole[k], String(k)).toEqual(expected[k]);
    expect(whole).toEqual(expected);
    const next = random(42);
    for (let k = 0; k < 300; k++) expect(viaScanner(chunked(SHEET, next))).toEqual(expected);
    // Cut at every position in two.
    for (let i = 1; i < SHEET.length; i++) expect(viaScanner([SHEET.slice(0, i), SHEET.slice(i)])).toEqual(expected);
  });

  it('decodes references and line ends as XML says', () => {
    const events = viaScanner(['<a k="1&#10;2\t3&amp;"><b>x&#x1EA1;\r\ny</b></a>']);
    // In an attribute a tab or line end is a space; a character reference is kept as written.
    expect(events[0]).toEqual(['open', 'a', { k: '1\n2 3&' }]);
    expect(events[2]).toEqual(['text', 'xạ\ny']);
  });

  it('refuses XML that is not well formed, with the reason', () => {
    const bad: [string, RegExp][] = [
      ['<a><b></a>', /closes <b>/],
      ['<a>', /unclosed tag <a>/],
      ['<a></a><b/>', /second root/],
      ['x<a/>', /outside the root/],
      ['<a>&nbsp;</a>', /unknown entity/],
      ['<a>& b</a>', /starts no entity/],
      ['<a k=1/>', /unquoted attribute/],
      ['<a k="1" k="2"/>', /given twice/],
      ['<a k="<"/>', /a < in attribute/],
      ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', /document type declaration/],
      ['<a><!-- never closed', /never closed/],
      ['<a k="1"', /ends inside a tag/],
      ['</a>', /without a start tag/],
      ['', /no root element/],
    ];
    for (const [xml, reason] of bad) {
      expect(() => viaScanner([xml]), xml).toThrow(XmlError);
      expect(() => viaScanner([xml]), xml).toThrow(reason);
      // The same, a character at a time.
      expect(() => viaScanner([...xml]), xml).toThrow(reason);
    }
  });
});
