import type { TokenCounter } from '../counter.js';
import { ratioOrNull } from './ratio.js';

/** Byte-fallback pieces (`<0xNN>`) / tokens; counted apart from unknown tokens. */
export function byteFallbackRate(c: TokenCounter): number | null {
  return ratioOrNull(c.byteFallback, c.tokens);
}
