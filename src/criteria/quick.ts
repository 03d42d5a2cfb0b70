/**
 * The fast path for a criteria set that is already right — the common case
 * in CI. The plain YAML reader (yaml/plain.ts) reads a clean file many
 * times faster than the position-tracking parser, and a clean file needs no
 * positions; it is also all this path loads, not the `yaml` library. It may
 * only ever answer "clean"; anything unusual returns undefined and the
 * caller loads the file the precise way (criteria/load.ts), which has the
 * final word and locates every problem. So the answer never depends on
 * which parser ran: test/criteria-quick.test.ts proves, over every fixture
 * and thousands of generated mutations, that whenever this says clean the
 * precise path finds nothing and reads the very same set.
 */
import { dataLimits } from '../yaml/limits.js';
import { readPlainYaml } from '../yaml/plain.js';
import { buildCriteria } from './build.js';
import type { CriteriaSet } from './model.js';
import { lintChecks } from './lint-checks.js';
import { criteriaChecks, type RuleContext } from './rules.js';
import { criteriaSetSchema } from './schema.js';

function hasNumericCode(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasNumericCode);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => (k === 'code' && typeof v === 'number') || hasNumericCode(v));
}

/**
 * Text the precise path reports: tags (`!!float`), anchors, aliases and
 * merge keys, tabs, no-break spaces, CR-only line ends, directives and
 * document markers. The plain reader declines most of these itself (a
 * no-break space it reads as text); declining costs only time.
 */
const UNUSUAL = /[!&*\t\u00a0]|<<|\r(?!\n)|^(?:%|---|\.\.\.)/m;

/** The set, when the file is valid with no warning at all; otherwise undefined. */
export function quickLoadCriteria(file: string, text: string): CriteriaSet | undefined {
  if (UNUSUAL.test(text)) return undefined;
  const data = readPlainYaml(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (data === undefined) return undefined;
  const limits = dataLimits(data);
  if (limits.depth || limits.longText.length > 0 || hasNumericCode(data)) return undefined;
  if (!criteriaSetSchema.safeParse(data).success) return undefined;
  const { set, raw } = buildCriteria(file, data);
  let clean = true;
  const ctx: RuleContext = {
    set,
    raw,
    report() {
      clean = false;
    },
  };
  for (const check of criteriaChecks) check(ctx);
  for (const check of lintChecks) check(ctx);
  return clean ? set : undefined;
}
