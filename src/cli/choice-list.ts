import { InvalidOptionError } from '../errors.js';
import { splitCommaList } from '../util/comma-list.js';

/**
 * A comma-separated option whose items must come from `allowed` (`--format csv,html`,
 * `--targets gap,prompt`); an unknown or missing item names the option and the choices.
 */
export function parseChoiceList<T extends string>(value: string, allowed: readonly T[], option: string): T[] {
  const items = splitCommaList(value);
  const expected = `a comma-separated list of ${allowed.join(', ')}`;
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) throw new InvalidOptionError(`unknown ${option} "${item}"`, { field: `--${option}`, expected });
  }
  if (items.length === 0) throw new InvalidOptionError(`no ${option} given`, { field: `--${option}`, expected });
  return items as T[];
}
