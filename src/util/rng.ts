/**
 * A small seeded PRNG (mulberry32) whose whole state is one 32-bit integer, so a checkpoint can
 * save it and a resumed run draws exactly the numbers the uninterrupted run would have drawn.
 * One generator for every stage: batch order in datasets/tuning, bootstrap and permutations in
 * correlation.
 */
export class Rng {
  private s: number;

  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Fisher–Yates shuffle in place. */
  shuffle<T>(items: T[]): T[] {
    return shuffleInPlace(items, this);
  }

  get state(): number {
    return this.s;
  }

  static fromState(state: number): Rng {
    const r = new Rng(0);
    r.s = state >>> 0;
    return r;
  }
}

/** Uniform draws in [0, 1) and integers in [0, n): what a bootstrap or a permutation test needs. */
export interface Prng {
  next(): number;
  int(n: number): number;
}

/**
 * The generator for a user's `--seed` (bootstrap, permutation tests): the seed is mixed with the
 * golden-ratio constant before it becomes mulberry32's state, so the draws of a given seed stay
 * those that stored results were computed with.
 */
export function createPrng(seed: number): Rng {
  return new Rng((Math.trunc(seed) ^ 0x9e3779b9) >>> 0);
}

/** Fisher–Yates shuffle in place with any source of integers in [0, n). */
export function shuffleInPlace<T>(items: T[], rng: { int(n: number): number }): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
