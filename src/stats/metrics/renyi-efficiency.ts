import type { TokenCounter } from '../counter.js';
import { sortedProbabilities } from './distribution.js';
import { shannonEntropy } from './shannon-efficiency.js';

/** Rényi entropy H_α(p) = log₂(Σ p^α) / (1 − α) in bits; α = 1 is Shannon's. */
export function renyiEntropy(p: ArrayLike<number>, alpha: number): number {
  if (alpha === 1) return shannonEntropy(p);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i] ** alpha;
  return Math.log2(s) / (1 - alpha);
}

/** H_α(p) / log₂|V|, α = 2.5 by default (Zouhar et al. 2023), |V| the vocabulary size. */
export function renyiEfficiency(c: TokenCounter, vocabSize: number, alpha = 2.5): number | null {
  if (c.idCounts.size === 0 || vocabSize < 2) return null;
  return renyiEntropy(sortedProbabilities(c), alpha) / Math.log2(vocabSize);
}
