/**
 * The tuning-results report: from the rows `analyze tune` appends, per task × setting the PT and
 * FT scores per language (mean ± SD over seeds), the gap PT − FT sorted and coloured by XGLM
 * tier, and a table of every cell. The charts are the study report's own spec builders
 * (src/report/specs/correlation.ts) fed with per-method points, so a language with only one
 * method still shows its score and is listed as having no gap (never a gap of 0).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { meanSd } from '../correlation/stats/mean-sd.js';
import type { ResultCell } from '../correlation/types.js';
import { gapTable } from '../correlation/verbs/gap-table.js';
import { summarizeGaps } from '../correlation/verbs/summarize-gaps.js';
import { gapPointsSpec, scorePointsSpec, type BaselinePoint, type GapPoint, type ScorePoint, type TooltipField } from './specs/correlation.js';
import { BadInputError } from '../errors.js';
import { readResults } from '../correlation/results-input.js';
import type { ResultRow } from '../tuning/results.js';
import { escapeHtml } from './escape.js';
import { renderReport } from './html.js';
import { languageMetaForAll, NO_TIER } from './languages.js';
import { hashFile, tokgapVersion } from './provenance.js';
import type { LanguageMeta, Report, ReportFiles, ReportProvenance, ReportSection, TableCell } from './types.js';

/** One (task, setting, model, language, method) cell: the score over its seeds. */
export interface TuningCell {
  task: string;
  setting: string;
  model: string;
  language: string;
  method: ResultRow['method'];
  metric: string;
  /** Mean score over seeds. */
  mean: number;
  /** Sample SD over seeds (n − 1); null for a single seed. */
  sd: number | null;
  seeds: number[];
  /** Per-seed scores, in seed order (for paired gaps). */
  scores: Map<number, number>;
  /** One value when every seed agrees, else `min–max`. */
  n: number | string;
  steps: number | string;
  trainable_params: number | string;
  total_params: number | string;
  backend: string;
  /** Mean over seeds of the rows' `baseline` (the task's trivial score on the same test set); null when no row has one. */
  baseline: number | null;
  /** `first`, `last`, or both joined by a comma when seeds differ; empty for pair tasks. */
  word_token: string;
}

/**
 * One (task, setting, model, language) gap row; `gap` null when no seed has both methods. The gap
 * and its SD are correlation's (`gapTable` → `summarizeGaps`): over the seeds both methods ran.
 */
export interface TuningGap {
  task: string;
  setting: string;
  model: string;
  language: string;
  prompt: TuningCell | undefined;
  finetune: TuningCell | undefined;
  /** PT − FT, the mean over paired seeds of the per-seed gaps. */
  gap: number | null;
  /** Sample SD of the per-seed gaps; null for fewer than two paired seeds (no spread to show). */
  gap_sd: number | null;
  /** The PT and FT means over the paired seeds (what the gap is the difference of); null without a gap. */
  prompt_paired: number | null;
  finetune_paired: number | null;
  /** Seeds both methods ran. */
  paired_seeds: number;
}

export interface TuningReportOptions {
  provenance: ReportProvenance;
  title?: string;
  /** Language metadata (name, tier); default: the corpora stage's table via `languageMetaForAll`. */
  languages?: readonly LanguageMeta[];
}

export interface TuningRenderOptions extends TuningReportOptions {
  /** File stem (default `tuning`). */
  name?: string;
  svg?: boolean;
}

const METHOD_LABEL = { prompt: 'prompt tuning', finetune: 'fine-tuning' } as const;

/** One number when all agree, else the range `min–max`. */
function uniform(values: readonly number[]): number | string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? lo : `${lo}–${hi}`;
}

/** Rows → one cell per (task, setting, model, language, method), sorted. */
export function summarizeTuningCells(rows: readonly ResultRow[]): TuningCell[] {
  const groups = new Map<string, ResultRow[]>();
  for (const r of rows) {
    const key = [r.task, r.setting, r.model, r.language, r.method].join('\u0000');
    const list = groups.get(key);
    if (list) list.push(r); else groups.set(key, [r]);
  }
  const cells: TuningCell[] = [];
  for (const list of groups.values()) {
    const sorted = [...list].sort((a, b) => a.seed - b.seed);
    const first = sorted[0] as ResultRow;
    const [mean, sd] = meanSd(sorted.map((r) => r.score));
    cells.push({
      task: first.task, setting: first.setting, model: first.model, language: first.language, method: first.method,
      metric: [...new Set(sorted.map((r) => r.metric))].join(','),
      // One seed has no spread: the report shows no SD rather than correlation's 0.
      mean, sd: sorted.length < 2 ? null : sd,
      seeds: sorted.map((r) => r.seed),
      scores: new Map(sorted.map((r) => [r.seed, r.score])),
      n: uniform(sorted.map((r) => r.n)),
      steps: uniform(sorted.map((r) => r.steps)),
      trainable_params: uniform(sorted.map((r) => r.trainable_params)),
      total_params: uniform(sorted.map((r) => r.total_params)),
      backend: [...new Set(sorted.map((r) => r.backend))].join(','),
      baseline: _meanOrNull(sorted.map((r) => r.baseline)),
      word_token: [...new Set(sorted.flatMap((r) => (r.word_token ? [r.word_token] : [])))].join(','),
    });
  }
  return cells.sort((a, b) =>
    a.task.localeCompare(b.task) || a.setting.localeCompare(b.setting) || a.model.localeCompare(b.model) ||
    a.language.localeCompare(b.language) || a.method.localeCompare(b.method));
}

function _meanOrNull(values: readonly (number | undefined)[]): number | null {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

/** The baseline per (task, setting, language), averaged over every row that carries one (any method, seed, model). */
export function baselinePoints(rows: readonly ResultRow[]): BaselinePoint[] {
  const groups = new Map<string, { point: Omit<BaselinePoint, 'baseline'>; values: number[] }>();
  for (const r of rows) {
    if (r.baseline === undefined) continue;
    const key = [r.task, r.setting, r.language].join('\u0000');
    const g = groups.get(key) ?? { point: { task: r.task, setting: r.setting, language: r.language }, values: [] };
    g.values.push(r.baseline);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({ ...g.point, baseline: g.values.reduce((a, b) => a + b, 0) / g.values.length }));
}

/** Cells → one gap row per (task, setting, model, language), through correlation's gap verbs; a language without a paired seed has a null gap. */
export function tuningGaps(cells: readonly TuningCell[]): TuningGap[] {
  const groups = new Map<string, TuningGap>();
  const key = (c: { task: string; setting: string; model?: string; language: string }): string => [c.task, c.setting, c.model ?? '', c.language].join('\u0000');
  for (const c of cells) {
    let g = groups.get(key(c));
    if (!g) {
      g = { task: c.task, setting: c.setting, model: c.model, language: c.language, prompt: undefined, finetune: undefined, gap: null, gap_sd: null, prompt_paired: null, finetune_paired: null, paired_seeds: 0 };
      groups.set(key(c), g);
    }
    g[c.method] = c;
  }
  const seedScores: ResultCell[] = cells.flatMap((c) => [...c.scores].map(([seed, score]) => ({ task: c.task, setting: c.setting, language: c.language, method: c.method, seed, score, model: c.model })));
  for (const s of summarizeGaps(gapTable(seedScores).rows)) {
    const g = groups.get(key(s));
    if (!g) continue;
    // One seed has no spread: the report shows no SD rather than the table's 0.
    Object.assign(g, { gap: s.gap, gap_sd: s.seeds < 2 ? null : s.gap_sd, prompt_paired: s.prompt, finetune_paired: s.finetune, paired_seeds: s.seeds });
  }
  return [...groups.values()];
}

const slug = (s: string): string => s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
const seedList = (c: TuningCell | undefined): string => (c ? c.seeds.join(',') : '');

interface Group {
  task: string;
  setting: string;
  model: string;
  cells: TuningCell[];
  gaps: TuningGap[];
}

/** Gap chart order: by gap, most negative (prompt tuning furthest behind) first; ties by code. */
export function gapOrder(gaps: readonly TuningGap[]): string[] {
  return gaps
    .filter((g): g is TuningGap & { gap: number } => g.gap !== null)
    .sort((a, b) => a.gap - b.gap || a.language.localeCompare(b.language))
    .map((g) => g.language);
}

const SCORE_TOOLTIP: TooltipField[] = [
  { field: 'name', title: 'language' }, { field: 'language', title: 'code' }, { field: 'method' },
  { field: 'score', title: 'mean', format: '.3f' }, { field: 'sd', title: 'SD', format: '.3f' },
  { field: 'baseline', format: '.3f' }, { field: 'seeds' }, { field: 'n' }, { field: 'metric' },
];
const GAP_TOOLTIP: TooltipField[] = [
  { field: 'name', title: 'language' }, { field: 'language', title: 'code' }, { field: 'gap', title: 'gap (PT − FT)', format: '.3f' },
  { field: 'gap_sd', title: 'gap SD', format: '.3f' }, { field: 'prompt', title: 'PT mean', format: '.3f' }, { field: 'finetune', title: 'FT mean', format: '.3f' },
  { field: 'tier', title: 'XGLM tier' }, { field: 'seeds' }, { field: 'n' }, { field: 'metric' },
];

/** The scores chart of one task × setting (× model): both methods, languages in `order`. */
export function tuningScoresSpec(group: Group, meta: ReadonlyMap<string, LanguageMeta>, order: readonly string[]): TopLevelSpec {
  const points: ScorePoint[] = group.cells.map((c) => ({
    task: c.task, setting: c.setting, language: c.language, name: meta.get(c.language)?.name ?? c.language,
    method: METHOD_LABEL[c.method], score: c.mean, sd: c.sd, low: c.sd === null ? null : c.mean - c.sd, high: c.sd === null ? null : c.mean + c.sd,
    seeds: c.seeds.length, n: c.n, metric: c.metric, baseline: c.baseline,
  }));
  return scorePointsSpec(points, {
    order, orderTitle: 'language (by gap, prompt tuning furthest behind first)', tooltip: SCORE_TOOLTIP,
    subtitle: 'Mean over seeds; error bar ± 1 SD over seeds (none for a single seed).',
  });
}

/** The gap chart of one task × setting (× model): bars sorted by gap, coloured by XGLM tier. */
export function tuningGapSpec(group: Group, meta: ReadonlyMap<string, LanguageMeta>): TopLevelSpec {
  const points: GapPoint[] = group.gaps
    .filter((g): g is TuningGap & { gap: number; prompt: TuningCell; finetune: TuningCell } => g.gap !== null)
    .map((g) => ({
      task: g.task, setting: g.setting, language: g.language, name: meta.get(g.language)?.name ?? g.language,
      gap: g.gap, gap_sd: g.gap_sd, low: g.gap_sd === null ? null : g.gap - g.gap_sd, high: g.gap_sd === null ? null : g.gap + g.gap_sd,
      prompt: g.prompt_paired ?? g.prompt.mean, finetune: g.finetune_paired ?? g.finetune.mean, tier: meta.get(g.language)?.tier ?? NO_TIER,
      seeds: `PT ${seedList(g.prompt)} / FT ${seedList(g.finetune)}`, n: `PT ${g.prompt.n} / FT ${g.finetune.n}`, metric: g.prompt.metric,
    }));
  return gapPointsSpec(points, {
    order: gapOrder(group.gaps), orderTitle: 'language (by gap, most negative first)', tooltip: GAP_TOOLTIP,
    subtitle: 'Below 0: prompt tuning trails fine-tuning. Gap over the seeds both methods ran; error bar ± 1 SD of the per-seed gaps (when there are at least 2).',
  });
}

function groupsOf(cells: readonly TuningCell[]): Group[] {
  const groups = new Map<string, Group>();
  for (const c of cells) {
    const key = [c.task, c.setting, c.model].join('\u0000');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { task: c.task, setting: c.setting, model: c.model, cells: [], gaps: [] }));
    g.cells.push(c);
  }
  for (const g of groups.values()) g.gaps = tuningGaps(g.cells);
  return [...groups.values()];
}

function missingGapNote(gaps: readonly TuningGap[], meta: ReadonlyMap<string, LanguageMeta>): string | undefined {
  const missing = gaps.filter((g) => g.gap === null);
  if (!missing.length) return undefined;
  const list = missing.map((g) => `${meta.get(g.language)?.name ?? g.language} (${g.language}: ${g.prompt && g.finetune ? 'no seed with both methods' : g.prompt ? 'prompt tuning only' : 'fine-tuning only'})`);
  return `No gap (only one method has results): ${list.join(', ')}.`;
}

const CELL_COLUMNS = [
  { key: 'task', label: 'task' }, { key: 'language', label: 'language' }, { key: 'name', label: 'name' }, { key: 'method', label: 'method' },
  { key: 'setting', label: 'setting' }, { key: 'metric', label: 'metric' }, { key: 'mean', label: 'mean', numeric: true }, { key: 'sd', label: 'SD', numeric: true },
  { key: 'baseline', label: 'baseline', numeric: true }, { key: 'word_token', label: 'word token' }, { key: 'seeds', label: 'seeds' }, { key: 'n', label: 'n', numeric: true }, { key: 'steps', label: 'steps', numeric: true },
  { key: 'trainable_params', label: 'trainable params', numeric: true }, { key: 'total_params', label: 'total params', numeric: true },
  { key: 'backend', label: 'backend' }, { key: 'model', label: 'model' },
];

const GAP_COLUMNS = [
  { key: 'task', label: 'task' }, { key: 'setting', label: 'setting' }, { key: 'language', label: 'language' }, { key: 'name', label: 'name' },
  { key: 'tier', label: 'XGLM tier' }, { key: 'baseline', label: 'baseline', numeric: true }, { key: 'prompt', label: 'PT mean', numeric: true }, { key: 'finetune', label: 'FT mean', numeric: true },
  { key: 'gap', label: 'gap (PT − FT)', numeric: true }, { key: 'gap_sd', label: 'gap SD', numeric: true }, { key: 'note', label: 'note' }, { key: 'model', label: 'model' },
];

/** Scores three decimals, counts as integers; missing is `—`. */
function formatCell(key: string, value: TableCell): string {
  if (value === null) return '—';
  if (typeof value !== 'number') return String(value);
  if (['n', 'steps', 'trainable_params', 'total_params'].includes(key)) return value.toLocaleString('en-US');
  return value.toFixed(3);
}

/** The report as plain sections (pure; `renderTuningReport` writes it). */
export function buildTuningReport(rows: readonly ResultRow[], options: TuningReportOptions): Report {
  const title = options.title ?? 'Prompt tuning vs fine-tuning: results';
  const cells = summarizeTuningCells(rows);
  const meta = new Map((options.languages ?? languageMetaForAll(cells.map((c) => c.language))).map((m) => [m.code, m]));
  const sections: ReportSection[] = [];
  if (!cells.length) {
    sections.push({ kind: 'html', title: 'No results', html: '<p class="note">The results file holds no results yet: nothing to plot. Run <code>analyze tune</code> to add some.</p>' });
    return { title, provenance: options.provenance, sections };
  }
  const groups = groupsOf(cells);
  const models = new Set(cells.map((c) => c.model));
  sections.push({
    kind: 'html', title: 'About this report',
    html: `<p>${escapeHtml(`${rows.length} result rows in ${cells.length} cells (task × setting × language × method${models.size > 1 ? ' × model' : ''}). Score = mean over seeds of the task metric on the test set; baseline = the task's trivial score on the same test set (majority-class accuracy, with the class counted on the training examples; F1 of tagging everything O for NER, which is 0), drawn as a black tick; SD is the sample SD over seeds (none for a single seed). Gap = prompt-tuning minus fine-tuning score, averaged over the seeds both methods ran (the correlation tables' gap); a language with only one method shows its score and has no gap (listed under its chart, never drawn as 0).`)}</p>`,
  });
  const gapRows: Record<string, TableCell>[] = [];
  for (const g of groups) {
    const label = `${g.task}, ${g.setting}${models.size > 1 ? `, ${g.model}` : ''}`;
    const id = slug(`${g.task}-${g.setting}${models.size > 1 ? `-${g.model}` : ''}`);
    const withGap = gapOrder(g.gaps);
    const rest = [...new Set(g.cells.map((c) => c.language))].filter((l) => !withGap.includes(l)).sort();
    const note = missingGapNote(g.gaps, meta);
    sections.push({ kind: 'chart', id: `scores-${id}`, title: `Scores per language: ${label}`, spec: tuningScoresSpec(g, meta, [...withGap, ...rest]) });
    sections.push({ kind: 'chart', id: `gap-${id}`, title: `Gap per language: ${label}`, spec: tuningGapSpec(g, meta), ...(note ? { caption: note } : {}) });
    for (const gap of g.gaps) {
      gapRows.push({
        task: gap.task, setting: gap.setting, language: gap.language, name: meta.get(gap.language)?.name ?? gap.language,
        tier: meta.get(gap.language)?.tier ?? NO_TIER, baseline: gap.prompt?.baseline ?? gap.finetune?.baseline ?? null, prompt: gap.prompt_paired ?? gap.prompt?.mean ?? null, finetune: gap.finetune_paired ?? gap.finetune?.mean ?? null,
        gap: gap.gap, gap_sd: gap.gap_sd, note: gap.gap === null ? `gap missing: ${gap.prompt && gap.finetune ? 'no seed with both methods' : gap.prompt ? 'no fine-tuning result' : 'no prompt tuning result'}` : '', model: gap.model,
      });
    }
  }
  sections.push({ kind: 'table', id: 'gaps', title: 'Gap per language', columns: GAP_COLUMNS, rows: gapRows, format: formatCell });
  sections.push({
    kind: 'table', id: 'cells', title: 'Every cell', columns: CELL_COLUMNS, format: formatCell,
    rows: cells.map((c) => ({
      task: c.task, language: c.language, name: meta.get(c.language)?.name ?? c.language, method: METHOD_LABEL[c.method], setting: c.setting, metric: c.metric,
      mean: c.mean, sd: c.sd, baseline: c.baseline, word_token: c.word_token || null, seeds: c.seeds.join(','), n: c.n, steps: c.steps, trainable_params: c.trainable_params, total_params: c.total_params,
      backend: c.backend, model: c.model,
    })),
  });
  return { title, provenance: options.provenance, sections };
}

/** Write `<name>.html`, `<name>-<chart>.vl.json` (and SVGs unless `svg: false`) into `outDir`. */
export function renderTuningReport(rows: readonly ResultRow[], outDir: string, options: TuningRenderOptions): Promise<ReportFiles> {
  const { name, svg, ...rest } = options;
  return renderReport(buildTuningReport(rows, rest), outDir, { name: name ?? 'tuning', ...(svg === undefined ? {} : { svg }) });
}

export interface TuningResultsReportOptions {
  /** The command line, recorded as provenance. */
  command: string;
  title?: string;
  name?: string;
  svg?: boolean;
}

export interface TuningResultsReportResult {
  files: ReportFiles;
  results: { path: string; sha256: string };
  rows: number;
  cells: number;
  languages: number;
}

/** `analyze report --results` and `analyze tune --format html`: the report of a whole results file. */
export async function renderTuningResultsFile(resultsFile: string, outDir: string, options: TuningResultsReportOptions): Promise<TuningResultsReportResult> {
  const path = resolve(resultsFile);
  if (!existsSync(path)) throw new BadInputError('results file not found', { file: path, expected: 'a JSON Lines file written by analyze tune' });
  const rows = readResults(path, { strict: true });
  const sha256 = await hashFile(path);
  const languages = [...new Set(rows.map((r) => r.language))].sort();
  const provenance: ReportProvenance = {
    version: tokgapVersion(), date: new Date().toISOString(), command: options.command, tokenizers: [],
    languages, inputs: [{ role: 'results', path, sha256 }],
  };
  const files = await renderTuningReport(rows, outDir, {
    provenance, ...(options.title ? { title: options.title } : {}), ...(options.name ? { name: options.name } : {}),
    ...(options.svg === undefined ? {} : { svg: options.svg }),
  });
  return { files, results: { path, sha256 }, rows: rows.length, cells: summarizeTuningCells(rows).length, languages: languages.length };
}
