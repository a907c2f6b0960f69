/**
 * Unicode normal forms and lower-casing, applied per grapheme cluster so that every output code
 * point keeps the span of the cluster it came from (composition never crosses a cluster).
 */
import { emptyAligned, entryIndexByOffset, pushSpan, type Aligned } from '../aligned-string.js';

export type UnicodeForm = 'NFC' | 'NFD' | 'NFKC' | 'NFKD';
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

function mapClusters(input: Aligned, f: (cluster: string) => string): Aligned {
  const text = input.chars.join('');
  const entryAt = entryIndexByOffset(input, text);
  const out = emptyAligned();
  for (const { segment, index } of graphemes.segment(text)) {
    const first = entryAt[index];
    const mapped = f(segment);
    if (mapped === segment) {
      for (let i = first; i < first + [...segment].length; i++) pushSpan(out, input.chars[i], input.start[i], input.end[i]);
    } else {
      const last = first + [...segment].length - 1;
      pushSpan(out, mapped, input.start[first], input.end[last]);
    }
  }
  return out;
}

export function unicodeNormalize(input: Aligned, form: UnicodeForm): Aligned {
  return mapClusters(input, (s) => s.normalize(form));
}

export function lowercaseNormalize(input: Aligned): Aligned {
  return mapClusters(input, (s) => s.toLowerCase());
}
