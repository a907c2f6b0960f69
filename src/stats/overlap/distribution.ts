/**
 * A language's token distribution in sparse form: the ids it uses and how often. Kept as two
 * typed arrays (not a dense vocabulary-sized vector) so that hundreds of languages × a 256k
 * vocabulary stay small: memory grows with the ids each language actually uses.
 */

export interface SparseDistribution {
  /** Ids used at least once, ascending. */
  ids: Int32Array;
  /** How often each id of `ids` occurred (integers). */
  counts: Float64Array;
  /** Σ counts. */
  total: number;
}

/** From `[id, count]` pairs (a counter's `idCounts`); ids with count ≤ 0 are left out. */
export function sparseDistribution(idCounts: Iterable<readonly [number, number]>): SparseDistribution {
  const pairs: [number, number][] = [];
  for (const [id, n] of idCounts) if (n > 0) pairs.push([id, n]);
  pairs.sort((a, b) => a[0] - b[0]);
  const ids = Int32Array.from(pairs, (p) => p[0]);
  const counts = Float64Array.from(pairs, (p) => p[1]);
  let total = 0;
  for (const n of counts) total += n;
  return { ids, counts, total };
}

/** One past the largest id any of the distributions uses (the length of a dense scratch array). */
export function idSpan(dists: readonly SparseDistribution[]): number {
  let max = -1;
  for (const d of dists) if (d.ids.length) max = Math.max(max, d.ids[d.ids.length - 1]!);
  return max + 1;
}
