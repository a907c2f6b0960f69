/** Bootstrap intervals: seeded resamples of a language's units, every metric per resample, percentiles. */
export { DEFAULT_BOOTSTRAP_RESAMPLES, DEFAULT_BOOTSTRAP_SEED, BOOTSTRAP_LEVEL } from './options.js';
export { resampleIndices, resampleKey } from './resample.js';
export { quantileSorted, percentileInterval } from './percentile.js';
export { metricReplicates } from './replicates.js';
export type { ReplicateContext, Replicates } from './replicates.js';
export { bootstrapLanguage, languageResamples, intervalsOf, pairedDifferenceInterval, withIntervals } from './intervals.js';
export type { ResampleOptions, MetricIntervals, LanguageBootstrap } from './intervals.js';
