import { Rng } from '../util/rng.js';

/**
 * One epoch of length-bucketed batches of example indices: shuffle, cut into pools of
 * `poolBatches` batches, sort each pool by length (so batches pad little), cut into batches, and
 * shuffle the batch order. Deterministic given the rng state.
 */
export function bucketedBatches(lengths: readonly number[], batchSize: number, rng: Rng, poolBatches = 50): number[][] {
  const order = rng.shuffle(lengths.map((_, i) => i));
  const batches: number[][] = [];
  const pool = Math.max(1, batchSize * poolBatches);
  for (let p = 0; p < order.length; p += pool) {
    const chunk = order.slice(p, p + pool).sort((a, b) => lengths[a]! - lengths[b]! || a - b);
    for (let b = 0; b < chunk.length; b += batchSize) batches.push(chunk.slice(b, b + batchSize));
  }
  return rng.shuffle(batches);
}

/** Consecutive batches in input order sorted by length (for evaluation, where order must not matter). */
export function evalBatches(lengths: readonly number[], batchSize: number): number[][] {
  const order = lengths.map((_, i) => i).sort((a, b) => lengths[a]! - lengths[b]! || a - b);
  const out: number[][] = [];
  for (let b = 0; b < order.length; b += batchSize) out.push(order.slice(b, b + batchSize));
  return out;
}
