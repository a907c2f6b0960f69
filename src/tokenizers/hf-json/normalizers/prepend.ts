/** `Prepend`: put `prepend` before a non-empty string (Llama 2 style dummy prefix); it spans nothing. */
import { pushSpan, emptyAligned, type Aligned } from '../aligned-string.js';

export function prependNormalize(input: Aligned, prepend: string): Aligned {
  if (input.chars.length === 0) return input;
  const out = emptyAligned();
  pushSpan(out, prepend, input.start[0], input.start[0]);
  return { chars: out.chars.concat(input.chars), start: out.start.concat(input.start), end: out.end.concat(input.end) };
}
