/**
 * Tokenizer × language heatmap of one metric with the value printed in each cell; languages
 * sorted by their mean over tokenizers. Cells without a value are grey and say `missing`.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { StatRow } from '../../tables/tidy.js';
import type { LanguageMeta } from '../types.js';
import { assertMetric, METRIC_INFO, metricTitle } from '../metrics.js';
import { chartData, listShort, tooltipFields, VALID_VALUE, type ChartRecord } from './records.js';
import { BAND_STEP, CHART_CONFIG, SCHEMA_URL } from './theme.js';

export interface HeatmapOptions {
  metric: string;
  title?: string;
}

export function heatmapSpec(rows: readonly StatRow[], meta: readonly LanguageMeta[], opts: HeatmapOptions): TopLevelSpec {
  const metric = assertMetric(opts.metric);
  const data = chartData(rows, meta, metric);
  const records: ChartRecord[] = data.records.map((r) => ({ ...r, value_text: r[`${metric}_text`] ?? 'missing' }));
  const y = {
    field: 'label',
    type: 'nominal' as const,
    title: null,
    sort: languageOrder(records),
    axis: { labelLimit: 320 },
  };
  const x = {
    field: 'tokenizer_label',
    type: 'nominal' as const,
    title: 'Tokenizer',
    axis: { orient: 'top' as const, labelAngle: -30, labelAlign: 'left' as const, labelLimit: 320 },
  };
  const tooltip = tooltipFields(data.metrics, true);
  // Dark cells get white text: the top 40% of the colour range.
  const values = records.map((r) => r.value).filter((v): v is number => typeof v === 'number');
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 0;
  const dark = lo + 0.6 * (hi - lo);
  const subtitle = [
    `Cells: ${METRIC_INFO[metric].label.toLowerCase()} per tokenizer and language; languages sorted by mean over tokenizers.`,
    ...(data.missing.length ? [`Grey cells have no value: ${listShort(data.missing)}.`] : []),
  ];
  const description = { field: 'label', type: 'nominal' as const };
  const grey = {
    transform: [{ filter: `!(${VALID_VALUE})` }],
    mark: { type: 'rect' as const, color: '#eeeeee' },
    encoding: { tooltip, description },
  };
  const coloured = {
    transform: [{ filter: VALID_VALUE }],
    mark: { type: 'rect' as const },
    encoding: {
      color: { field: 'value', type: 'quantitative' as const, title: metricTitle(metric), scale: { scheme: 'blues' } },
      tooltip,
      description,
    },
  };
  const labels = {
    mark: { type: 'text' as const, fontSize: 10 },
    encoding: {
      text: { field: 'value_text', type: 'nominal' as const },
      color: {
        condition: { test: `${VALID_VALUE} && ${hi > lo ? `datum.value > ${dark}` : 'false'}`, value: 'white' },
        value: '#222',
      },
    },
  };
  return {
    $schema: SCHEMA_URL,
    title: { text: opts.title ?? `${METRIC_INFO[metric].label} by tokenizer`, subtitle },
    config: CHART_CONFIG,
    data: { name: 'cells', values: records },
    height: { step: BAND_STEP + 4 },
    width: { step: 110 },
    encoding: { y, x },
    // Without any value there is nothing to colour (and an empty colour scale has no extent).
    layer: values.length ? [grey, coloured, labels] : [grey, labels],
  } as TopLevelSpec;
}

/** Labels by mean value over tokenizers, largest first; languages with no value at all last. */
export function languageOrder(records: readonly ChartRecord[]): string[] {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const r of records) {
    const label = String(r.label);
    const acc = sums.get(label) ?? { sum: 0, n: 0 };
    if (typeof r.value === 'number') {
      acc.sum += r.value;
      acc.n += 1;
    }
    sums.set(label, acc);
  }
  const mean = (label: string): number | null => {
    const acc = sums.get(label);
    return acc && acc.n > 0 ? acc.sum / acc.n : null;
  };
  return [...sums.keys()].sort((a, b) => {
    const x = mean(a);
    const y = mean(b);
    if (x === null) return y === null ? 0 : 1;
    return y === null ? -1 : y - x;
  });
}
