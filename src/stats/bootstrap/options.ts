/** Bootstrap defaults, apart from the computation so the CLI can show them without loading it. */

/**
 * Resamples per language. 200 keeps the default run cheap (docs/benchmarks.md measures it) while
 * the 2.5th and 97.5th percentiles still rest on 5 resamples each; raise it for publication.
 */
export const DEFAULT_BOOTSTRAP_RESAMPLES = 200;
export const DEFAULT_BOOTSTRAP_SEED = 1;
/** Coverage of the percentile intervals. */
export const BOOTSTRAP_LEVEL = 0.95;
