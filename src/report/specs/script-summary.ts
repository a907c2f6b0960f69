/**
 * One metric summarised per script: for each tokenizer × script, the languages' median (dot),
 * interquartile range (thick bar) and range (thin rule), scripts sorted by median, largest first.
 * The compact companion of the per-language bars when a run has hundreds of languages.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { StatRow } from '../../tables/tidy.js';
import type { LanguageMeta } from '../types.js';
import { quantile } from '../../correlation/stats/quantile.js';
import { assertMetric, axisFormat, formatMetric, METRIC_INFO, metricTitle } from '../metrics.js';
import { chartData } from './records.js';
import { BAND_STEP, CHART_CONFIG, SCHEMA_URL, columnPerTokenizer } from './theme.js';

export interface ScriptSummaryRow {
  tokenizer: string;
  tokenizer_label: string;
  script: string;
  /** `Latn (415)`: the script and its number of languages with a value. */
  label: string;
  languages: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  /** The languages at the two ends, for tooltips. */
  lowest: string;
  highest: string;
}

/** Quartiles with numpy's default (linear) interpolation, per tokenizer and script; missing values are left out. */
export function scriptSummary(rows: readonly StatRow[], meta: readonly LanguageMeta[], metric: string): ScriptSummaryRow[] {
  const m = assertMetric(metric);
  const data = chartData(rows, meta, m);
  const groups = new Map<string, { tokenizer: string; tokenizer_label: string; script: string; values: { v: number; label: string }[] }>();
  for (const r of data.records) {
    if (typeof r.value !== 'number') continue;
    const key = `${String(r.tokenizer)}\u0000${String(r.script)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { tokenizer: String(r.tokenizer), tokenizer_label: String(r.tokenizer_label), script: String(r.script), values: [] }));
    g.values.push({ v: r.value, label: String(r.label) });
  }
  return [...groups.values()].map((g) => {
    const sorted = [...g.values].sort((a, b) => a.v - b.v);
    const v = sorted.map((x) => x.v);
    return {
      tokenizer: g.tokenizer, tokenizer_label: g.tokenizer_label, script: g.script, label: `${g.script} (${v.length})`, languages: v.length,
      min: v[0]!, q1: quantile(v, 0.25), median: quantile(v, 0.5), q3: quantile(v, 0.75), max: v[v.length - 1]!,
      lowest: sorted[0]!.label, highest: sorted[sorted.length - 1]!.label,
    };
  });
}

export function scriptSummarySpec(rows: readonly StatRow[], meta: readonly LanguageMeta[], opts: { metric: string; title?: string }): TopLevelSpec {
  const metric = assertMetric(opts.metric);
  const summary = scriptSummary(rows, meta, metric).map((s) => ({
    ...s,
    median_text: formatMetric(metric, s.median), range_text: `${formatMetric(metric, s.min)} – ${formatMetric(metric, s.max)}`, iqr_text: `${formatMetric(metric, s.q1)} – ${formatMetric(metric, s.q3)}`,
  }));
  const several = new Set(summary.map((s) => s.tokenizer)).size > 1;
  const x = (field: string) => ({ field, type: 'quantitative' as const, title: metricTitle(metric), axis: { format: axisFormat(metric) }, scale: { zero: false } });
  const y = { field: 'label', type: 'nominal' as const, title: null, sort: { field: 'median', order: 'descending' as const }, axis: { labelLimit: 200 } };
  const tooltip = [
    { field: 'script', title: 'Script' }, { field: 'languages', title: 'Languages' }, { field: 'median_text', title: 'Median' },
    { field: 'iqr_text', title: 'Middle half' }, { field: 'range_text', title: 'Range' }, { field: 'lowest', title: 'Lowest' }, { field: 'highest', title: 'Highest' },
    ...(several ? [{ field: 'tokenizer', title: 'Tokenizer' }] : []),
  ];
  const layer = {
    height: { step: BAND_STEP },
    width: several ? 300 : 420,
    encoding: { y },
    layer: [
      { mark: { type: 'rule' as const, color: '#999' }, encoding: { x: x('min'), x2: { field: 'max' }, tooltip } },
      { mark: { type: 'bar' as const, color: '#9ecae1', height: 8 }, encoding: { x: x('q1'), x2: { field: 'q3' }, tooltip } },
      { mark: { type: 'point' as const, filled: true, color: '#08519c', size: 36 }, encoding: { x: x('median'), tooltip } },
    ],
  };
  const base = {
    $schema: SCHEMA_URL,
    title: {
      text: opts.title ?? `${METRIC_INFO[metric].label} by script`,
      subtitle: 'Per script: median (dot), middle half of the languages (bar) and range (line); number of languages in brackets; sorted by median.',
    },
    config: CHART_CONFIG,
    data: { name: 'scripts', values: summary },
  };
  return columnPerTokenizer(base, layer, several);
}
