/**
 * The tidy statistics table as files: CSV and JSON through Arquero (`aq.from(rows)`, `toCSV`,
 * `toJSON`), written atomically. Columns are exactly TIDY_COLUMNS.
 */
import * as aq from 'arquero';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { StatRow } from './tidy.js';

/** The contract's first six columns; every tidy table has them, so readers require only these. */
export const TIDY_BASE_COLUMNS = ['tokenizer', 'corpus', 'language', 'metric', 'value', 'word_source'] as const;
/** The contract's extension, appended so that readers of the first six columns keep working. */
export const TIDY_INTERVAL_COLUMNS = ['value_low', 'value_high'] as const;
/** Column order of every tidy statistics file. */
export const TIDY_COLUMNS = [...TIDY_BASE_COLUMNS, ...TIDY_INTERVAL_COLUMNS] as const;

export type TableFormat = 'csv' | 'json';

const finiteOrNull = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function toTable(rows: readonly StatRow[]) {
  // Undefined values travel as null (an empty CSV cell), never as 0 or NaN.
  const clean = rows.map((r) => ({ ...r, value: finiteOrNull(r.value), value_low: finiteOrNull(r.value_low), value_high: finiteOrNull(r.value_high) }));
  return clean.length ? aq.from(clean).select(...TIDY_COLUMNS) : aq.table(Object.fromEntries(TIDY_COLUMNS.map((c) => [c, []])));
}

export function toTidyCSV(rows: readonly StatRow[]): string {
  return toTable(rows).toCSV();
}

export function toTidyJSON(rows: readonly StatRow[]): string {
  return toTable(rows).toJSON();
}

/** Write `<name>.csv` / `<name>.json` into `outDir`; returns the paths by format. */
export function writeTidyTables(outDir: string, rows: readonly StatRow[], formats: readonly TableFormat[], name = 'tokenization'): Partial<Record<TableFormat, string>> {
  const files: Partial<Record<TableFormat, string>> = {};
  for (const format of formats) {
    const path = join(outDir, `${name}.${format}`);
    writeFileAtomic(path, format === 'csv' ? toTidyCSV(rows) : toTidyJSON(rows));
    files[format] = path;
  }
  return files;
}
