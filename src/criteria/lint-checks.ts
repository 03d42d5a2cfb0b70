/**
 * Checks for mistakes that are valid YAML and valid criteria but almost
 * certainly not what the author meant. Kept apart from rules.ts, whose
 * checks are about the format itself.
 */
import { Decimal } from '../core/decimal.js';
import type { RuleContext } from './rules.js';

const ONE = Decimal.of(1n);

/**
 * Percent bands written as fractions (`gt: 0.9` for "above 90 %"): every
 * measure of 1 % or more then falls in the top band. Reported when every
 * bound lies within 0..1 and at least one lies strictly between.
 */
function checkFractionBands(ctx: RuleContext): void {
  for (const n of ctx.set.leaves) {
    if (n.rule?.kind !== 'bands' || n.rule.measure !== 'percent') continue;
    const bounds = n.rule.bands.flatMap((b) => [b.lower, b.upper]).filter((v): v is Decimal => v !== undefined);
    if (bounds.length === 0) continue;
    const inUnit = bounds.every((v) => !v.isNegative() && !v.gt(ONE));
    const fraction = bounds.some((v) => v.gt(Decimal.ZERO) && v.lt(ONE));
    if (inUnit && fraction) {
      const example = bounds.find((v) => v.gt(Decimal.ZERO) && v.lt(ONE))!;
      ctx.report('band-fraction', 'warning', [...n.path, 'rule', 'bands'], { code: n.code, value: example.toString(), percent: example.mul(Decimal.of(100n)).toString() }, { key: true });
    }
  }
}

export const lintChecks: readonly ((ctx: RuleContext) => void)[] = [checkFractionBands];
