/** Bootstrap defaults, apart from the computation so the CLI can show them without loading it. */

/**
 * Resamples per language. Each resample recounts the language's token ids, so the cost grows with
 * resamples × tokens: 100 adds about a fifth to the default UDHR run's CPU time (docs/benchmarks.md); raise it (1000 or more) for intervals to publish.
 */
export const DEFAULT_BOOTSTRAP_RESAMPLES = 100;
export const DEFAULT_BOOTSTRAP_SEED = 1;
/** Coverage of the percentile intervals. */
export const BOOTSTRAP_LEVEL = 0.95;
