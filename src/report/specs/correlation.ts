/**
 * Vega-Lite specs of the study report, built from the correlation tables (plain data in,
 * `TopLevelSpec` out; the report layer renders them).
 */
import type { TopLevelSpec } from 'vega-lite';
import { studentTQuantile } from '../../correlation/stats/t-quantile.js';
import type { CorrelationRow, CorrelationTarget, GapSummaryRow, JoinedRow } from '../../correlation/types.js';
import { tokenizerLabels } from '../../util/tokenizer-labels.js';

const SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v6.json';
const fmt = (v: number, d = 2): string => (Number.isFinite(v) ? v.toFixed(d) : '—');
const fmtP = (p: number): string => (!Number.isFinite(p) ? '—' : p < 0.001 ? p.toExponential(1) : p.toFixed(3));

/** Languages by XGLM pretraining size, largest first (unknown sizes last, then by code). */
function bySize(summary: readonly GapSummaryRow[]): string[] {
  const size = new Map<string, number>();
  for (const r of summary) size.set(r.language, r.tokens_b ?? -1);
  return [...size.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([l]) => l);
}

/** One point of the scores chart: one method's mean over seeds in one language; `low`/`high` null draw no bar. */
export interface ScorePoint {
  task: string;
  setting: string;
  language: string;
  method: 'prompt tuning' | 'fine-tuning';
  score: number;
  low: number | null;
  high: number | null;
  seeds: number;
  /** The task's trivial baseline on the same test set (majority class, all-O for NER); drawn as a tick. */
  baseline?: number | null;
  /** Extra fields (language name, n, metric …) named in `tooltip`. */
  [extra: string]: unknown;
}

/** A task's baseline in one language (see src/tasks/baseline.ts), drawn beside the scores. */
export interface BaselinePoint {
  task: string;
  setting: string;
  language: string;
  baseline: number;
}

/** One bar of the gap chart; `low`/`high` null draw no error bar. */
export interface GapPoint {
  task: string;
  setting: string;
  language: string;
  gap: number;
  low: number | null;
  high: number | null;
  tier: string;
  [extra: string]: unknown;
}

export interface TooltipField {
  field: string;
  title?: string;
  format?: string;
}

/** Options of the point-level builders: the language order (explicit, see below) and the tooltips. */
export interface LanguageChartOptions {
  order: readonly string[];
  /** x axis title (what the order means). */
  orderTitle: string;
  tooltip?: readonly TooltipField[];
  subtitle?: string;
}

const BY_SIZE_TITLE = 'language (by XGLM pretraining tokens, largest first)';
// Error bars only where both ends are numbers: one seed has no SD, so no bar (never a bar of 0).
const HAS_BAR = { filter: 'isValid(datum.low) && isValid(datum.high) && isFinite(datum.low) && isFinite(datum.high)' };
// A chart where no point has a bar gets no error-bar layer (an empty one warns of an infinite extent).
const anyBar = (values: readonly { low: number | null; high: number | null }[]): boolean =>
  values.some((v) => v.low !== null && v.high !== null && Number.isFinite(v.low) && Number.isFinite(v.high));

/** Languages on x in an explicit order: a sort by field does not survive layer merging with stacked bars. */
const languageX = (options: LanguageChartOptions) =>
  ({ field: 'language', type: 'nominal' as const, sort: [...options.order], title: options.orderTitle });

/** The frame of both language charts: one row per task, each with its own languages on x. */
function perTaskRows(title: { text: string; subtitle: string }, values: readonly object[], height: number, layer: readonly object[]): TopLevelSpec {
  return {
    $schema: SCHEMA_URL,
    title,
    data: { values },
    facet: { row: { field: 'task', type: 'nominal', title: null } },
    resolve: { scale: { x: 'independent' } },
    spec: { width: 520, height, layer },
  } as TopLevelSpec;
}

/** A chart row: the task, and the tuned model when the results name one (results of several models get a row each). */
const panelOf = (r: { task: string; model?: string | undefined }): string => (r.model !== undefined ? `${r.task} · ${r.model}` : r.task);

/**
 * PT and FT per language (mean over seeds, bar = ± 1 SD), languages ordered by pretraining size;
 * with `baselines`, each language's baseline as a tick beside its scores.
 */
export function scoresSpec(summary: readonly GapSummaryRow[], baselines: readonly BaselinePoint[] = []): TopLevelSpec {
  const base = new Map(baselines.map((b) => [[b.task, b.setting, b.language].join('\u0000'), b.baseline]));
  const values: ScorePoint[] = summary.flatMap((r) => {
    const baseline = base.get([r.task, r.setting, r.language].join('\u0000')) ?? null;
    return [
      { task: panelOf(r), setting: r.setting, language: r.language, tokens_b: r.tokens_b ?? 0, method: 'prompt tuning' as const, score: r.prompt, low: r.prompt - r.prompt_sd, high: r.prompt + r.prompt_sd, seeds: r.seeds, baseline },
      { task: panelOf(r), setting: r.setting, language: r.language, tokens_b: r.tokens_b ?? 0, method: 'fine-tuning' as const, score: r.finetune, low: r.finetune - r.finetune_sd, high: r.finetune + r.finetune_sd, seeds: r.seeds, baseline },
    ];
  });
  return scorePointsSpec(values, { order: bySize(summary), orderTitle: BY_SIZE_TITLE });
}

const HAS_BASELINE = { filter: 'isValid(datum.baseline) && isFinite(datum.baseline)' };
const BASELINE_NOTE = 'Black tick: the baseline on the same test set (majority class; all-O for NER).';

/** The scores chart from points (non-finite scores are left out, never drawn as 0); one row per task. */
export function scorePointsSpec(points: readonly ScorePoint[], options: LanguageChartOptions): TopLevelSpec {
  const values = points.filter((p) => Number.isFinite(p.score));
  const x = languageX(options);
  const tooltip = options.tooltip ?? [{ field: 'language' }, { field: 'method' }, { field: 'score', format: '.3f' }, { field: 'seeds' }];
  const baselined = values.some((p) => typeof p.baseline === 'number' && Number.isFinite(p.baseline));
  const subtitle = options.subtitle ?? 'Mean over seeds; error bar ± 1 SD over seeds.';
  return perTaskRows({ text: 'Scores per language', subtitle: baselined ? `${subtitle} ${BASELINE_NOTE}` : subtitle }, values, 160, [
    // One tick per language (both methods' points carry the same baseline, so it is drawn twice in one place).
    ...(baselined ? [{ transform: [HAS_BASELINE], mark: { type: 'tick', color: 'black', thickness: 2, size: 26 }, encoding: { x, y: { field: 'baseline', type: 'quantitative', title: 'score' }, tooltip: [{ field: 'language' }, { field: 'baseline', title: 'baseline', format: '.3f' }] } }] : []),
    ...(anyBar(values) ? [{ transform: [HAS_BAR], mark: { type: 'errorbar', ticks: true }, encoding: { x, y: { field: 'low', type: 'quantitative', title: 'score' }, y2: { field: 'high' }, color: { field: 'method', type: 'nominal' }, xOffset: { field: 'method' } } }] : []),
    { mark: { type: 'point', filled: true, size: 50 }, encoding: { x, y: { field: 'score', type: 'quantitative', title: 'score' }, color: { field: 'method', type: 'nominal', title: 'method' }, xOffset: { field: 'method' }, tooltip: [...tooltip] } },
  ]);
}

/** The gap (PT − FT) per language ordered by pretraining size, coloured by resource tier. */
export function gapSpec(summary: readonly GapSummaryRow[]): TopLevelSpec {
  const values: GapPoint[] = summary.map((r) => ({ ...r, task: panelOf(r), tier: r.tier ?? 'unknown', low: r.gap - r.gap_sd, high: r.gap + r.gap_sd }));
  return gapPointsSpec(values, {
    order: bySize(summary),
    orderTitle: BY_SIZE_TITLE,
    tooltip: [{ field: 'language' }, { field: 'gap', format: '.3f' }, { field: 'tokens_b', title: 'tokens (B)' }, { field: 'tier' }],
  });
}

/** The gap chart from points (non-finite gaps are left out, never drawn as 0); one row per task. */
export function gapPointsSpec(points: readonly GapPoint[], options: LanguageChartOptions): TopLevelSpec {
  const values = points.filter((p) => Number.isFinite(p.gap));
  const x = languageX(options);
  const tooltip = options.tooltip ?? [{ field: 'language' }, { field: 'gap', format: '.3f' }, { field: 'tier' }];
  return perTaskRows({ text: 'Gap = prompt tuning − fine-tuning', subtitle: options.subtitle ?? 'Below 0: prompt tuning trails fine-tuning. Error bar ± 1 SD over seeds.' }, values, 140, [
    { mark: 'bar', encoding: { x, y: { field: 'gap', type: 'quantitative', title: 'gap' }, color: { field: 'tier', type: 'nominal', title: 'XGLM tier' }, tooltip: [...tooltip] } },
    ...(anyBar(values) ? [{ transform: [HAS_BAR], mark: { type: 'errorbar', ticks: true }, encoding: { x, y: { field: 'low', type: 'quantitative', title: 'gap' }, y2: { field: 'high' } } }] : []),
  ]);
}

/** Fitted line and its 95 % confidence band for the mean, on a grid over the observed x range. */
function band(points: readonly { x: number; y: number }[], slope: number, intercept: number): { x: number; fit: number; low: number; high: number }[] {
  const n = points.length;
  if (n < 3 || !Number.isFinite(slope)) return [];
  const xs = points.map((p) => p.x);
  const xbar = xs.reduce((s, v) => s + v, 0) / n;
  const sxx = xs.reduce((s, v) => s + (v - xbar) ** 2, 0);
  const sse = points.reduce((s, p) => s + (p.y - (intercept + slope * p.x)) ** 2, 0);
  const se = Math.sqrt(sse / (n - 2));
  const t = studentTQuantile(0.975, n - 2);
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return Array.from({ length: 25 }, (_, i) => {
    const x = lo + ((hi - lo) * i) / 24;
    const fit = intercept + slope * x;
    const half = t * se * Math.sqrt(1 / n + (x - xbar) ** 2 / sxx);
    return { x, fit, low: fit - half, high: fit + half };
  });
}

/** What each target is, in panel and axis titles. */
export const TARGET_LABELS: Record<CorrelationTarget, string> = { gap: 'gap (PT − FT)', prompt: 'prompt-tuning score', finetune: 'fine-tuning score' };

/**
 * An axis format that keeps tick labels short: SI prefixes from 10,000 up (`12k`, `1.5M`), plain
 * shortest form below (`1800`, `0.25`); with few ticks, labels of a 260 px panel never run together.
 */
export function compactAxisFormat(values: readonly number[]): string {
  const max = values.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);
  return max >= 10_000 ? '.3~s' : '~r';
}

/**
 * One panel per task (× tokenizer, setting): each language's metric value against the target,
 * labelled, with the least-squares line, its 95 % band, and r, its bootstrap interval and p in
 * the panel title, which names the task, the tokenizer and the target.
 */
export function scatterSpec(joined: readonly JoinedRow[], correlations: readonly CorrelationRow[], metric: string, target: CorrelationTarget = 'gap'): TopLevelSpec {
  const rows = correlations.filter((c) => c.metric === metric && c.target === target);
  const labels = tokenizerLabels([...new Set(rows.map((c) => c.tokenizer))]);
  const panels = rows.map((c) => {
    const points = joined
      .filter((j) => j.metric === metric && j.task === c.task && j.setting === c.setting && j.tokenizer === c.tokenizer && j.corpus === c.corpus && j.model === c.model)
      .map((j) => ({ language: j.language, x: j.value, y: j[target], tier: j.tier ?? 'unknown' }));
    const line = band(points, c.slope, c.intercept);
    const xAxis = { format: compactAxisFormat(points.map((p) => p.x)), tickCount: 4, labelOverlap: 'greedy', labelFlush: true };
    const yAxis = { format: compactAxisFormat(points.map((p) => p.y)), tickCount: 5, labelOverlap: 'greedy' };
    const x = (field: string) => ({ field, type: 'quantitative', title: metric, scale: { zero: false }, axis: xAxis });
    const y = (field: string) => ({ field, type: 'quantitative', title: TARGET_LABELS[target], axis: yAxis });
    return {
      title: {
        text: `${panelOf(c)}${c.setting !== 'in-language' ? ` (${c.setting})` : ''} · ${labels.get(c.tokenizer) ?? c.tokenizer} · ${TARGET_LABELS[target]}`,
        // Two lines, so that a 260 px panel shows every number.
        subtitle: [`r = ${fmt(c.pearson)} [${fmt(c.pearson_ci_low)}, ${fmt(c.pearson_ci_high)}], ρ = ${fmt(c.spearman)}, n = ${c.n}`, `p_perm = ${fmtP(c.p_perm)}, Holm ${fmtP(c.p_holm)}`],
        limit: 320,
      },
      width: 260,
      height: 220,
      layer: [
        { data: { values: line }, mark: { type: 'area', opacity: 0.15 }, encoding: { x: x('x'), y: y('low'), y2: { field: 'high' } } },
        { data: { values: line }, mark: { type: 'line' }, encoding: { x: x('x'), y: y('fit') } },
        { data: { values: points }, mark: { type: 'point', filled: true }, encoding: { x: x('x'), y: y('y'), color: { field: 'tier', type: 'nominal', title: 'XGLM tier' }, tooltip: [{ field: 'language' }, { field: 'x', title: metric, format: '.3f' }, { field: 'y', title: TARGET_LABELS[target], format: '.3f' }] } },
        { data: { values: points }, mark: { type: 'text', dx: 6, align: 'left', fontSize: 10 }, encoding: { x: x('x'), y: y('y'), text: { field: 'language' } } },
      ],
    };
  });
  return {
    $schema: SCHEMA_URL,
    title: { text: `${metric} vs ${TARGET_LABELS[target]}`, subtitle: 'Line: least squares with 95 % confidence band; r with 95 % percentile-bootstrap interval over languages.' },
    columns: 3,
    concat: panels,
  } as unknown as TopLevelSpec;
}

/** Correlation table columns, for the report layer's sortable table. */
export const CORRELATION_COLUMNS: readonly { key: keyof CorrelationRow & string; label: string; numeric?: boolean }[] = [
  { key: 'tokenizer', label: 'tokenizer' },
  { key: 'metric', label: 'metric' },
  { key: 'task', label: 'task' },
  { key: 'setting', label: 'setting' },
  { key: 'target', label: 'target' },
  { key: 'n', label: 'n', numeric: true },
  { key: 'pearson', label: 'r', numeric: true },
  { key: 'pearson_ci_low', label: 'r 95% low', numeric: true },
  { key: 'pearson_ci_high', label: 'r 95% high', numeric: true },
  { key: 'spearman', label: 'ρ', numeric: true },
  { key: 'spearman_ci_low', label: 'ρ 95% low', numeric: true },
  { key: 'spearman_ci_high', label: 'ρ 95% high', numeric: true },
  { key: 'p_perm', label: 'p (perm.)', numeric: true },
  { key: 'p_holm', label: 'p (Holm)', numeric: true },
  { key: 'partial_r', label: 'partial r | log size', numeric: true },
  { key: 'partial_p', label: 'partial p', numeric: true },
];
