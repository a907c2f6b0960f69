/** Spearman's ρ: Pearson's r of the (tie-averaged) ranks. */
import { pearson } from './pearson.js';
import { rank } from './rank.js';

export function spearman(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) return NaN;
  return pearson(rank(x), rank(y));
}
