import type { TokenCounter } from '../counter.js';
import { _ratio } from './ratio.js';

/** Distinct token ids seen / vocabulary size. */
export function vocabUse(c: TokenCounter, vocabSize: number): number | null {
  return _ratio(c.idCounts.size, vocabSize);
}
