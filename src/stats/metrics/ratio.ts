/** A ratio that is undefined (null), never 0, when the denominator is 0. */
export function ratioOrNull(num: number, den: number): number | null {
  return den > 0 ? num / den : null;
}
