/** Percentiles as numpy's default (`method="linear"`): linear interpolation between order statistics. */

/** The q-quantile (0 ≤ q ≤ 1) of values sorted ascending. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * The central `level` interval of the replicates (2.5th and 97.5th percentiles for 0.95); NaN
 * replicates (the metric was undefined in that resample) are left out. Null when none is finite.
 */
export function percentileInterval(replicates: ArrayLike<number>, level: number): [number, number] | null {
  const kept: number[] = [];
  for (let i = 0; i < replicates.length; i++) if (Number.isFinite(replicates[i])) kept.push(replicates[i]!);
  if (kept.length === 0) return null;
  const finite = Float64Array.from(kept).sort();
  const tail = (1 - level) / 2;
  return [quantileSorted(finite, tail), quantileSorted(finite, 1 - tail)];
}
