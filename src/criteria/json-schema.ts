/** The JSON Schema of the criteria format, for editors; only `parscore schema` loads this. */
import * as z from 'zod';
import { criteriaSetSchema } from './schema.js';

/** The JSON Schema (draft-07) published for editors. */
export function criteriaJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(criteriaSetSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  return {
    ...schema,
    title: 'parscore criteria set',
  };
}
