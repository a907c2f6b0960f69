/**
 * `--langs en,de, fr` and repeated flags (`--langs en --langs de`) as one list: every string is
 * split on commas, items trimmed, empty items dropped. The one parser behind every list option.
 */
export function splitCommaList(value: string | readonly string[]): string[] {
  const parts = typeof value === 'string' ? [value] : value;
  return parts.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
}
