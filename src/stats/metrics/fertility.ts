import type { TokenCounter } from '../counter.js';
import { ratioOrNull } from './ratio.js';

/** Tokens per word (Rust et al. 2021): tokens falling in words / words. */
export function fertility(c: TokenCounter): number | null {
  return ratioOrNull(c.wordTokens, c.words);
}
