/**
 * The study report: scores and gaps per language, scatter plots of each metric against the gap,
 * every correlation with interval, p-value and correction, tier means, and what was left out.
 * Built as plain sections for the report layer's generic renderer.
 */
import type { CorrelationAnalysis, CorrelationTarget } from '../correlation/index.js';
import { CORRELATION_COLUMNS, gapSpec, scatterSpec, scoresSpec, type BaselinePoint } from './specs/correlation.js';
import { escapeHtml } from './escape.js';
import type { Report, ReportProvenance, ReportSection, TableCell } from './types.js';

export interface StudyReportOptions {
  title: string;
  provenance: ReportProvenance;
  /** Plain-text notes shown first (e.g. "demo scale"). */
  notes?: readonly string[];
  /** Metrics to draw scatter plots for (default: every metric in the correlations). */
  scatterMetrics?: readonly string[];
  scatterTarget?: CorrelationTarget;
  /** Each task's baseline per language (`baselinePoints` of the results rows), drawn beside the scores. */
  baselines?: readonly BaselinePoint[];
}

function cell(v: unknown): TableCell {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return v === null || v === undefined ? null : String(v);
}

/** p-values keep two significant digits (0.00012, not 0); other numbers three decimals. */
function formatCorrelationCell(key: string, value: TableCell): string {
  if (value === null) return '—';
  if (typeof value !== 'number') return String(value);
  if (key === 'n') return String(value);
  if (/(^p_|_p$)/.test(key)) return value === 0 ? '0' : value < 0.001 ? value.toExponential(1) : value.toPrecision(2);
  return value.toFixed(3);
}

const slug = (s: string): string => s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+/, '') || 'x';

export function buildStudyReport(analysis: CorrelationAnalysis, options: StudyReportOptions): Report {
  const sections: ReportSection[] = [];
  const notes = [...(options.notes ?? [])];
  const method = [
    'Gap = prompt-tuning score − fine-tuning score, averaged over seeds per language.',
    'Intervals: 95 % percentile bootstrap over languages; p (perm.): two-sided permutation test of Pearson\'s r (exact over all n! pairings up to 8 languages, else Monte Carlo with (b+1)/(m+1));',
    'p (Holm): Holm-adjusted over all metrics × tasks of one tokenizer, setting and target; partial r controls for ln(XGLM pretraining tokens).',
  ];
  if (analysis.metricsLeftOut?.length) {
    method.push(`Raw counts (${analysis.metricsLeftOut.join(', ')}) are not correlated by default: they grow with the length of each language's text, not with how the tokenizer treats it; name them with --metrics to include them.`);
  }
  sections.push({ kind: 'html', title: 'About this report', html: [...notes.map((n) => `<p><strong>${escapeHtml(n)}</strong></p>`), `<p>${escapeHtml(method.join(' '))}</p>`].join('\n') });
  if (analysis.summary.length) {
    sections.push({ kind: 'chart', id: 'scores', title: 'Prompt tuning and fine-tuning per language', spec: scoresSpec(analysis.summary, options.baselines ?? []) });
    sections.push({ kind: 'chart', id: 'gap', title: 'Gap per language, by pretraining size', spec: gapSpec(analysis.summary) });
  }
  const target = options.scatterTarget ?? 'gap';
  const metrics = options.scatterMetrics ?? [...new Set(analysis.correlations.map((c) => c.metric))];
  for (const metric of metrics) {
    if (!analysis.correlations.some((c) => c.metric === metric && c.target === target)) continue;
    sections.push({ kind: 'chart', id: `scatter-${slug(metric)}`, title: `${metric} vs ${target}`, spec: scatterSpec(analysis.joined, analysis.correlations, metric, target) });
  }
  sections.push({
    kind: 'table', id: 'correlations', title: 'Every correlation tested',
    columns: CORRELATION_COLUMNS.map((c) => ({ key: c.key, label: c.label, ...(c.numeric ? { numeric: true } : {}) })),
    rows: analysis.correlations.map((r) => Object.fromEntries(CORRELATION_COLUMNS.map((c) => [c.key, cell(r[c.key])]))),
    format: formatCorrelationCell,
  });
  sections.push({
    kind: 'table', id: 'tiers', title: 'Mean gap by XGLM resource tier',
    columns: [
      { key: 'task', label: 'task' }, { key: 'setting', label: 'setting' }, { key: 'tier', label: 'tier' },
      { key: 'languages', label: 'languages', numeric: true }, { key: 'gap_mean', label: 'mean gap', numeric: true },
      { key: 'gap_sd', label: 'SD', numeric: true }, { key: 'prompt_mean', label: 'mean PT', numeric: true }, { key: 'finetune_mean', label: 'mean FT', numeric: true },
    ],
    rows: analysis.tiers.map((t) => ({ task: t.task, setting: t.setting, tier: t.tier, languages: t.languages, gap_mean: cell(t.gap_mean), gap_sd: cell(t.gap_sd), prompt_mean: cell(t.prompt_mean), finetune_mean: cell(t.finetune_mean) })),
  });
  sections.push({
    kind: 'table', id: 'left-out', title: 'Left out, and why',
    columns: [{ key: 'reason', label: 'reason' }, { key: 'task', label: 'task' }, { key: 'language', label: 'language' }, { key: 'message', label: 'detail' }],
    rows: analysis.exclusions.map((e) => ({ reason: e.reason, task: e.task ?? null, language: e.language ?? null, message: e.message })),
  });
  return { title: options.title, provenance: options.provenance, sections };
}
