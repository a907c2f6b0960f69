/** Writes the correlation tables as CSV and/or JSON, atomically, and names the files written. */
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { CorrelationAnalysis } from './analyze.js';
import { toCsv } from '../tables/csv.js';
import type { CorrelationRow, GapSummaryRow, RegressionRow, TierMeanRow } from './types.js';

export const CORRELATION_CSV_COLUMNS: readonly (keyof CorrelationRow & string)[] = [
  'tokenizer', 'corpus', 'metric', 'task', 'setting', 'model', 'target', 'n', 'languages',
  'pearson', 'pearson_p', 'pearson_ci_low', 'pearson_ci_high',
  'spearman', 'spearman_ci_low', 'spearman_ci_high',
  'p_perm', 'p_perm_spearman', 'perm_exact', 'p_holm', 'partial_r', 'partial_p', 'slope', 'intercept', 'bootstrap_resamples',
];
const GAP_COLUMNS: readonly (keyof GapSummaryRow & string)[] = ['task', 'setting', 'model', 'language', 'seeds', 'prompt', 'prompt_sd', 'finetune', 'finetune_sd', 'gap', 'gap_sd', 'tokens_b', 'tier'];
const REGRESSION_COLUMNS: readonly (keyof RegressionRow & string)[] = ['tokenizer', 'corpus', 'task', 'setting', 'model', 'target', 'formula', 'term', 'estimate', 'std_error', 't', 'p', 'n', 'df', 'r_squared', 'adj_r_squared'];
const TIER_COLUMNS: readonly (keyof TierMeanRow & string)[] = ['task', 'setting', 'model', 'tier', 'languages', 'gap_mean', 'gap_sd', 'prompt_mean', 'finetune_mean'];

export type TableOutputFormat = 'csv' | 'json';

/** NaN and ±Infinity are not JSON: write them as null. */
function jsonSafe(value: unknown): string {
  return `${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}

export function writeCorrelationTables(analysis: CorrelationAnalysis, outDir: string, formats: readonly TableOutputFormat[]): string[] {
  const written: string[] = [];
  const tables: [string, readonly object[], readonly string[]][] = [
    ['correlations', analysis.correlations, CORRELATION_CSV_COLUMNS],
    ['gaps', analysis.summary, GAP_COLUMNS],
    ['regressions', analysis.regressions, REGRESSION_COLUMNS],
    ['tiers', analysis.tiers, TIER_COLUMNS],
    ['exclusions', analysis.exclusions, ['reason', 'task', 'language', 'metric', 'file', 'line', 'message']],
  ];
  for (const [name, rows, columns] of tables) {
    if (formats.includes('csv')) {
      const path = join(outDir, `${name}.csv`);
      writeFileAtomic(path, toCsv(rows as Record<string, unknown>[], columns as string[]));
      written.push(path);
    }
    if (formats.includes('json')) {
      const path = join(outDir, `${name}.json`);
      writeFileAtomic(path, jsonSafe(rows));
      written.push(path);
    }
  }
  return written;
}
