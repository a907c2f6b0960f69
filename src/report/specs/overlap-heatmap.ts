/**
 * Language × language heatmap of one tokenizer's Jensen–Shannon divergences (overlap.csv), rows
 * and columns in the order of an average-linkage clustering of the matrix. Beyond
 * `MAX_HEATMAP_LANGUAGES` languages a cell per pair is unreadable (and heavy to draw), so the
 * chart shows scripts instead: the mean JSD between the languages of two scripts.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { OverlapRow } from '../../tables/overlap.js';
import type { LanguageMeta } from '../types.js';
import { clusterOrder, CLUSTER_LINKAGE } from '../cluster-order.js';
import { metaIndex } from '../wide.js';
import { CHART_CONFIG, SCHEMA_URL } from './theme.js';

/** Up to this many languages, one cell per language pair; above it, one per script pair. */
export const MAX_HEATMAP_LANGUAGES = 120;

export interface OverlapMatrix {
  labels: string[];
  /** n × n, row-major, zero diagonal, NaN where undefined. */
  values: Float64Array;
  /** Language pairs behind each cell (1 per cell for languages; more for scripts). */
  pairs?: Uint32Array;
}

/** The symmetric matrix of one tokenizer's rows, languages in first-seen order. */
export function overlapMatrix(rows: readonly OverlapRow[]): { languages: string[]; values: Float64Array } {
  const languages: string[] = [];
  const index = new Map<string, number>();
  const at = (l: string): number => {
    let i = index.get(l);
    if (i === undefined) {
      i = languages.length;
      index.set(l, i);
      languages.push(l);
    }
    return i;
  };
  for (const r of rows) {
    at(r.language_a);
    at(r.language_b);
  }
  const n = languages.length;
  const values = new Float64Array(n * n).fill(Number.NaN);
  for (let i = 0; i < n; i++) values[i * n + i] = 0;
  for (const r of rows) {
    const i = index.get(r.language_a)!;
    const j = index.get(r.language_b)!;
    const v = r.jsd === null ? Number.NaN : r.jsd;
    values[i * n + j] = v;
    values[j * n + i] = v;
  }
  return { languages, values };
}

/** Mean JSD between the languages of each pair of scripts (self pairs left out of the diagonal). */
export function scriptMatrix(languages: readonly string[], values: Float64Array, meta: readonly LanguageMeta[]): OverlapMatrix {
  const byCode = metaIndex(meta);
  const scriptOf = languages.map((l) => byCode.get(l)?.script || 'unknown');
  const scripts = [...new Set(scriptOf)].sort();
  const k = scripts.length;
  const s = new Map(scripts.map((x, i) => [x, i]));
  const sum = new Float64Array(k * k);
  const pairs = new Uint32Array(k * k);
  const n = languages.length;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = values[i * n + j]!;
      if (i === j || !Number.isFinite(v)) continue;
      const cell = s.get(scriptOf[i]!)! * k + s.get(scriptOf[j]!)!;
      sum[cell] += v;
      pairs[cell]++;
    }
  }
  const out = new Float64Array(k * k);
  for (let c = 0; c < k * k; c++) out[c] = pairs[c]! > 0 ? sum[c]! / pairs[c]! : Number.NaN;
  const counts = scripts.map((x) => scriptOf.filter((y) => y === x).length);
  return { labels: scripts.map((x, i) => `${x} (${counts[i]})`), values: out, pairs };
}

export interface OverlapHeatmapOptions {
  tokenizer: string;
  /** Short tokenizer name for the title. */
  label?: string;
  maxLanguages?: number;
}

export interface OverlapHeatmap {
  spec: TopLevelSpec;
  /** `languages` or `scripts`: what the rows and columns are. */
  level: 'languages' | 'scripts';
  /** Rows/columns in cluster order. */
  order: string[];
}

export function overlapHeatmapSpec(rows: readonly OverlapRow[], meta: readonly LanguageMeta[], opts: OverlapHeatmapOptions): OverlapHeatmap {
  const own = rows.filter((r) => r.tokenizer === opts.tokenizer);
  const { languages, values } = overlapMatrix(own);
  const byCode = metaIndex(meta);
  const level = languages.length > (opts.maxLanguages ?? MAX_HEATMAP_LANGUAGES) ? 'scripts' : 'languages';
  const m: OverlapMatrix = level === 'scripts'
    ? scriptMatrix(languages, values, meta)
    : { labels: languages.map((l) => { const name = byCode.get(l)?.name; return name && name !== l ? `${name} (${l})` : l; }), values };
  const n = m.labels.length;
  const order = clusterOrder(m.values, n).map((i) => m.labels[i]!);
  const cells: Record<string, string | number | null>[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = m.values[i * n + j]!;
      cells.push({ a: m.labels[i]!, b: m.labels[j]!, jsd: Number.isFinite(v) ? v : null, ...(m.pairs ? { pairs: m.pairs[i * n + j]! } : {}) });
    }
  }
  const step = Math.max(3, Math.min(16, Math.floor(720 / Math.max(1, n))));
  const showLabels = step >= 8;
  const axis = (orient: 'left' | 'top') => ({ orient, title: null, labelLimit: 200, labelFontSize: Math.min(11, step), ...(showLabels ? {} : { labels: false, ticks: false }), ...(orient === 'top' ? { labelAngle: -60, labelAlign: 'left' as const } : {}) });
  const what = level === 'languages' ? 'language' : 'script (languages in it)';
  const tooltip = [
    { field: 'a', type: 'nominal' as const, title: level === 'languages' ? 'Language' : 'Script' },
    { field: 'b', type: 'nominal' as const, title: level === 'languages' ? 'Language' : 'Script' },
    { field: 'jsd', type: 'quantitative' as const, title: level === 'languages' ? 'JSD (bits)' : 'mean JSD (bits)', format: '.3f' },
    ...(m.pairs ? [{ field: 'pairs', type: 'quantitative' as const, title: 'language pairs' }] : []),
  ];
  const subtitle = [
    `Jensen–Shannon divergence of the token distributions, in bits (0 = same distribution, 1 = no token in common); one cell per ${what} pair.`,
    `Order: average-linkage (UPGMA) hierarchical clustering of the JSD matrix.${level === 'scripts' ? ` More than ${opts.maxLanguages ?? MAX_HEATMAP_LANGUAGES} languages: cells are the mean over the language pairs of two scripts (grey: no pair, a script with one language); every pair is in overlap.csv.` : ''}${showLabels ? '' : ' Hover a cell for its languages.'}`,
  ];
  const spec = {
    $schema: SCHEMA_URL,
    title: { text: `Vocabulary overlap${opts.label ? `: ${opts.label}` : ''}`, subtitle },
    config: CHART_CONFIG,
    data: { name: 'pairs', values: cells },
    width: { step },
    height: { step },
    layer: [
      { transform: [{ filter: 'datum.jsd === null' }], mark: { type: 'rect', color: '#eeeeee' }, encoding: { tooltip } },
      {
        transform: [{ filter: 'isValid(datum.jsd) && isFinite(datum.jsd)' }],
        mark: { type: 'rect' },
        encoding: {
          color: { field: 'jsd', type: 'quantitative', title: 'JSD (bits)', scale: { scheme: 'viridis', reverse: true, domainMin: 0 } },
          tooltip,
        },
      },
    ],
    encoding: {
      x: { field: 'b', type: 'nominal', sort: order, axis: axis('top') },
      y: { field: 'a', type: 'nominal', sort: order, axis: axis('left') },
    },
    usermeta: { linkage: CLUSTER_LINKAGE, level },
  };
  return { spec: spec as unknown as TopLevelSpec, level, order };
}
