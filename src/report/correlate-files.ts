/**
 * `analyze correlate` as one library call: read statistics and results files, run the
 * correlation stage, write the tables (CSV/JSON) and the HTML report atomically into `outDir`.
 */
import { join } from 'node:path';
import {
  analyzeCorrelation, importResults, loadStats, writeCorrelationTables, DEFAULT_BOOTSTRAP,
  type AnalyzeOptions, type CorrelationAnalysis, type TableOutputFormat,
} from '../correlation/index.js';
import { BadInputError, InvalidOptionError } from '../errors.js';
import { renderReport } from './html.js';
import { hashFile, tokgapVersion } from './provenance.js';
import { tokenizerProvenance } from './tokenizer-files.js';
import type { ReportProvenance } from './types.js';
import { buildStudyReport } from './correlation.js';

import type { CorrelateOutputFormat } from './correlate-formats.js';

export { CORRELATE_OUTPUT_FORMATS, type CorrelateOutputFormat } from './correlate-formats.js';

/** The analysis options are correlation's own; the rest say where files come from and go. */
export interface CorrelateFilesOptions extends Pick<AnalyzeOptions, 'metrics' | 'tasks' | 'predictors' | 'targets' | 'bootstrap' | 'seed'> {
  stats: string;
  results: string;
  outDir: string;
  formats?: readonly CorrelateOutputFormat[];
  /** Shown in the report header. */
  command?: string;
  title?: string;
  notes?: readonly string[];
}

export interface CorrelateFilesResult {
  analysis: CorrelationAnalysis;
  files: string[];
}

export async function correlateFiles(options: CorrelateFilesOptions): Promise<CorrelateFilesResult> {
  const bootstrap = options.bootstrap ?? DEFAULT_BOOTSTRAP;
  if (!Number.isInteger(bootstrap) || bootstrap < 1) {
    throw new InvalidOptionError(`--bootstrap must be a positive integer, got ${bootstrap}`, { field: 'bootstrap', expected: 'an integer ≥ 1' });
  }
  const formats = options.formats ?? ['csv', 'json', 'html'];
  const stats = loadStats(options.stats);
  const results = importResults(options.results);
  const analysis = analyzeCorrelation(stats, results, {
    metrics: options.metrics, tasks: options.tasks, predictors: options.predictors, targets: options.targets, bootstrap, seed: options.seed,
    statsFile: options.stats, resultsFile: options.results,
  });
  // Rows exist per metric × task even when no language met (n 0, NaN r): that is nothing to correlate.
  if (!analysis.correlations.some((c) => c.n > 0 && Number.isFinite(c.pearson))) throw nothingToCorrelate(stats, results, analysis.exclusions, options);
  const files = writeCorrelationTables(analysis, options.outDir, formats.filter((f): f is TableOutputFormat => f !== 'html'));
  if (formats.includes('html')) {
    const provenance: ReportProvenance = {
      version: tokgapVersion(),
      date: new Date().toISOString(),
      command: options.command ?? `analyze correlate --stats ${options.stats} --results ${options.results}`,
      tokenizers: await tokenizerProvenance(stats.map((s) => s.tokenizer), { statsFile: options.stats }),
      languages: [...new Set(analysis.summary.map((s) => s.language))],
      inputs: [
        { role: 'statistics', path: options.stats, sha256: await hashFile(options.stats) },
        { role: 'results', path: options.results, sha256: await hashFile(options.results) },
      ],
    };
    const report = buildStudyReport(analysis, { title: options.title ?? 'Tokenization and the prompt-tuning gap', provenance, notes: options.notes });
    const rendered = await renderReport(report, options.outDir, { name: 'correlation', svg: false });
    files.push(rendered.html, ...Object.values(rendered.specs));
  }
  return { analysis, files: files.map((f) => (f.startsWith('/') ? f : join(process.cwd(), f))) };
}

/** What each side held, so the user sees why no language × task × metric met (and no empty tables are written). */
function nothingToCorrelate(
  stats: readonly { language: string; metric: string }[],
  results: readonly { language: string; task: string }[],
  exclusions: readonly { reason: string }[],
  o: CorrelateFilesOptions,
): BadInputError {
  const some = (values: Iterable<string>): string => {
    const all = [...new Set(values)];
    return all.length === 0 ? 'none' : `${all.length} (${all.slice(0, 6).join(', ')}${all.length > 6 ? ', …' : ''})`;
  };
  const reasons = [...new Set(exclusions.map((e) => e.reason))].map((r) => `${r} ×${exclusions.filter((e) => e.reason === r).length}`);
  return new BadInputError(
    `nothing to correlate: the statistics in ${o.stats} have languages ${some(stats.map((s) => s.language))} and metrics ${some(stats.map((s) => s.metric))}; ` +
    `the results in ${o.results} have languages ${some(results.map((r) => r.language))} and tasks ${some(results.map((r) => r.task))}` +
    `${o.metrics?.length ? `; --metrics ${o.metrics.join(',')}` : ''}${o.tasks?.length ? `; --tasks ${o.tasks.join(',')}` : ''}` +
    `${reasons.length ? `; left out: ${reasons.join(', ')}` : ''}`,
    { field: 'stats/results', expected: 'languages found in both files, with prompt and finetune scores for a task they share' },
  );
}
