/** Turn one language's counter into tidy rows, one per metric, in METRIC_NAMES order. */
import { METRIC_NAMES, type MetricName, type StatRow, type WordSource } from '../tables/tidy.js';
import type { TokenCounter } from './counter.js';
import * as m from './metrics/index.js';

export interface RowContext {
  tokenizer: string;
  corpus: string;
  language: string;
  wordSource: WordSource;
  vocabSize: number;
  /** Rényi order (default 2.5). */
  alpha: number;
  /** The English counter of the same corpus, when it is parallel and has English. */
  english?: TokenCounter;
}

export function computeMetrics(c: TokenCounter, ctx: Pick<RowContext, 'vocabSize' | 'alpha' | 'english'>): Record<MetricName, number | null> {
  return {
    tokens: c.tokens,
    words: c.words,
    chars: c.chars,
    bytes: c.bytes,
    fertility: m.fertility(c),
    continued_words: m.continuedWords(c),
    single_token_words: m.singleTokenWords(c),
    unk_rate: m.unkRate(c),
    byte_fallback_rate: m.byteFallbackRate(c),
    chars_per_token: m.charsPerToken(c),
    bytes_per_token: m.bytesPerToken(c),
    premium: m.premium(c, ctx.english),
    vocab_use: m.vocabUse(c, ctx.vocabSize),
    avg_rank: m.avgRank(c),
    renyi_efficiency: m.renyiEfficiency(c, ctx.vocabSize, ctx.alpha),
    shannon_efficiency: m.shannonEfficiency(c, ctx.vocabSize),
    // These need every language of the run; analyzeTokenization fills them in (fillOverlapMetrics).
    owned_share: null,
    jsd_english: null,
    mean_jsd: null,
  };
}

export function toStatRows(c: TokenCounter, ctx: RowContext): StatRow[] {
  const values = computeMetrics(c, ctx);
  return METRIC_NAMES.map((metric) => {
    const v = values[metric];
    return {
      tokenizer: ctx.tokenizer,
      corpus: ctx.corpus,
      language: ctx.language,
      metric,
      value: v === null || !Number.isFinite(v) ? null : v,
      word_source: ctx.wordSource,
    };
  });
}
