/**
 * Appends `items` to `target` in place. `target.push(...items)` passes every
 * item as an argument and overflows the stack past about 100,000 items,
 * which a national round's rows or diagnostics reach.
 */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}
