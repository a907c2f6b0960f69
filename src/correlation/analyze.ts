/**
 * The whole correlation stage in memory, as numbered phases:
 * 1 clean results → 2 gaps per seed → 3 seed summary → 4 join statistics → 5 correlate,
 * regress, tier means. Every phase returns what it left out; nothing is dropped silently.
 */
import { createLanguageIndex, defaultLanguages, type LanguageInfo } from './languages.js';
import type { ImportedResult } from './results-input.js';
import type { StatInput } from './stats-input.js';
import type {
  CorrelationRow, CorrelationTarget, Exclusion, GapRow, GapSummaryRow, JoinedRow, RegressionRow, TierMeanRow,
} from './types.js';
import { cleanResults } from './verbs/clean-results.js';
import { correlate } from './verbs/correlate.js';
import { gapTable } from './verbs/gap-table.js';
import { joinStats } from './verbs/join-stats.js';
import { regress, regressMany } from './verbs/regress.js';
import { summarizeGaps } from './verbs/summarize-gaps.js';
import { tierMeans } from './verbs/tier-means.js';
import { defaultCorrelationMetrics } from './metric-set.js';

export interface AnalyzeOptions {
  /** Metrics to correlate; default every metric in the statistics except the raw counts (RAW_COUNT_METRICS). */
  metrics?: readonly string[];
  tasks?: readonly string[];
  targets?: readonly CorrelationTarget[];
  bootstrap?: number;
  seed?: number;
  /** Also fit one OLS model per task with all these metrics together (plus ln tokens_b). */
  predictors?: readonly string[];
  /** Language table to join on (default: every language of data/languages.json). */
  languages?: readonly LanguageInfo[];
  /** Where the inputs came from, for messages. */
  statsFile?: string;
  resultsFile?: string;
}

export interface CorrelationAnalysis {
  gaps: GapRow[];
  summary: GapSummaryRow[];
  joined: JoinedRow[];
  correlations: CorrelationRow[];
  regressions: RegressionRow[];
  tiers: TierMeanRow[];
  exclusions: Exclusion[];
  /** Raw counts in the statistics that the default metric set left out (empty when `metrics` was given). */
  metricsLeftOut?: string[];
}

export function analyzeCorrelation(
  stats: readonly StatInput[],
  results: readonly ImportedResult[],
  options: AnalyzeOptions = {},
): CorrelationAnalysis {
  const index = createLanguageIndex(options.languages ?? defaultLanguages());
  const exclusions: Exclusion[] = [];

  // 1. Clean: language keys, NaN scores, duplicates; optional task filter.
  let selected = results;
  if (options.tasks) {
    const present = new Set(results.map((r) => r.task));
    for (const t of options.tasks) {
      if (!present.has(t)) exclusions.push({ reason: 'task_not_in_results', message: `task ${t} was asked for but has no results`, task: t });
    }
    const wanted = new Set(options.tasks);
    selected = results.filter((r) => wanted.has(r.task));
  }
  const clean = cleanResults(selected, index, options.resultsFile);
  exclusions.push(...clean.exclusions);

  // 2–3. Gaps per seed, then per language.
  const gaps = gapTable(clean.cells);
  exclusions.push(...gaps.exclusions);
  const summary = summarizeGaps(gaps.rows, index);

  // 4. Join with the statistics.
  const defaults = options.metrics ? undefined : defaultCorrelationMetrics(stats);
  const joined = joinStats(summary, stats, index, { metrics: options.metrics ?? defaults?.metrics, file: options.statsFile });
  exclusions.push(...joined.exclusions);

  // 5. Statistics.
  const corr = correlate(joined.rows, { bootstrap: options.bootstrap, seed: options.seed, targets: options.targets });
  exclusions.push(...corr.exclusions);
  return {
    gaps: gaps.rows,
    summary,
    joined: joined.rows,
    correlations: corr.rows,
    regressions: [
      ...regress(joined.rows, 'gap'),
      ...(options.predictors && options.predictors.length > 0 ? regressMany(joined.rows, options.predictors, 'gap') : []),
    ],
    tiers: tierMeans(summary),
    exclusions,
    metricsLeftOut: defaults?.leftOut ?? [],
  };
}
