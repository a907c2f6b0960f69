/** Row types of the correlation layer's tables and its structured warnings. */
import type { TuningMethod } from '../tuning/results.js';

export type ExclusionReason =
  | 'nan_score'
  | 'unknown_language'
  | 'missing_pair'
  | 'null_value'
  | 'only_in_stats'
  | 'only_in_results'
  | 'task_missing_from_stats'
  | 'task_not_in_results'
  | 'too_few_languages';

/** Something left out of the analysis, and why. Never silent: every table run returns these. */
export interface Exclusion {
  reason: ExclusionReason;
  message: string;
  task?: string;
  language?: string;
  metric?: string;
  file?: string;
  line?: number;
}

/** One result cell after cleaning: language is the normalised key. */
export interface ResultCell {
  task: string;
  setting: string;
  language: string;
  method: TuningMethod;
  seed: number;
  score: number;
  /** The model the result is of; absent when the results name none. */
  model?: string;
}

/** PT and FT of one (task, setting, language, seed); gap = PT − FT. */
export interface GapRow {
  task: string;
  setting: string;
  language: string;
  seed: number;
  model?: string;
  prompt: number;
  finetune: number;
  gap: number;
}

/** Seeds averaged per (task, setting, language), with standard deviations over seeds. */
export interface GapSummaryRow {
  task: string;
  setting: string;
  language: string;
  model?: string;
  /** Seeds with both methods: the gap and every SD here are over these. */
  seeds: number;
  prompt: number;
  prompt_sd: number;
  finetune: number;
  finetune_sd: number;
  gap: number;
  gap_sd: number;
  tokens_b: number | null;
  tier: string | null;
}

/** One statistic joined with one language's results. */
export interface JoinedRow extends GapSummaryRow {
  tokenizer: string;
  corpus: string;
  metric: string;
  value: number;
}

export type CorrelationTarget = 'gap' | 'prompt' | 'finetune';

export interface CorrelationRow {
  tokenizer: string;
  corpus: string;
  metric: string;
  task: string;
  setting: string;
  /** The tuned model the results are of; absent when the results name none. */
  model?: string;
  /** What the metric is correlated with: the gap (PT − FT), or one method's score. */
  target: CorrelationTarget;
  n: number;
  languages: string;
  pearson: number;
  pearson_p: number;
  pearson_ci_low: number;
  pearson_ci_high: number;
  spearman: number;
  spearman_ci_low: number;
  spearman_ci_high: number;
  /** Permutation p of Pearson's r (two-sided, |r|). */
  p_perm: number;
  p_perm_spearman: number;
  /** true when all n! permutations were enumerated. */
  perm_exact: boolean;
  /** Holm-adjusted p_perm within the family (tokenizer, corpus, setting, target) over metrics × tasks. */
  p_holm: number;
  /** Partial r controlling for log XGLM pretraining tokens, and its t-test p (df = n − 3). */
  partial_r: number;
  partial_p: number;
  /** Least-squares line target = intercept + slope · value (for the scatter plots). */
  slope: number;
  intercept: number;
  bootstrap_resamples: number;
}

export interface RegressionRow {
  tokenizer: string;
  corpus: string;
  task: string;
  setting: string;
  target: CorrelationTarget;
  /** The tuned model the results are of; absent when the results name none. */
  model?: string;
  /** The fitted formula, e.g. `gap ~ fertility + log_tokens_b`. */
  formula: string;
  term: string;
  estimate: number;
  std_error: number;
  t: number;
  p: number;
  n: number;
  df: number;
  r_squared: number;
  adj_r_squared: number;
}

export interface TierMeanRow {
  task: string;
  setting: string;
  model?: string;
  tier: string;
  languages: number;
  gap_mean: number;
  gap_sd: number;
  prompt_mean: number;
  finetune_mean: number;
}
