import type { TokenCounter } from '../counter.js';
import { ratioOrNull } from './ratio.js';

/** Unicode code points per token (Limisiewicz et al. 2023, CPT). */
export function charsPerToken(c: TokenCounter): number | null {
  return ratioOrNull(c.chars, c.tokens);
}
