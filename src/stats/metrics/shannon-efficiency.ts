import type { TokenCounter } from '../counter.js';
import { sortedProbabilities } from './distribution.js';

/** Shannon entropy in bits. */
export function shannonEntropy(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) h -= p[i] * Math.log2(p[i]);
  return h;
}

/** H(p) / log₂|V| with |V| the tokenizer's vocabulary size (Zouhar et al. 2023). */
export function shannonEfficiency(c: TokenCounter, vocabSize: number): number | null {
  if (c.idCounts.size === 0 || vocabSize < 2) return null;
  return shannonEntropy(sortedProbabilities(c)) / Math.log2(vocabSize);
}
