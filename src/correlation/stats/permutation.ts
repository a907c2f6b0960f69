/**
 * Two-sided permutation p-value of a paired statistic: how often |stat(x, π(y))| ≥ |stat(x, y)|.
 * Exact over all n! pairings when n! ≤ `exactLimit` (7 languages: 5,040); otherwise Monte Carlo
 * with the (b + 1) / (m + 1) estimator, which never returns 0.
 */
import { createPrng, shuffleInPlace } from '../../util/rng.js';
import type { PairedStatistic } from './bootstrap.js';

export interface PermutationOptions {
  /** Monte-Carlo permutations when exact enumeration is too large (default 10,000). */
  resamples?: number;
  seed?: number;
  /** Enumerate exactly when n! is at most this (default 40,320 = 8!). */
  exactLimit?: number;
}

export interface PermutationResult {
  p: number;
  exact: boolean;
  /** Permutations evaluated (n! when exact). */
  permutations: number;
}

// Relative tolerance so that permutations equal to the observed value up to rounding count as ≥.
const TOLERANCE = 1e-12;

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

export function permutationTest(
  x: readonly number[],
  y: readonly number[],
  statistic: PairedStatistic,
  options: PermutationOptions = {},
): PermutationResult {
  const n = x.length;
  const observed = Math.abs(statistic(x, y));
  if (!Number.isFinite(observed)) return { p: NaN, exact: false, permutations: 0 };
  const threshold = observed * (1 - TOLERANCE);
  const total = factorial(n);
  if (total <= (options.exactLimit ?? 40_320)) {
    let hits = 0;
    let count = 0;
    const perm = [...y];
    // Heap's algorithm visits each of the n! orderings once.
    const c = new Array<number>(n).fill(0);
    const visit = (): void => {
      count++;
      if (Math.abs(statistic(x, perm)) >= threshold) hits++;
    };
    visit();
    let i = 1;
    while (i < n) {
      if ((c[i] as number) < i) {
        const j = i % 2 === 0 ? 0 : (c[i] as number);
        const tmp = perm[j] as number;
        perm[j] = perm[i] as number;
        perm[i] = tmp;
        visit();
        c[i] = (c[i] as number) + 1;
        i = 1;
      } else {
        c[i] = 0;
        i++;
      }
    }
    return { p: hits / count, exact: true, permutations: count };
  }
  const m = options.resamples ?? 10_000;
  const prng = createPrng(options.seed ?? 1);
  const perm = [...y];
  let b = 0;
  for (let k = 0; k < m; k++) {
    shuffleInPlace(perm, prng);
    if (Math.abs(statistic(x, perm)) >= threshold) b++;
  }
  return { p: (b + 1) / (m + 1), exact: false, permutations: m };
}
