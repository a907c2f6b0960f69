/** Mean and sample standard deviation (n − 1); the SD is 0 for fewer than two values. */
export function meanSd(values: readonly number[]): [mean: number, sd: number] {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return [mean, 0];
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  return [mean, sd];
}
