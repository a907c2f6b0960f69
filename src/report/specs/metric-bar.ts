/**
 * Per-language horizontal bars for one metric, largest first, coloured by script or resource tier.
 * Missing values are filtered out and named in the subtitle; with several tokenizers each gets a
 * column with its own sort order.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { StatRow } from '../../tables/tidy.js';
import type { ColorBy, LanguageMeta } from '../types.js';
import { assertMetric, axisFormat, METRIC_INFO, metricTitle } from '../metrics.js';
import { chartData, colorDomain, hasIntervals, listShort, tooltipFields, VALID_VALUE, type ChartRecord } from './records.js';
import { BAND_STEP, CHART_CONFIG, categoricalColors, SCHEMA_URL, columnPerTokenizer } from './theme.js';

const BY_VALUE = { field: 'value', op: 'max' as const, order: 'descending' as const };

export interface MetricBarOptions {
  metric: string;
  colorBy?: ColorBy;
  title?: string;
  /** Bar length in pixels (default 420). */
  width?: number;
  /**
   * Compact view: only the `limit` highest and `limit` lowest languages of each tokenizer, in two
   * panels (every language stays in the table). Default: all.
   */
  limit?: number;
}

/** The compact view's two panels: records outside the top and bottom `limit` of their tokenizer are dropped. */
export function topAndBottom(records: readonly ChartRecord[], limit: number): { records: ChartRecord[]; shown: number; total: number } {
  const out: ChartRecord[] = [];
  let shown = 0;
  let total = 0;
  for (const tokenizer of [...new Set(records.map((r) => String(r.tokenizer)))]) {
    // Records arrive sorted by value, largest first, missing last (chartData).
    const valid = records.filter((r) => String(r.tokenizer) === tokenizer && typeof r.value === 'number');
    total = Math.max(total, valid.length);
    if (valid.length <= 2 * limit) {
      out.push(...valid.map((r) => ({ ...r, part: 'every language' })));
      shown = Math.max(shown, valid.length);
      continue;
    }
    out.push(...valid.slice(0, limit).map((r) => ({ ...r, part: `highest ${limit}` })));
    out.push(...valid.slice(-limit).map((r) => ({ ...r, part: `lowest ${limit}` })));
    shown = Math.max(shown, 2 * limit);
  }
  return { records: out, shown, total };
}

export function metricBarSpec(rows: readonly StatRow[], meta: readonly LanguageMeta[], opts: MetricBarOptions): TopLevelSpec {
  const metric = assertMetric(opts.metric);
  const colorBy = opts.colorBy ?? 'script';
  const data = chartData(rows, meta, metric);
  const info = METRIC_INFO[metric];
  const several = data.tokenizers.length > 1;
  const domain = colorDomain(meta, data.records, colorBy);
  const compact = opts.limit !== undefined && opts.limit > 0 ? topAndBottom(data.records, opts.limit) : undefined;
  const cut = compact !== undefined && compact.shown < compact.total;
  const intervals = hasIntervals(data.records);
  const subtitle = [
    `One bar per language, sorted largest first; colour: ${colorBy === 'script' ? 'script' : 'resource tier'}${intervals ? '; whiskers: 95% bootstrap interval' : ''}.`,
    ...(cut ? [`Compact view: the ${opts.limit} highest and ${opts.limit} lowest of ${compact.total} languages; every language is in the searchable table and the per-script summary.`] : []),
    ...(data.missing.length ? [`No value (not drawn): ${listShort(data.missing)}.`] : []),
  ];
  const bars = {
    mark: { type: 'bar' as const, cornerRadiusEnd: 1 },
    encoding: {
      y: {
        field: 'label',
        type: 'nominal' as const,
        // With error bars both layers sort by the same field and op, so Vega-Lite can union their y domains.
        sort: intervals ? BY_VALUE : ('-x' as const),
        title: null,
        axis: { labelLimit: 320 },
      },
      x: {
        field: 'value',
        type: 'quantitative' as const,
        title: metricTitle(metric),
        axis: { format: axisFormat(metric) },
        // With no value at all, a fixed domain keeps an empty but valid axis (no infinite extent).
        ...(data.records.some((r) => typeof r.value === 'number') ? {} : { scale: { domain: [0, 1] } }),
      },
      color: {
        field: colorBy,
        type: 'nominal' as const,
        title: colorBy === 'script' ? 'Script' : 'Resource tier',
        scale: { domain, ...categoricalColors(domain.length) },
        // Every entry is listed (Vega's default cuts long legends to "…N entries").
        legend: { symbolLimit: 0, columns: Math.max(1, Math.ceil(domain.length / 24)) },
      },
      tooltip: [...tooltipFields(data.metrics, several), ...(intervals ? [{ field: 'interval_text', type: 'nominal' as const, title: '95% interval' }] : [])],
      description: { field: 'label', type: 'nominal' as const },
    },
  };
  const reference =
    info.reference !== undefined
      ? [{ mark: { type: 'rule' as const, color: '#333', strokeDash: [4, 3] }, encoding: { x: { datum: info.reference } } }]
      : [];
  const errorBars = intervals
    ? [{
        mark: { type: 'rule' as const, color: '#222', strokeWidth: 1 },
        encoding: {
          y: { field: 'label', type: 'nominal' as const, sort: BY_VALUE, title: null },
          x: { field: 'value_low', type: 'quantitative' as const },
          x2: { field: 'value_high' },
        },
      }]
    : [];
  // Side by side columns share about 1100 px with their own language labels and one legend.
  const n = data.tokenizers.length;
  const width = opts.width ?? (n > 1 ? Math.max(180, Math.min(420, Math.floor((1100 - 140 - n * 170) / n))) : 420);
  const layer = { height: { step: BAND_STEP }, width, layer: [bars, ...reference, ...errorBars] };
  const base = {
    $schema: SCHEMA_URL,
    title: { text: opts.title ?? info.label, subtitle },
    config: CHART_CONFIG,
    data: { name: 'languages', values: cut ? compact.records : data.records },
    transform: [{ filter: VALID_VALUE }],
  };
  if (cut) {
    const parts = [`highest ${opts.limit}`, `lowest ${opts.limit}`, 'every language'];
    return {
      ...base,
      facet: {
        row: { field: 'part', type: 'nominal', title: null, sort: parts, header: { labelOrient: 'top', labelAngle: 0, labelAnchor: 'start', labelFontWeight: 'bold' } },
        ...(several ? { column: { field: 'tokenizer_label', type: 'nominal', title: 'Tokenizer', header: { labelLimit: 300 } } } : {}),
      },
      spec: layer,
      resolve: { scale: { y: 'independent' } },
    } as TopLevelSpec;
  }
  return columnPerTokenizer(base, layer, several);
}

/** Fertility bars (tokens per word), the headline chart of a tokenization report. */
export function fertilityBarSpec(
  rows: readonly StatRow[],
  meta: readonly LanguageMeta[],
  opts: Omit<MetricBarOptions, 'metric'> = {},
): TopLevelSpec {
  return metricBarSpec(rows, meta, { ...opts, metric: 'fertility' });
}
