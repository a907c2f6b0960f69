/**
 * The tokenization report: bars per metric, a tokenizer × language heatmap when several tokenizers
 * are compared, a world map, example segmentations and a sortable table of every metric.
 */
import type { MetricName } from '../tables/tidy.js';
import type {
  ChartSection,
  Report,
  ReportFiles,
  ReportSection,
  TableColumn,
  TableSection,
  TokenizationReportInput,
  TokenizationReportOptions,
} from './types.js';
import { assertMetric, formatMetric, METRIC_INFO } from './metrics.js';
import { metricsPresent, tokenizerLabels, tokenizersPresent, toWideRows } from './wide.js';
import { metricBarSpec } from './specs/metric-bar.js';
import { heatmapSpec } from './specs/heatmap.js';
import { scriptSummarySpec } from './specs/script-summary.js';
import { overlapSections } from './overlap-sections.js';
import { languagesWithoutCoordinates, worldMapSpec } from './specs/world-map.js';
import { chartData } from './specs/records.js';
import { segmentationHtml } from './segmentation.js';
import { escapeHtml } from './escape.js';
import { renderReport } from './html.js';
import { fairnessSection } from './fairness.js';

/** Above this many languages the per-language bars show only the highest and lowest (the compact view). */
export const COMPACT_ABOVE = 60;
/** Languages at each end in the compact view. */
export const COMPACT_LIMIT = 25;

/** Metrics that get a bar chart, in this order, when the rows have them. */
export const BAR_METRICS: readonly MetricName[] = ['fertility', 'premium', 'unk_rate', 'byte_fallback_rate'];

/** The table of every metric per tokenizer × language; cells print exactly as tooltips do. */
export function metricsTable(input: TokenizationReportInput): TableSection {
  const metrics = metricsPresent(input.rows);
  const wide = toWideRows(input.rows, input.languages);
  const labels = tokenizerLabels(tokenizersPresent(input.rows));
  const columns: TableColumn[] = [
    { key: 'tokenizer', label: 'Tokenizer' },
    { key: 'language', label: 'Code' },
    { key: 'name', label: 'Language' },
    { key: 'script', label: 'Script' },
    { key: 'tier', label: 'Tier' },
    ...metrics.map((m) => ({ key: m, label: METRIC_INFO[m].label, numeric: true, unit: METRIC_INFO[m].unit })),
  ];
  const rows = wide.map((w) => {
    const row: Record<string, string | number | null> = {
      tokenizer: labels.get(w.tokenizer) ?? w.tokenizer,
      language: w.language,
      name: w.name,
      script: w.script,
      tier: w.tier,
    };
    for (const m of metrics) row[m] = w.values[m] ?? null;
    return row;
  });
  const metricSet = new Set<string>(metrics);
  return {
    kind: 'table',
    id: 'metrics',
    title: 'All metrics per language',
    columns,
    rows,
    searchable: true,
    format: (key, value) =>
      metricSet.has(key) ? formatMetric(key as MetricName, typeof value === 'number' ? value : null) : value === null ? '' : String(value),
  };
}

function summaryHtml(input: TokenizationReportInput): string {
  const tokenizers = tokenizersPresent(input.rows);
  const languages = new Set(input.rows.map((r) => r.language));
  const corpora = [...new Set(input.rows.map((r) => r.corpus))];
  if (input.rows.length === 0) return '<p class="note">The statistics table is empty: there is nothing to chart.</p>';
  return `<p>${languages.size} languages, ${tokenizers.length} tokenizer${tokenizers.length === 1 ? '' : 's'} (${tokenizers
    .map((t) => `<code>${escapeHtml(t)}</code>`)
    .join(', ')}), corpus ${corpora.map((c) => `<code>${escapeHtml(c)}</code>`).join(', ')}. Missing values are never drawn as 0: they are left out of charts and named under them. Hover a mark for every metric of that language.</p>`;
}

/** Build the report's sections from the input (pure; no files). */
export function buildTokenizationReport(input: TokenizationReportInput, options: TokenizationReportOptions = {}): Report {
  const colorBy = options.colorBy ?? 'script';
  const mapMetric = assertMetric(options.mapMetric ?? 'fertility');
  const metrics = metricsPresent(input.rows);
  const tokenizers = tokenizersPresent(input.rows);
  const sections: ReportSection[] = [{ kind: 'html', html: summaryHtml(input) }];
  if (input.rows.length) sections.push(fairnessSection(input.rows, input.languages));
  const languageCount = new Set(input.rows.map((r) => r.language)).size;
  const limit = options.barLimit ?? (languageCount > COMPACT_ABOVE ? COMPACT_LIMIT : 0);
  const compact = limit > 0 && languageCount > 2 * limit;
  for (const metric of BAR_METRICS) {
    if (!metrics.includes(metric)) continue;
    const chart: ChartSection = {
      kind: 'chart',
      id: metric.replace(/_/g, '-'),
      title: `${METRIC_INFO[metric].label} per language${compact ? `: the ${limit} highest and lowest of ${languageCount}` : ''}`,
      spec: metricBarSpec(input.rows, input.languages, { metric, colorBy, ...(compact ? { limit } : {}) }),
    };
    sections.push(chart);
    if (compact && metric === 'fertility') {
      sections.push({ kind: 'chart', id: 'fertility-by-script', title: 'Fertility by script', spec: scriptSummarySpec(input.rows, input.languages, { metric }) });
    }
  }
  if (tokenizers.length > 1) {
    for (const metric of [...new Set<MetricName>(['fertility', mapMetric])].filter((m) => metrics.includes(m))) {
      sections.push({
        kind: 'chart',
        id: `heatmap-${metric.replace(/_/g, '-')}`,
        title: `${METRIC_INFO[metric].label}: tokenizers compared`,
        spec: heatmapSpec(input.rows, input.languages, { metric }),
      });
    }
  }
  sections.push(...overlapSections(input));
  const mapTokenizer = tokenizers[0];
  const mapRows = input.rows.filter((r) => r.tokenizer === mapTokenizer);
  const mapRecords = chartData(mapRows, input.languages, mapMetric).records;
  const unplaced = languagesWithoutCoordinates(mapRecords);
  sections.push({
    kind: 'chart',
    id: 'map',
    title: 'Languages on the map',
    spec: worldMapSpec(input.rows, input.languages, { metric: mapMetric, ...(mapTokenizer ? { tokenizer: mapTokenizer } : {}) }),
    caption: unplaced.length
      ? `Not on the map (no coordinates): ${unplaced.join(', ')}.`
      : mapRecords.length
        ? 'Every language has coordinates.'
        : 'No languages to place.',
  });
  if (input.examples?.length) {
    sections.push({ kind: 'html', title: 'Example segmentations', html: segmentationHtml(input.examples, input.languages) });
  }
  sections.push(metricsTable(input));
  return { title: input.title ?? 'Tokenization report', provenance: input.provenance, sections };
}

/** Write `<name>.html`, `<name>-<chart>.vl.json` and `<name>-<chart>.svg` into `outDir`. */
export async function renderTokenizationReport(
  input: TokenizationReportInput,
  outDir: string,
  options: TokenizationReportOptions = {},
): Promise<ReportFiles> {
  const report = buildTokenizationReport(input, options);
  return renderReport(report, outDir, { name: options.name ?? 'tokenization', svg: options.svg ?? true });
}
