export { cleanResults, type CleanResults } from './clean-results.js';
export { gapTable } from './gap-table.js';
export { summarizeGaps } from './summarize-gaps.js';
export { joinStats, type JoinOptions } from './join-stats.js';
export { correlate, DEFAULT_TARGETS, DEFAULT_BOOTSTRAP, type CorrelateOptions } from './correlate.js';
export { regress, regressMany } from './regress.js';
export { tierMeans } from './tier-means.js';
