import type { TokenCounter } from '../counter.js';
import { _ratio } from './ratio.js';

/** Unicode code points per token (Limisiewicz et al. 2023, CPT). */
export function charsPerToken(c: TokenCounter): number | null {
  return _ratio(c.chars, c.tokens);
}
