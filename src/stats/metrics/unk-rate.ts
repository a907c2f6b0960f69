import type { TokenCounter } from '../counter.js';
import { ratioOrNull } from './ratio.js';

/** Unknown tokens / tokens (Petrov et al. 2023, "unknown fraction"). */
export function unkRate(c: TokenCounter): number | null {
  return ratioOrNull(c.unknown, c.tokens);
}
