/**
 * The cross-language tables of `analyze tokenization` (Limisiewicz et al. 2023): `overlap.csv`
 * (JSD between every pair of languages, per tokenizer) and `allocation.csv` (how much of the
 * vocabulary each language owns). Written with Arquero like the tidy table, atomically.
 */
import * as aq from 'arquero';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { TableFormat } from './write.js';

/** One unordered pair of languages of one tokenizer; each pair appears once, no diagonal. */
export interface OverlapRow {
  tokenizer: string;
  /** The earlier of the two in the run's language order. */
  language_a: string;
  language_b: string;
  /** Jensen–Shannon divergence of the two token distributions, in bits (0 … 1); null when a text is empty. */
  jsd: number | null;
}

export interface AllocationRow {
  tokenizer: string;
  language: string;
  /** Distinct ids the language uses. */
  used_ids: number;
  /** Ids for which this language has the highest relative frequency (ties split equally). */
  owned_ids: number;
  /** owned_ids / ids used by any language of the run. */
  owned_share: number | null;
  /** owned_ids / vocabulary size. */
  vocab_share: number | null;
}

export const OVERLAP_COLUMNS = ['tokenizer', 'language_a', 'language_b', 'jsd'] as const;
export const ALLOCATION_COLUMNS = ['tokenizer', 'language', 'used_ids', 'owned_ids', 'owned_share', 'vocab_share'] as const;

const finite = (v: number | null): number | null => (v === null || !Number.isFinite(v) ? null : v);

function table(rows: readonly object[], columns: readonly string[]) {
  return rows.length ? aq.from(rows as object[]).select(...columns) : aq.table(Object.fromEntries(columns.map((c) => [c, []])));
}

function write(outDir: string, name: string, rows: readonly object[], columns: readonly string[], formats: readonly TableFormat[]): Partial<Record<TableFormat, string>> {
  const files: Partial<Record<TableFormat, string>> = {};
  const t = table(rows, columns);
  for (const format of formats) {
    const path = join(outDir, `${name}.${format}`);
    writeFileAtomic(path, format === 'csv' ? t.toCSV() : t.toJSON());
    files[format] = path;
  }
  return files;
}

export function toOverlapCSV(rows: readonly OverlapRow[]): string {
  return table(rows.map((r) => ({ ...r, jsd: finite(r.jsd) })), OVERLAP_COLUMNS).toCSV();
}

export function toAllocationCSV(rows: readonly AllocationRow[]): string {
  return table(rows.map((r) => ({ ...r, owned_share: finite(r.owned_share), vocab_share: finite(r.vocab_share) })), ALLOCATION_COLUMNS).toCSV();
}

/** Write `overlap.<format>` and `allocation.<format>` into `outDir`; returns the paths by table and format. */
export function writeOverlapTables(
  outDir: string,
  overlap: readonly OverlapRow[],
  allocation: readonly AllocationRow[],
  formats: readonly TableFormat[],
): { overlap: Partial<Record<TableFormat, string>>; allocation: Partial<Record<TableFormat, string>> } {
  return {
    overlap: write(outDir, 'overlap', overlap.map((r) => ({ ...r, jsd: finite(r.jsd) })), OVERLAP_COLUMNS, formats),
    allocation: write(outDir, 'allocation', allocation.map((r) => ({ ...r, owned_share: finite(r.owned_share), vocab_share: finite(r.vocab_share) })), ALLOCATION_COLUMNS, formats),
  };
}
