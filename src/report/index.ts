/** The report layer: tidy tables → Vega-Lite specs → self-contained HTML, `.vl.json` and SVG. */
export type {
  ChartSection,
  ColorBy,
  ExampleSegmentation,
  ExampleToken,
  HtmlSection,
  LanguageMeta,
  Report,
  ReportFileHash,
  ReportFiles,
  ReportProvenance,
  ReportRenderOptions,
  ReportSection,
  TableCell,
  TableColumn,
  TableSection,
  TokenizationReportInput,
  TokenizationReportOptions,
} from './types.js';
export { ReportAssetNotFoundError, ReportRenderError } from './errors.js';
export { buildReportHtml, renderReport } from './html.js';
export { specToSvg, writeSvg } from './svg.js';
export { hashFile, makeProvenance, tokgapVersion, type ProvenanceInput } from './provenance.js';
export { buildTokenizationReport, metricsTable, renderTokenizationReport } from './tokenization.js';
export { metricBarSpec, fertilityBarSpec, type MetricBarOptions } from './specs/metric-bar.js';
export { heatmapSpec, type HeatmapOptions } from './specs/heatmap.js';
export { worldMapSpec, type WorldMapOptions } from './specs/world-map.js';
export { formatMetric, metricTitle, METRIC_INFO, type MetricInfo } from './metrics.js';
export { segmentationHtml } from './segmentation.js';
export { loadStatRows, loadReportInput, type LoadedReportInput } from './load.js';
export { renderSavedTokenizationReport, type SavedReportOptions, type SavedReportResult } from './from-saved.js';
export { languageMetaFor, languageMetaForAll, NO_TIER } from './languages.js';
export { exampleFromEncoding, segmentExample } from './examples.js';
export { tokenizationHtmlRenderer, type TokenizationHtmlOptions } from './tokenization-renderer.js';
export {
  baselinePoints, buildTuningReport, gapOrder, renderTuningReport, renderTuningResultsFile, summarizeTuningCells, tuningGaps, tuningGapSpec, tuningScoresSpec,
  type TuningCell, type TuningGap, type TuningRenderOptions, type TuningReportOptions, type TuningResultsReportOptions, type TuningResultsReportResult,
} from './tuning.js';
export { scoresSpec, gapSpec, scatterSpec, CORRELATION_COLUMNS, type BaselinePoint } from './specs/correlation.js';
export { buildStudyReport, type StudyReportOptions } from './correlation.js';
export { correlateFiles, type CorrelateFilesOptions, type CorrelateFilesResult } from './correlate-files.js';
export { tokenizerProvenance, type TokenizerProvenance } from './tokenizer-files.js';
