/** How each metric is named, measured and printed in reports (axis titles, tooltips, table). */
import { METRIC_NAMES, type MetricName } from '../tables/tidy.js';
import { reportErrors } from './errors.js';

export interface MetricInfo {
  label: string;
  /** Unit for axis titles; empty when the metric is a plain ratio. */
  unit: string;
  /** How values print: integer counts, percentages of a share, or decimals. */
  style: 'count' | 'percent' | 'decimal';
  /** Where a reference line helps (premium 1 = parity with English). */
  reference?: number;
}

export const METRIC_INFO: Record<MetricName, MetricInfo> = {
  tokens: { label: 'Tokens', unit: 'tokens', style: 'count' },
  words: { label: 'Words', unit: 'words', style: 'count' },
  chars: { label: 'Characters', unit: 'code points', style: 'count' },
  bytes: { label: 'Bytes', unit: 'UTF-8 bytes', style: 'count' },
  fertility: { label: 'Fertility', unit: 'tokens per word', style: 'decimal' },
  continued_words: { label: 'Continued words', unit: '% of words split', style: 'percent' },
  single_token_words: { label: 'Single-token words', unit: '% of words', style: 'percent' },
  unk_rate: { label: 'Unknown-token rate', unit: '% of tokens', style: 'percent' },
  byte_fallback_rate: { label: 'Byte-fallback rate', unit: '% of tokens', style: 'percent' },
  chars_per_token: { label: 'Characters per token', unit: 'code points per token', style: 'decimal' },
  bytes_per_token: { label: 'Bytes per token', unit: 'UTF-8 bytes per token', style: 'decimal' },
  premium: { label: 'Premium vs English', unit: 'tokens relative to English, 1 = parity', style: 'decimal', reference: 1 },
  vocab_use: { label: 'Vocabulary use', unit: '% of vocabulary', style: 'percent' },
  avg_rank: { label: 'Average token rank', unit: 'rank', style: 'decimal' },
  renyi_efficiency: { label: 'Rényi efficiency (α = 2.5)', unit: 'H_α / log₂|V|', style: 'decimal' },
  shannon_efficiency: { label: 'Shannon efficiency', unit: 'H / log₂|V|', style: 'decimal' },
  owned_share: { label: 'Owned vocabulary share', unit: '% of the ids the run uses', style: 'percent' },
  jsd_english: { label: 'JSD to English', unit: 'bits, 0 = same distribution', style: 'decimal' },
  mean_jsd: { label: 'Mean JSD to the other languages', unit: 'bits', style: 'decimal' },
};

export function isMetricName(name: string): name is MetricName {
  return (METRIC_NAMES as readonly string[]).includes(name);
}

export function assertMetric(name: string): MetricName {
  if (!isMetricName(name)) throw reportErrors.unknownMetric(name, METRIC_NAMES);
  return name;
}

/** Axis title with unit: `Fertility (tokens per word)`. */
export function metricTitle(metric: MetricName): string {
  const info = METRIC_INFO[metric];
  return info.unit ? `${info.label} (${info.unit})` : info.label;
}

/** The one printed form of a value, shared by tooltips and the table; missing prints as `missing`. */
export function formatMetric(metric: MetricName, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'missing';
  switch (METRIC_INFO[metric].style) {
    case 'count':
      return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(2);
    case 'percent':
      return `${(value * 100).toFixed(2)}%`;
    case 'decimal':
      return value.toFixed(3);
  }
}

/** Vega format string matching `formatMetric` for axes. */
export function axisFormat(metric: MetricName): string {
  switch (METRIC_INFO[metric].style) {
    case 'count':
      return ',d';
    case 'percent':
      return '.1%';
    case 'decimal':
      return ',~f';
  }
}
