/**
 * Tidy stats rows → one wide record per tokenizer × language, joined with language metadata.
 * Charts and the table read these records, so tooltips and table cells come from the same values.
 */
import { METRIC_NAMES, type MetricName, type StatRow } from '../tables/tidy.js';
import type { LanguageMeta } from './types.js';

export interface WideRow {
  tokenizer: string;
  corpus: string;
  /** The corpus's language code (`StatRow.language`). */
  language: string;
  name: string;
  /** Other codes, joined for display (`iso639_3: eng, bcp47: en`). */
  codes: string;
  script: string;
  tier: string;
  latitude: number | null;
  longitude: number | null;
  /** Metric values: a finite number, or null when undefined (never 0 for missing). */
  values: Partial<Record<MetricName, number | null>>;
}

/** A finite number, else null: NaN, ±Infinity, null and undefined all mean "missing". */
export function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function metaIndex(languages: readonly LanguageMeta[]): Map<string, LanguageMeta> {
  return new Map(languages.map((m) => [m.code, m]));
}

function coord(value: number | null | undefined, limit: number): number | null {
  const v = finiteOrNull(value);
  return v !== null && Math.abs(v) <= limit ? v : null;
}

function joinCodes(codes: Record<string, string> | undefined): string {
  if (!codes) return '';
  return Object.entries(codes)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
}

/** Pivot in first-seen order of tokenizer × language; a later duplicate metric row overwrites. */
export function toWideRows(rows: readonly StatRow[], languages: readonly LanguageMeta[]): WideRow[] {
  const meta = metaIndex(languages);
  const byKey = new Map<string, WideRow>();
  for (const row of rows) {
    const key = `${row.tokenizer}\u0000${row.language}`;
    let wide = byKey.get(key);
    if (!wide) {
      const m = meta.get(row.language);
      wide = {
        tokenizer: row.tokenizer,
        corpus: row.corpus,
        language: row.language,
        name: m?.name ?? row.language,
        codes: joinCodes(m?.codes),
        script: m?.script || 'unknown',
        tier: m?.tier || 'unknown',
        latitude: coord(m?.latitude, 90),
        longitude: coord(m?.longitude, 180),
        values: {},
      };
      byKey.set(key, wide);
    }
    wide.values[row.metric] = finiteOrNull(row.value);
  }
  return [...byKey.values()];
}

/** Metrics that occur in the rows, in the contract's order. */
export function metricsPresent(rows: readonly StatRow[]): MetricName[] {
  const seen = new Set(rows.map((r) => r.metric));
  return METRIC_NAMES.filter((m) => seen.has(m));
}

export function tokenizersPresent(rows: readonly StatRow[]): string[] {
  return [...new Set(rows.map((r) => r.tokenizer))];
}

export { tokenizerLabels } from '../util/tokenizer-labels.js';
