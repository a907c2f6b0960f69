/** `WhitespaceSplit`: cut at Unicode whitespace and drop it. */
import { isWhitespace, sliceAligned, type Aligned } from '../aligned-string.js';

export function whitespaceSplitPreTokenize(input: Aligned): Aligned[] {
  const out: Aligned[] = [];
  let from = -1;
  for (let i = 0; i <= input.chars.length; i++) {
    const ws = i === input.chars.length || isWhitespace(input.chars[i]);
    if (ws && from >= 0) {
      out.push(sliceAligned(input, from, i));
      from = -1;
    } else if (!ws && from < 0) from = i;
  }
  return out;
}
