import type { TokenCounter } from '../counter.js';
import { ratioOrNull } from './ratio.js';

/** Share of words kept as exactly one token (Nayeem et al. 2025, STRR). */
export function singleTokenWords(c: TokenCounter): number | null {
  return ratioOrNull(c.singleTokenWords, c.words);
}
