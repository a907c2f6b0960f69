/** Percentile intervals as numpy's default (`method="linear"`), through the project's one `quantile`. */
import { quantile } from '../../util/quantile.js';

/** The q-quantile (0 ≤ q ≤ 1) of values sorted ascending. */
export const quantileSorted = quantile;

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
  return [quantile(finite, tail), quantile(finite, 1 - tail)];
}
