/**
 * Seeded resample draws: `resamples` rows of `n` unit indices drawn with replacement. The stream
 * depends only on the seed and a key (the language), so every tokenizer of a language gets the
 * same draws: comparisons between tokenizers are paired by construction.
 */
import seedrandom from 'seedrandom';

/** The key a language's draws are seeded with. */
export function resampleKey(seed: number, language: string): string {
  return `${seed}\u0000${language}`;
}

/** Row-major `resamples × n` indices in [0, n): row b is resample b. */
export function resampleIndices(n: number, resamples: number, key: string): Int32Array {
  const out = new Int32Array(n * resamples);
  if (n === 0) return out;
  // xor4096 (Brent's xorgens): long period, seeded from any string. `quick()` gives 32 random bits
  // per draw (one generator step, half the cost of `double()`); for n ≪ 2³² the draws are uniform.
  const rng = seedrandom.xor4096(key);
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(rng.quick() * n);
  return out;
}
