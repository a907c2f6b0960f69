/**
 * Percentile bootstrap interval of a paired statistic, resampling observations (languages)
 * with replacement. Resamples where the statistic is undefined (e.g. all x equal) are
 * dropped and counted, never treated as 0.
 */
import { createPrng } from '../../util/rng.js';
import { quantile } from './quantile.js';

export type PairedStatistic = (x: readonly number[], y: readonly number[]) => number;

export interface BootstrapOptions {
  /** Number of resamples (default 10,000). */
  resamples?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Coverage of the interval (default 0.95). */
  level?: number;
}

export interface BootstrapInterval {
  low: number;
  high: number;
  /** Resamples with a defined statistic. */
  valid: number;
  /** Resamples dropped because the statistic was undefined. */
  dropped: number;
}

export function bootstrapInterval(
  x: readonly number[],
  y: readonly number[],
  statistic: PairedStatistic,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const resamples = options.resamples ?? 10_000;
  const level = options.level ?? 0.95;
  const prng = createPrng(options.seed ?? 1);
  const n = x.length;
  const values: number[] = [];
  const bx = new Array<number>(n);
  const by = new Array<number>(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) {
      const j = prng.int(n);
      bx[i] = x[j] as number;
      by[i] = y[j] as number;
    }
    const v = statistic(bx, by);
    if (Number.isFinite(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  const alpha = (1 - level) / 2;
  return {
    low: quantile(values, alpha),
    high: quantile(values, 1 - alpha),
    valid: values.length,
    dropped: resamples - values.length,
  };
}
