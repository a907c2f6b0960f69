import type { TokenCounter } from '../counter.js';
import { ratioOrNull } from './ratio.js';

/**
 * tokens(L) / tokens(English) on the same parallel text (Petrov et al. 2023). Only segments both
 * languages have count (a UDHR translation missing an article is compared on the rest).
 */
export function premium(c: TokenCounter, english: TokenCounter | undefined): number | null {
  if (!english) return null;
  let mine = 0;
  let theirs = 0;
  for (const [seg, n] of c.segmentTokens) {
    const e = english.segmentTokens.get(seg);
    if (e === undefined) continue;
    mine += n;
    theirs += e;
  }
  return ratioOrNull(mine, theirs);
}
