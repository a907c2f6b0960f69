/**
 * World map of the languages (UDHR-style coordinates) coloured by one metric, on Natural Earth's
 * 1:110m countries (world-atlas) embedded inline so the report works offline. Languages without
 * coordinates are left off and named in the subtitle; languages with a missing value are hollow
 * grey circles.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { StatRow } from '../../tables/tidy.js';
import type { LanguageMeta } from '../types.js';
import { worldAtlas } from '../assets.js';
import { assertMetric, axisFormat, METRIC_INFO, metricTitle } from '../metrics.js';
import { chartData, listShort, tooltipFields, VALID_VALUE, type ChartRecord } from './records.js';
import { CHART_CONFIG, SCHEMA_URL } from './theme.js';

export interface WorldMapOptions {
  metric: string;
  /** Which tokenizer's values to map (default: the first in the rows). */
  tokenizer?: string;
  title?: string;
  width?: number;
}

function hasCoordinates(r: ChartRecord): boolean {
  return typeof r.latitude === 'number' && typeof r.longitude === 'number';
}

/** Languages the map leaves off because they have no coordinates, as `Name (code)`. */
export function languagesWithoutCoordinates(records: readonly ChartRecord[]): string[] {
  return records.filter((r) => !hasCoordinates(r)).map((r) => String(r.label));
}

export function worldMapSpec(rows: readonly StatRow[], meta: readonly LanguageMeta[], opts: WorldMapOptions): TopLevelSpec {
  const metric = assertMetric(opts.metric);
  const tokenizer = opts.tokenizer ?? rows[0]?.tokenizer;
  const data = chartData(
    rows.filter((r) => r.tokenizer === tokenizer),
    meta,
    metric,
  );
  const placed = data.records.filter(hasCoordinates);
  const tokenizerName = data.records[0]?.tokenizer_label ?? tokenizer;
  const unplaced = languagesWithoutCoordinates(data.records);
  const subtitle = [
    `${METRIC_INFO[metric].label} per language${tokenizerName ? `, tokenizer ${String(tokenizerName)}` : ''}; hollow grey circles have no value.`,
    ...(unplaced.length ? [`Not on the map (no coordinates): ${listShort(unplaced)}.`] : []),
  ];
  const tooltip = tooltipFields(data.metrics, false);
  const width = opts.width ?? 760;
  // Smaller dots when many languages crowd Europe, West Africa and South Asia.
  const dot = placed.length > 150 ? 45 : placed.length > 60 ? 70 : 100;
  const position = {
    longitude: { field: 'longitude', type: 'quantitative' as const },
    latitude: { field: 'latitude', type: 'quantitative' as const },
  };
  const countries = {
    data: { values: worldAtlas(), format: { type: 'topojson' as const, feature: 'countries' } },
    mark: { type: 'geoshape' as const, fill: '#e9e9e9', stroke: '#ffffff', strokeWidth: 0.5 },
  };
  const missing = {
    transform: [{ filter: `!(${VALID_VALUE})` }],
    mark: { type: 'circle' as const, size: dot, fill: null, stroke: '#888', strokeWidth: 1.2, opacity: 1 },
    encoding: { ...position, tooltip, description: { field: 'label', type: 'nominal' as const } },
  };
  const coloured = {
    transform: [{ filter: VALID_VALUE }],
    mark: { type: 'circle' as const, size: dot, stroke: '#333', strokeWidth: 0.6, opacity: 0.9 },
    encoding: {
      ...position,
      color: {
        field: 'value',
        type: 'quantitative' as const,
        title: metricTitle(metric),
        scale: { scheme: 'viridis', reverse: true },
        legend: { format: axisFormat(metric), gradientLength: 180 },
      },
      tooltip,
      description: { field: 'label', type: 'nominal' as const },
    },
  };
  // Without any value there is nothing to colour (and an empty colour scale has no extent).
  const hasValues = placed.some((r) => typeof r.value === 'number');
  return {
    $schema: SCHEMA_URL,
    title: { text: opts.title ?? `Where the languages are: ${METRIC_INFO[metric].label.toLowerCase()}`, subtitle },
    config: CHART_CONFIG,
    width,
    height: Math.round(width * 0.5),
    projection: { type: 'equalEarth' },
    // The languages once, at the top; the countries layer brings its own data.
    data: { values: placed },
    layer: hasValues ? [countries, missing, coloured] : [countries, missing],
  } as TopLevelSpec;
}
