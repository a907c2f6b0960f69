import type { TokenCounter } from '../counter.js';
import { sortedProbabilities } from './distribution.js';

/** Σ_r r · p(r) over the language's id distribution sorted by descending p, r from 0 (Limisiewicz et al. 2023). */
export function avgRank(c: TokenCounter): number | null {
  if (c.idCounts.size === 0) return null;
  const p = sortedProbabilities(c);
  let sum = 0;
  for (let r = 0; r < p.length; r++) sum += r * p[r];
  return sum;
}
