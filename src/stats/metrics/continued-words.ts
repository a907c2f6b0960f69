import type { TokenCounter } from '../counter.js';
import { ratioOrNull } from './ratio.js';

/** Share of words split into ≥ 2 tokens (Ács 2019; Rust et al. 2021). */
export function continuedWords(c: TokenCounter): number | null {
  return ratioOrNull(c.continuedWords, c.words);
}
