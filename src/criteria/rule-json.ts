/**
 * A scoring rule as plain JSON: how the results file, the form and the
 * report describe a rule, without the criteria file. One schema, used to
 * write it and to read it back.
 */
import * as z from 'zod';
import type { Decimal } from '../core/decimal.js';
import { isoDay } from '../core/date.js';
import type { Band, MeasureKind, Rule } from './model.js';

const num = z.number();
const nullableNum = z.number().nullable();

/** A band bound: a number, or a date (YYYY-MM-DD) for a date measure. */
const boundJson = z.union([num, z.string()]).nullable();
const bandJsonSchema = z.object({ gt: boundJson, gte: boundJson, lt: boundJson, lte: boundJson, points: num, label: z.string().nullable() });
const ifNoneJson = z.enum(['full', 'zero', 'not-assessed']).nullable().optional();

export const ruleJsonSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('options'), options: z.array(z.object({ label: z.string(), points: num })) }),
  z.object({
    kind: z.literal('bands'),
    measure: z.enum(['percent', 'count', 'date']),
    bands: z.array(bandJsonSchema),
    // — rules — (optional, so results written before these keys still read)
    overAchievement: z.boolean().optional(),
    ifNone: ifNoneJson,
  }),
  z.object({ kind: z.literal('proportional'), target: nullableNum.optional(), zeroBelow: nullableNum.optional(), ifNone: ifNoneJson }),
  z.object({ kind: z.literal('per-item'), each: num, cap: nullableNum, deduct: z.boolean() }),
  z.object({ kind: z.literal('checklist'), items: z.array(z.string()), bands: z.array(bandJsonSchema).nullable() }),
  z.object({ kind: z.literal('manual'), step: nullableNum }),
  z.object({ kind: z.literal('survey'), source: z.string().nullable() }),
]);

export type RuleJson = z.infer<typeof ruleJsonSchema>;

function bandsJson(bands: readonly Band[], measure: MeasureKind): z.infer<typeof bandJsonSchema>[] {
  const bound = (d: Decimal): number | string => (measure === 'date' ? isoDay(Number(d.toString())) : d.toNumber());
  return bands.map((b) => ({
    gt: b.lower && !b.lowerInclusive ? bound(b.lower) : null,
    gte: b.lower && b.lowerInclusive ? bound(b.lower) : null,
    lt: b.upper && !b.upperInclusive ? bound(b.upper) : null,
    lte: b.upper && b.upperInclusive ? bound(b.upper) : null,
    points: b.points.toNumber(),
    label: b.label ?? null,
  }));
}

export function ruleJson(rule: Rule): RuleJson {
  switch (rule.kind) {
    case 'options':
      return { kind: 'options', options: rule.options.map((o) => ({ label: o.label, points: o.points.toNumber() })) };
    case 'bands':
      return { kind: 'bands', measure: rule.measure, bands: bandsJson(rule.bands, rule.measure), overAchievement: rule.overAchievement, ifNone: rule.ifNone ?? null };
    case 'proportional':
      return { kind: 'proportional', target: rule.target?.toNumber() ?? null, zeroBelow: rule.zeroBelow?.toNumber() ?? null, ifNone: rule.ifNone ?? null };
    case 'per-item':
      return { kind: 'per-item', each: rule.each.toNumber(), cap: rule.cap?.toNumber() ?? null, deduct: rule.deduct };
    case 'checklist':
      return { kind: 'checklist', items: rule.items, bands: rule.bands ? bandsJson(rule.bands, 'count') : null };
    case 'manual':
      return { kind: 'manual', step: rule.step ? rule.step.toNumber() : null };
    case 'survey':
      return { kind: 'survey', source: rule.source ?? null };
  }
}
