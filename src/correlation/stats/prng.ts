/**
 * Seeded draws for bootstrap and Monte-Carlo tests, reproducible from `--seed` alone on every
 * platform: the project's one mulberry32 (`src/util/rng.ts`), seeded through a golden-ratio mix.
 */
import { Rng } from '../../util/rng.js';

export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

export function createPrng(seed: number): Prng {
  return new Rng((Math.trunc(seed) ^ 0x9e3779b9) >>> 0);
}
