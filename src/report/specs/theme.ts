/** Shared look of every chart: sizes and fonts that stay legible when printed in an appendix. */
import type { Config } from 'vega-lite';

export const CHART_CONFIG: Config = {
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: null },
  title: { fontSize: 15, subtitleFontSize: 11, anchor: 'start', subtitleColor: '#555', offset: 10 },
  // Generous limits: the headless SVG export estimates text widths (no canvas) and would otherwise
  // cut long language names and legend titles short.
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e6e6e6', labelLimit: 320 },
  legend: { labelFontSize: 11, titleFontSize: 12, titleLimit: 400, labelLimit: 300 },
  header: { labelFontSize: 12, titleFontSize: 12 },
};

export const SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Height of one language's band in bar charts and heatmaps, in pixels. */
export const BAND_STEP = 16;
