import type { TokenCounter } from '../counter.js';
import { ratioOrNull } from './ratio.js';

/** Distinct token ids seen / vocabulary size. */
export function vocabUse(c: TokenCounter, vocabSize: number): number | null {
  return ratioOrNull(c.idCounts.size, vocabSize);
}
