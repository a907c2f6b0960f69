/**
 * Word boundaries as spans of the running text: `Intl.Segmenter` word segments with `isWordLike`
 * (dictionary-based for Chinese, Japanese, Thai, Khmer, Lao, Burmese), or gold words located in
 * the text in order.
 */
import { simpleWordSpans } from './word-break.js';

export interface Span {
  start: number;
  end: number;
}

const segmenters = new Map<string, Intl.Segmenter>();

function segmenterFor(locale: string): Intl.Segmenter {
  let seg = segmenters.get(locale);
  if (!seg) {
    try {
      seg = new Intl.Segmenter(locale, { granularity: 'word' });
    } catch {
      // Not a valid BCP-47 tag (e.g. a UDHR code like `054`): the root locale's rules.
      seg = new Intl.Segmenter('und', { granularity: 'word' });
    }
    segmenters.set(locale, seg);
  }
  return seg;
}

/**
 * Word-like segments of `text` (punctuation and spaces left out). Text of plain Latin, Greek or
 * Cyrillic letters, digits and common punctuation takes the exact fast path of word-break.ts;
 * everything else goes through ICU.
 */
export function segmenterWords(text: string, locale: string): Span[] {
  return simpleWordSpans(text) ?? icuWords(text, locale);
}

/** Word-like segments from `Intl.Segmenter` itself. */
export function icuWords(text: string, locale: string): Span[] {
  const spans: Span[] = [];
  for (const s of segmenterFor(locale).segment(text)) {
    if (s.isWordLike) spans.push({ start: s.index, end: s.index + s.segment.length });
  }
  return spans;
}

/**
 * Locate gold words in the running text, left to right. Words that cannot be found (the treebank
 * normalised them) come back in `unlocated`, to be encoded on their own as in Rust et al. 2021.
 */
export function goldWordSpans(text: string, words: readonly string[]): { spans: Span[]; unlocated: string[] } {
  const spans: Span[] = [];
  const unlocated: string[] = [];
  let cursor = 0;
  for (const word of words) {
    const at = word === '' ? -1 : text.indexOf(word, cursor);
    // Only accept a hit that skips whitespace alone, so a missing word cannot jump far ahead.
    if (at >= 0 && text.slice(cursor, at).trim() === '') {
      spans.push({ start: at, end: at + word.length });
      cursor = at + word.length;
    } else {
      unlocated.push(word);
    }
  }
  return { spans, unlocated };
}

