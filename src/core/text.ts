/** Text helpers shared by every stage: Unicode normalisation, control characters and fuzzy matching. */

/**
 * Characters that can steer a terminal or reorder what a reader sees:
 * C0 controls (tab, line feed and carriage return are handled as white
 * space by the callers that keep them), DEL, C1 controls, and the bidi
 * marks, embeddings, overrides and isolates (U+061C, U+200E/F,
 * U+202A–202E, U+2066–2069).
 */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Input text without control characters or bidi controls; tab, line feed and carriage return stay. */
export function stripControls(text: string): string {
  return text.replace(CONTROLS, '');
}

/**
 * Already normal: printable Latin letters (ASCII, Latin-1, Latin Extended A
 * and B, Latin Extended Additional, where every precomposed Vietnamese
 * letter is), no combining marks, single inner spaces and none at either
 * end. NFC leaves every character of these blocks as it is.
 */
const PLAIN = /^(?:[!-~\u00a1-\u024f\u1e00-\u1eff]+(?: [!-~\u00a1-\u024f\u1e00-\u1eff]+)*)?$/;

/** NFC, controls removed, trimmed, inner runs of white space folded to one space. */
export function normalizeText(text: string): string {
  // A national round normalises millions of cells; most codes and numbers are plain ASCII already.
  if (PLAIN.test(text)) return text;
  return stripControls(text.normalize('NFC'))
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/**
 * Decodes the `_xHHHH_` escapes Excel writes for characters XML cannot hold
 * (`_x001B_` is ESC; `_x005F_` escapes a literal underscore). The result
 * still needs normalizeText, which removes the controls it may reveal.
 */
export function decodeExcelEscapes(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Everything a terminal could act on, shown instead as `\uXXXX` (also a valid escape inside a JSON string). */
const UNSAFE_OUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** UNSAFE_OUT, not global (so `test` keeps no state); ESC (U+001B) is in it. */
const UNSAFE_ANY = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const hex4 = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Text to print: every control but line feed and tab made visible, so no text can clear a screen or fake a line. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE_OUT, hex4);
}

/**
 * The last step before a terminal: like escapeControls, but the colour
 * sequences parscore's own palette writes (ESC [ digits m) pass. Input text
 * never carries ESC (stripControls removes it on reading), so the only
 * colour sequences left are parscore's.
 */
export function escapeForTerminal(text: string): string {
  // Most text has nothing to escape: one test with a plain class is much cheaper than the replace.
  if (!UNSAFE_ANY.test(text)) return text;
  return text.replace(/(\u001b\[[0-9;]*m)|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (m, sgr: string | undefined) => sgr ?? hex4(m));
}

/** Text XML 1.0 can carry: characters outside its Char production (controls, lone surrogates, U+FFFE/FFFF) removed. */
export function xmlSafe(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '');
}

/**
 * A key for matching headers and labels typed on different keyboards:
 * NFC, lower case, no diacritics (đ → d), no spaces or punctuation.
 */
export function foldForMatch(text: string): string {
  // Labels and codes repeat on every row of a national round: each distinct text is folded once.
  const known = folded.get(text);
  if (known !== undefined) return known;
  const key = fold(text);
  if (folded.size >= FOLD_CACHE) folded.clear();
  folded.set(text, key);
  return key;
}

/** How many distinct texts foldForMatch remembers (cleared whole when full: memory stays bounded). */
const FOLD_CACHE = 4096;
const folded = new Map<string, string>();

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The candidate closest to `word`, if it is close enough to be a likely typo. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDist = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = levenshtein(w, c.toLowerCase());
    if (d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  const limit = Math.max(2, Math.floor(word.length / 3));
  return best !== undefined && bestDist <= limit ? best : undefined;
}

/** Vietnamese collation for names (Intl.Collator('vi')). */
export const compareVietnamese: (a: string, b: string) => number = new Intl.Collator('vi', { sensitivity: 'base', numeric: true }).compare;
