/**
 * The correlation layer: per-language tokenization statistics ⋈ per-language tuning results,
 * then correlations with intervals, permutation p-values, partial r, OLS and Holm.
 */
export { analyzeCorrelation, type AnalyzeOptions, type CorrelationAnalysis } from './analyze.js';
export { cleanResults, gapTable, summarizeGaps, joinStats, correlate, regress, regressMany, tierMeans, DEFAULT_TARGETS, DEFAULT_BOOTSTRAP } from './verbs/index.js';
export type { CleanResults, JoinOptions, CorrelateOptions } from './verbs/index.js';
export { importResults, fromResultsText, readResults, ImportedResultSchema, type ImportedResult, type ResultsFileOptions } from './results-input.js';
export { loadStats, fromStatsText, fromStatRows, readStatsTable, StatInputSchema, type StatInput, type StatsTableOptions } from './stats-input.js';
export type { TableFormat as ResultsFileFormat } from '../tables/table-file.js';
export { createLanguageIndex, languagesFromTable, defaultLanguages, xglmLanguageInfos } from './languages.js';
export type { LanguageInfo, LanguageIndex, ResourceTier } from './languages.js';
export { writeCorrelationTables, CORRELATION_CSV_COLUMNS, type TableOutputFormat } from './write.js';
export { ResultsInputError, DuplicateCellError, StatisticError } from './errors.js';
export {
  pearson, spearman, rank, correlationPValue, bootstrapInterval, permutationTest, holm, ols, partialCorrelation,
  createPrng, studentTCdf, studentTTwoSided, studentTQuantile, quantile,
} from './stats/index.js';
export type { OlsFit, OlsTerm, PartialCorrelation, BootstrapInterval, BootstrapOptions, PermutationResult, PermutationOptions, Prng } from './stats/index.js';
export type {
  Exclusion, ExclusionReason, ResultCell, GapRow, GapSummaryRow, JoinedRow, CorrelationRow, CorrelationTarget, RegressionRow, TierMeanRow,
} from './types.js';
export { RAW_COUNT_METRICS, defaultCorrelationMetrics } from './metric-set.js';
