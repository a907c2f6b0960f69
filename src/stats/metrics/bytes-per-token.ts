import type { TokenCounter } from '../counter.js';
import { _ratio } from './ratio.js';

/** UTF-8 bytes per token (tokka-bench). */
export function bytesPerToken(c: TokenCounter): number | null {
  return _ratio(c.bytes, c.tokens);
}
