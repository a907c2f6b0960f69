import type { TokenCounter } from '../counter.js';
import { _ratio } from './ratio.js';

/** Unknown tokens / tokens (Petrov et al. 2023, "unknown fraction"). */
export function unkRate(c: TokenCounter): number | null {
  return _ratio(c.unknown, c.tokens);
}
