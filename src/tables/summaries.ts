/**
 * The run's summary tables beside the tidy table, written the same way (Arquero CSV/JSON,
 * atomically): `fairness.csv` (one row per tokenizer) and `differences.csv` (each tokenizer
 * against the first, per language and metric, with paired bootstrap intervals).
 */
import * as aq from 'arquero';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { TableFormat } from './write.js';

export const FAIRNESS_COLUMNS = [
  'tokenizer', 'corpus', 'languages', 'premium_languages', 'premium_gini', 'premium_max', 'premium_max_language',
  'premium_min', 'premium_min_language', 'premium_above_2x_share', 'fertility_median',
] as const;

export const DIFFERENCE_COLUMNS = ['tokenizer', 'baseline', 'corpus', 'language', 'metric', 'difference', 'difference_low', 'difference_high'] as const;

/** Rows as a table with exactly `columns` in that order; non-finite numbers become null (an empty cell). */
function toTable(rows: readonly object[], columns: readonly string[]) {
  if (rows.length === 0) return aq.table(Object.fromEntries(columns.map((c) => [c, []])));
  const clean = rows.map((r) => Object.fromEntries(columns.map((c) => {
    const v = (r as Record<string, unknown>)[c];
    return [c, typeof v === 'number' && !Number.isFinite(v) ? null : (v ?? null)];
  })));
  return aq.from(clean).select(...columns);
}

export function toSummaryCSV(rows: readonly object[], columns: readonly string[]): string {
  return toTable(rows, columns).toCSV();
}

/** Write `<name>.csv` / `<name>.json` into `outDir`; returns the paths by format. */
export function writeSummaryTable(outDir: string, name: string, rows: readonly object[], columns: readonly string[], formats: readonly TableFormat[]): Partial<Record<TableFormat, string>> {
  const files: Partial<Record<TableFormat, string>> = {};
  for (const format of formats) {
    const table = toTable(rows, columns);
    const path = join(outDir, `${name}.${format}`);
    writeFileAtomic(path, format === 'csv' ? table.toCSV() : table.toJSON());
    files[format] = path;
  }
  return files;
}
