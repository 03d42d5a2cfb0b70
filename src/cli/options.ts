/** Option parsers shared by commands; they throw UsageError (exit 2) with a readable message. */
import { InvalidArgumentError } from 'commander';
import type { Strings } from './strings.js';

export function nonNegativeInt(s: Strings): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(s.invalidNumber(value));
    return Number(value.trim());
  };
}
