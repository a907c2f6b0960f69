/**
 * A language's token distribution in sparse form: the ids it uses, their counts and p·log₂p, as
 * typed arrays (not a dense vocabulary-sized vector), so that hundreds of languages × a 256k
 * vocabulary stay small: memory grows with the ids each language actually uses (16 bytes per used
 * id, a fraction of the counter's own Map). Probabilities are counts / total, always computed by
 * that one division, so equal ratios (1/4 = 2/8) are equal doubles.
 */

export interface SparseDistribution {
  /** Ids used at least once, ascending. */
  ids: Int32Array;
  /** How often each id of `ids` occurred (integers, so that masses sum exactly). */
  counts: Uint32Array;
  /** p · log₂ p, computed once per language instead of once per language pair. */
  plogp: Float64Array;
  /** Σ counts. */
  total: number;
}

/** From `[id, count]` pairs or a Map (a counter's `idCounts`); ids with count ≤ 0 are left out. */
export function sparseDistribution(idCounts: ReadonlyMap<number, number> | Iterable<readonly [number, number]>): SparseDistribution {
  const map = idCounts instanceof Map ? (idCounts as ReadonlyMap<number, number>) : new Map(idCounts as Iterable<[number, number]>);
  let kept = 0;
  for (const n of map.values()) if (n > 0) kept++;
  const ids = new Int32Array(kept);
  let k = 0;
  for (const [id, n] of map) if (n > 0) ids[k++] = id;
  ids.sort(); // typed-array sort is numeric
  const counts = new Uint32Array(kept);
  let total = 0;
  for (let i = 0; i < kept; i++) {
    counts[i] = map.get(ids[i]!)!;
    total += counts[i]!;
  }
  const plogp = new Float64Array(kept);
  for (let i = 0; i < kept; i++) {
    const p = counts[i]! / total;
    plogp[i] = p * Math.log2(p);
  }
  return { ids, counts, plogp, total };
}

/** One past the largest id any of the distributions uses (the length of a dense scratch array). */
export function idSpan(dists: readonly SparseDistribution[]): number {
  let max = -1;
  for (const d of dists) if (d.ids.length) max = Math.max(max, d.ids[d.ids.length - 1]!);
  return max + 1;
}
