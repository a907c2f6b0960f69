import type { TokenCounter } from '../counter.js';

/** The token-id probability distribution, sorted by descending probability. */
export function sortedProbabilities(c: TokenCounter): Float64Array {
  const counts = [...c.idCounts.values()].sort((a, b) => b - a);
  const total = counts.reduce((s, n) => s + n, 0);
  return Float64Array.from(counts, (n) => n / total);
}
