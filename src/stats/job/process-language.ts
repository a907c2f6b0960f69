/** One unit of work: count one language of one corpus with one or more tokenizers. */
import type { Corpus } from '../../corpora/types.js';
import type { Tokenizer } from '../../tokenizers/types.js';
import type { WordSource } from '../../tables/tidy.js';
import { DenseIdCounts, countSegment, segmentWords } from '../count.js';
import { emptyCounter, type TokenCounter } from '../counter.js';

export interface LanguageCount {
  language: string;
  wordSource: WordSource;
  counter: TokenCounter;
}

/** Counts for each tokenizer, in order; the text is read and split into words once. */
export function countLanguageMany(tokenizers: readonly Tokenizer[], corpus: Corpus, language: string): LanguageCount[] {
  const text = corpus.read(language);
  const counters = tokenizers.map(() => emptyCounter());
  const dense = tokenizers.map(() => new DenseIdCounts());
  for (const segment of text.segments) {
    const words = segmentWords(segment, text.locale);
    tokenizers.forEach((tok, i) => countSegment(counters[i], tok, segment, text.locale, words, dense[i]));
  }
  counters.forEach((c, i) => dense[i].flushInto(c.idCounts));
  return counters.map((counter) => ({ language, wordSource: text.wordSource, counter }));
}

export function countLanguage(tokenizer: Tokenizer, corpus: Corpus, language: string): LanguageCount {
  return countLanguageMany([tokenizer], corpus, language)[0];
}
