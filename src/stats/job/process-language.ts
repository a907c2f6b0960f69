/** One unit of work: count one language of one corpus with one tokenizer. */
import type { Corpus } from '../../corpora/types.js';
import type { Tokenizer } from '../../tokenizers/types.js';
import type { WordSource } from '../../tables/tidy.js';
import { countSegment } from '../count.js';
import { emptyCounter, type TokenCounter } from '../counter.js';

export interface LanguageCount {
  language: string;
  wordSource: WordSource;
  counter: TokenCounter;
}

export function countLanguage(tokenizer: Tokenizer, corpus: Corpus, language: string): LanguageCount {
  const text = corpus.read(language);
  const counter = emptyCounter();
  for (const segment of text.segments) countSegment(counter, tokenizer, segment, text.locale);
  return { language, wordSource: text.wordSource, counter };
}
