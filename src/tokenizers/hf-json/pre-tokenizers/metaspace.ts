/**
 * `Metaspace`: spaces become `▁`, a `▁` is prepended (scheme `always`, or `first` for the first
 * segment of the input only, when it does not already start with one), and with `split` the
 * string is cut before every `▁` (the crate's MergedWithNext).
 */
import { sliceAligned, pushSpan, emptyAligned, type Aligned } from '../aligned-string.js';

export type PrependScheme = 'always' | 'first' | 'never';

export interface MetaspaceOptions {
  replacement: string;
  prependScheme: PrependScheme;
  split: boolean;
}

export function metaspacePreTokenize(input: Aligned, options: MetaspaceOptions, isFirstSegment: boolean): Aligned[] {
  if (input.chars.length === 0) return [];
  const rep = options.replacement;
  let s: Aligned = { chars: input.chars.map((c) => (c === ' ' ? rep : c)), start: input.start, end: input.end };
  const prepend = options.prependScheme === 'always' || (options.prependScheme === 'first' && isFirstSegment);
  if (prepend && s.chars[0] !== rep) {
    const head = emptyAligned();
    pushSpan(head, rep, s.start[0], s.start[0]);
    s = { chars: head.chars.concat(s.chars), start: head.start.concat(s.start), end: head.end.concat(s.end) };
  }
  if (!options.split) return [s];
  const out: Aligned[] = [];
  let from = 0;
  for (let i = 1; i < s.chars.length; i++) {
    if (s.chars[i] === rep) {
      out.push(sliceAligned(s, from, i));
      from = i;
    }
  }
  out.push(sliceAligned(s, from, s.chars.length));
  return out;
}
