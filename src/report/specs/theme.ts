/** Shared look of every chart: sizes and fonts that stay legible when printed in an appendix. */
import type { Config, TopLevelSpec } from 'vega-lite';

export const CHART_CONFIG: Config = {
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: null },
  title: { fontSize: 15, subtitleFontSize: 11, anchor: 'start', subtitleColor: '#555', offset: 10 },
  // Generous limits: the headless SVG export estimates text widths (no canvas) and would otherwise
  // cut long language names and legend titles short.
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#e6e6e6', labelLimit: 320 },
  legend: { labelFontSize: 11, titleFontSize: 12, titleLimit: 400, labelLimit: 300, symbolLimit: 0 },
  header: { labelFontSize: 12, titleFontSize: 12 },
};

export const SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Height of one language's band in bar charts and heatmaps, in pixels. */
export const BAND_STEP = 16;

// Vega's category20, category20b and category20c schemes (from d3), one after another: 60 distinct
// colours, so that the 39 scripts of UDHR's 532 texts each get their own.
const CATEGORY60 = [
  '#1f77b4', '#aec7e8', '#ff7f0e', '#ffbb78', '#2ca02c', '#98df8a', '#d62728', '#ff9896', '#9467bd', '#c5b0d5',
  '#8c564b', '#c49c94', '#e377c2', '#f7b6d2', '#7f7f7f', '#c7c7c7', '#bcbd22', '#dbdb8d', '#17becf', '#9edae5',
  '#393b79', '#5254a3', '#6b6ecf', '#9c9ede', '#637939', '#8ca252', '#b5cf6b', '#cedb9c', '#8c6d31', '#bd9e39',
  '#e7ba52', '#e7cb94', '#843c39', '#ad494a', '#d6616b', '#e7969c', '#7b4173', '#a55194', '#ce6dbd', '#de9ed6',
  '#3182bd', '#6baed6', '#9ecae1', '#c6dbef', '#e6550d', '#fd8d3c', '#fdae6b', '#fdd0a2', '#31a354', '#74c476',
  '#a1d99b', '#c7e9c0', '#756bb1', '#9e9ac8', '#bcbddc', '#dadaeb', '#636363', '#969696', '#bdbdbd', '#d9d9d9',
];

/** Colour scale fields for `n` categories: tableau10 up to 10, category20 up to 20, then 60 colours (repeating only beyond 60). */
export function categoricalColors(n: number): { scheme: string } | { range: string[] } {
  if (n <= 10) return { scheme: 'tableau10' };
  if (n <= 20) return { scheme: 'category20' };
  return { range: CATEGORY60 };
}

/**
 * A per-language chart as its final spec: alone for one tokenizer, else one column per tokenizer,
 * each with its own language order (independent y scales).
 */
export function columnPerTokenizer(base: object, layer: object, several: boolean): TopLevelSpec {
  if (!several) return { ...base, ...layer } as TopLevelSpec;
  return {
    ...base,
    facet: { column: { field: 'tokenizer_label', type: 'nominal', title: 'Tokenizer', header: { labelLimit: 300 } } },
    spec: layer,
    resolve: { scale: { y: 'independent' } },
  } as TopLevelSpec;
}
