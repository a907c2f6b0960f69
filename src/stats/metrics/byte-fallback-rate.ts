import type { TokenCounter } from '../counter.js';
import { _ratio } from './ratio.js';

/** Byte-fallback pieces (`<0xNN>`) / tokens; counted apart from unknown tokens. */
export function byteFallbackRate(c: TokenCounter): number | null {
  return _ratio(c.byteFallback, c.tokens);
}
