/** One unit of work: count one language of one corpus with one or more tokenizers. */
import type { Corpus } from '../../corpora/types.js';
import type { Tokenizer } from '../../tokenizers/types.js';
import type { WordSource } from '../../tables/tidy.js';
import { DenseIdCounts, countSegment, segmentWords } from '../count.js';
import { emptyCounter, type TokenCounter } from '../counter.js';
import { UnitStatsBuilder, type UnitStats } from '../unit-stats.js';

export interface LanguageCount {
  language: string;
  wordSource: WordSource;
  counter: TokenCounter;
  /** Per-segment statistics for bootstrap intervals (when asked for). */
  units?: UnitStats;
}

export interface CountOptions {
  /** Also keep per-segment statistics (`LanguageCount.units`). */
  units?: boolean;
}

/** Counts for each tokenizer, in order; the text is read and split into words once. */
export function countLanguageMany(tokenizers: readonly Tokenizer[], corpus: Corpus, language: string, options: CountOptions = {}): LanguageCount[] {
  const text = corpus.read(language);
  const counters = tokenizers.map(() => emptyCounter());
  const units = options.units ? tokenizers.map(() => new UnitStatsBuilder()) : undefined;
  const dense = tokenizers.map(() => new DenseIdCounts());
  for (const segment of text.segments) {
    const words = segmentWords(segment, text.locale);
    tokenizers.forEach((tok, i) => countSegment(counters[i], tok, segment, text.locale, words, units?.[i], dense[i]));
  }
  counters.forEach((c, i) => dense[i].flushInto(c.idCounts));
  return counters.map((counter, i) => ({ language, wordSource: text.wordSource, counter, ...(units ? { units: units[i]!.finish() } : {}) }));
}

export function countLanguage(tokenizer: Tokenizer, corpus: Corpus, language: string, options: CountOptions = {}): LanguageCount {
  return countLanguageMany([tokenizer], corpus, language, options)[0];
}
