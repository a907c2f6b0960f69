/** `Strip`: drop Unicode whitespace at the left and/or right end. */
import { isWhitespace, sliceAligned, type Aligned } from '../aligned-string.js';

export function stripNormalize(input: Aligned, left: boolean, right: boolean): Aligned {
  let from = 0;
  let to = input.chars.length;
  if (left) while (from < to && isWhitespace(input.chars[from])) from++;
  if (right) while (to > from && isWhitespace(input.chars[to - 1])) to--;
  return from === 0 && to === input.chars.length ? input : sliceAligned(input, from, to);
}
