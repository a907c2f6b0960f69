/**
 * The tidy statistics table: one row per tokenizer × corpus × language × metric.
 * This is a contract other tools read (documented in the README): column names and metric names
 * change only with a major version.
 */
import type { WordSource } from '../corpora/types.js';

export const METRIC_NAMES = [
  'tokens',
  'words',
  'chars',
  'bytes',
  'fertility',
  'continued_words',
  'single_token_words',
  'unk_rate',
  'byte_fallback_rate',
  'chars_per_token',
  'bytes_per_token',
  'premium',
  'vocab_use',
  'avg_rank',
  'renyi_efficiency',
  'shannon_efficiency',
  // Across the languages of a run (src/stats/overlap): null from one counter, filled in by the job.
  'owned_share',
  'jsd_english',
  'mean_jsd',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export type { WordSource };

export interface StatRow {
  /** Tokenizer spec or display name as given on the command line. */
  tokenizer: string;
  /** Corpus spec (e.g. `udhr`, `flores:/path`). */
  corpus: string;
  /** The corpus's own language code (`eng_Latn` for FLORES, `eng` / UDHR code for UDHR, …). */
  language: string;
  metric: MetricName;
  /** NaN/null when undefined (e.g. premium without an English text); never silently 0. */
  value: number | null;
  word_source: WordSource;
  /**
   * The 95% bootstrap interval of `value` (contract extension: columns after `word_source`); null
   * where undefined: no value, intervals turned off, or a table written before they existed.
   */
  value_low?: number | null;
  value_high?: number | null;
}
