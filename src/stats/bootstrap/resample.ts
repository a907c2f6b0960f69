/**
 * Seeded resample draws: `resamples` rows of `n` unit indices drawn with replacement. The stream
 * depends only on the seed and a key (the language), so every tokenizer of a language gets the
 * same draws: comparisons between tokenizers are paired by construction.
 */
import { createHash } from 'node:crypto';
import { Rng } from '../../util/rng.js';

/** The key a language's draws are seeded with. */
export function resampleKey(seed: number, language: string): string {
  return `${seed}\u0000${language}`;
}

/** Row-major `resamples × n` indices in [0, n): row b is resample b. */
export function resampleIndices(n: number, resamples: number, key: string): Int32Array {
  const out = new Int32Array(n * resamples);
  if (n === 0) return out;
  // The project's one generator (mulberry32), its 32-bit seed taken from the key's SHA-256.
  const rng = new Rng(createHash('sha256').update(key).digest().readUInt32LE(0));
  for (let i = 0; i < out.length; i++) out[i] = rng.int(n);
  return out;
}
