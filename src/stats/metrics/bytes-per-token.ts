import type { TokenCounter } from '../counter.js';
import { ratioOrNull } from './ratio.js';

/** UTF-8 bytes per token (tokka-bench). */
export function bytesPerToken(c: TokenCounter): number | null {
  return ratioOrNull(c.bytes, c.tokens);
}
