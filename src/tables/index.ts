export { METRIC_NAMES } from './tidy.js';
export type { MetricName, StatRow, WordSource } from './tidy.js';
export { TIDY_COLUMNS, TIDY_BASE_COLUMNS, TIDY_INTERVAL_COLUMNS, toTidyCSV, toTidyJSON, writeTidyTables } from './write.js';
export type { TableFormat } from './write.js';
export { OVERLAP_COLUMNS, ALLOCATION_COLUMNS, toOverlapCSV, toAllocationCSV, writeOverlapTables } from './overlap.js';
export type { OverlapRow, AllocationRow } from './overlap.js';
export { FAIRNESS_COLUMNS, DIFFERENCE_COLUMNS, toSummaryCSV, writeSummaryTable } from './summaries.js';
