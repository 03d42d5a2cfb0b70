/**
 * Progress of a long run on a terminal: which file is being read, how many
 * units are scored. Shown on stderr only when stderr is a terminal and only
 * once the run has taken about a second, on one line rewritten in place and
 * cleared before results are printed; a pipe or log file never sees it.
 */
import { escapeControls } from '../core/text.js';
import type { Strings } from './strings.js';

export interface Progress {
  /** A file is being read (its name as the user gave it). */
  file(shown: string): void;
  /** `done` of `total` units scored. */
  units(done: number, total: number): void;
  /** Clears the line, if one was drawn. */
  done(): void;
}

export const NO_PROGRESS: Progress = { file() {}, units() {}, done() {} };

/** Shown after this long; redrawn at most this often. */
export const PROGRESS_AFTER_MS = 1000;
const REDRAW_MS = 100;

export function terminalProgress(write: (text: string) => unknown, s: Pick<Strings, 'progressReading' | 'progressScoring'>, now: () => number = () => performance.now()): Progress {
  const start = now();
  let lastDraw = -Infinity;
  let drawn = false;
  let latest = '';
  const draw = (text: string, force: boolean): void => {
    latest = text;
    const t = now();
    if (t - start < PROGRESS_AFTER_MS || (!force && t - lastDraw < REDRAW_MS)) return;
    lastDraw = t;
    drawn = true;
    // \r back to the line's start, ESC [K clears what a longer line left.
    write(`\r${latest}\u001b[K`);
  };
  return {
    file: (shown) => draw(s.progressReading(escapeControls(shown)), true),
    units: (done, total) => {
      // Called per unit: the clock is read only every 64 units, and always for the last.
      if (done % 64 === 0 || done === total) draw(s.progressScoring(done, total), done === total);
    },
    done: () => {
      if (drawn) write('\r\u001b[K');
      drawn = false;
    },
  };
}
