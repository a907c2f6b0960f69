/**
 * Flat records that the charts embed: one per tokenizer × language, the chart's metric as
 * `value` (null when missing) and every metric's printed form for tooltips (`<metric>_text`).
 */
import type { MetricName, StatRow } from '../../tables/tidy.js';
import type { LanguageMeta } from '../types.js';
import { formatMetric, METRIC_INFO } from '../metrics.js';
import { metricsPresent, tokenizerLabels, toWideRows, type WideRow } from '../wide.js';

export type ChartRecord = Record<string, string | number | null>;

/** Vega expression that keeps only real numbers; missing values are dropped, never drawn as 0. */
export const VALID_VALUE = 'isValid(datum.value) && isFinite(datum.value)';

export interface ChartData {
  records: ChartRecord[];
  metrics: MetricName[];
  /** `Name (code)` of each record whose value is missing, per tokenizer when several. */
  missing: string[];
  tokenizers: string[];
}

export function recordOf(wide: WideRow, metric: MetricName, metrics: readonly MetricName[], tokenizerLabel = wide.tokenizer): ChartRecord {
  const record: ChartRecord = {
    tokenizer: wide.tokenizer,
    tokenizer_label: tokenizerLabel,
    language: wide.language,
    name: wide.name,
    label: wide.name === wide.language ? wide.language : `${wide.name} (${wide.language})`,
    codes: wide.codes,
    script: wide.script,
    tier: wide.tier,
    latitude: wide.latitude,
    longitude: wide.longitude,
    value: wide.values[metric] ?? null,
  };
  for (const m of metrics) record[`${m}_text`] = formatMetric(m, wide.values[m] ?? null);
  return record;
}

/** Records sorted by value, largest first, missing last (the order the bars are drawn in). */
export function chartData(rows: readonly StatRow[], meta: readonly LanguageMeta[], metric: MetricName): ChartData {
  const metrics = metricsPresent(rows);
  if (!metrics.includes(metric)) metrics.push(metric);
  // A tokenizer with no row at all for this metric is not part of this chart (its values were
  // never computed); a language without a value under a tokenizer that has the metric is missing.
  const measured = new Set(rows.filter((r) => r.metric === metric).map((r) => r.tokenizer));
  const wide = toWideRows(rows, meta).filter((w) => measured.has(w.tokenizer));
  const tokenizers = [...new Set(wide.map((w) => w.tokenizer))];
  const labels = tokenizerLabels(tokenizers);
  const records = wide.map((w) => recordOf(w, metric, metrics, labels.get(w.tokenizer)));
  addIntervals(records, rows, metric);
  records.sort((a, b) => byValueDesc(a.value, b.value));
  const missing = records
    .filter((r) => r.value === null)
    .map((r) => (tokenizers.length > 1 ? `${String(r.label)} [${String(r.tokenizer_label)}]` : String(r.label)));
  return { records, metrics, missing, tokenizers };
}

/** Whether any record carries a bootstrap interval (`value_low` / `value_high`) to draw. */
export function hasIntervals(records: readonly ChartRecord[]): boolean {
  return records.some((r) => typeof r.value_low === 'number' && typeof r.value_high === 'number');
}

/** The chart metric's 95% interval on each record (null where the table has none) and its printed form. */
function addIntervals(records: ChartRecord[], rows: readonly StatRow[], metric: MetricName): void {
  const byKey = new Map<string, StatRow>();
  for (const row of rows) if (row.metric === metric) byKey.set(`${row.tokenizer}\u0000${row.language}`, row);
  for (const record of records) {
    const row = byKey.get(`${String(record.tokenizer)}\u0000${String(record.language)}`);
    const low = typeof row?.value_low === 'number' && Number.isFinite(row.value_low) ? row.value_low : null;
    const high = typeof row?.value_high === 'number' && Number.isFinite(row.value_high) ? row.value_high : null;
    const both = low !== null && high !== null && record.value !== null;
    record.value_low = both ? low : null;
    record.value_high = both ? high : null;
    record.interval_text = both ? `${formatMetric(metric, low)} – ${formatMetric(metric, high)}` : 'none';
  }
}

function byValueDesc(a: ChartRecord[string], b: ChartRecord[string]): number {
  const x = typeof a === 'number' ? a : null;
  const y = typeof b === 'number' ? b : null;
  if (x === null) return y === null ? 0 : 1;
  if (y === null) return -1;
  return y - x;
}

/** Tooltip: language name, codes, grouping, then every metric as the table prints it. */
export function tooltipFields(metrics: readonly MetricName[], withTokenizer: boolean): { field: string; type: 'nominal'; title: string }[] {
  const fields: { field: string; type: 'nominal'; title: string }[] = [
    { field: 'name', type: 'nominal', title: 'Language' },
    { field: 'language', type: 'nominal', title: 'Code' },
    { field: 'codes', type: 'nominal', title: 'Other codes' },
    { field: 'script', type: 'nominal', title: 'Script' },
    { field: 'tier', type: 'nominal', title: 'Resource tier' },
  ];
  if (withTokenizer) fields.push({ field: 'tokenizer', type: 'nominal', title: 'Tokenizer' });
  for (const m of metrics) fields.push({ field: `${m}_text`, type: 'nominal', title: METRIC_INFO[m].label });
  return fields;
}

/** `"A, B and 3 more"`: keeps subtitles readable when many languages are missing. */
export function listShort(items: readonly string[], max = 12): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

/** Every group (script or tier) in sorted order, so colours mean the same in every chart. */
export function colorDomain(meta: readonly LanguageMeta[], records: readonly ChartRecord[], by: 'script' | 'tier'): string[] {
  const values = new Set<string>(records.map((r) => String(r[by])));
  for (const m of meta) values.add(m[by] || 'unknown');
  return [...values].sort();
}
