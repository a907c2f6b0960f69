import type { TokenCounter } from '../counter.js';
import { _ratio } from './ratio.js';

/** Share of words kept as exactly one token (Nayeem et al. 2025, STRR). */
export function singleTokenWords(c: TokenCounter): number | null {
  return _ratio(c.singleTokenWords, c.words);
}
