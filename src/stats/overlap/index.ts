/** Vocabulary overlap (Jensen–Shannon divergence) and allocation (owned ids) across the languages of a run. */
export { sparseDistribution, idSpan } from './distribution.js';
export type { SparseDistribution } from './distribution.js';
export { jensenShannon, jsdMatrix } from './jsd.js';
export { allocateVocabulary } from './allocation.js';
export type { Allocation } from './allocation.js';
export { tokenizerOverlap, overlapRows, fillOverlapMetrics, OVERLAP_METRICS } from './overlap.js';
export type { TokenizerOverlap, OverlapInput, LanguageIdCounts, OverlapMetricName } from './overlap.js';
