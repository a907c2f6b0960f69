/** `analyze correlate`: tokenization statistics × tuning results → correlation tables and report. */
import { checkOutputFolder } from '../../util/output-location.js';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { CORRELATE_OUTPUT_FORMATS, type CorrelateOutputFormat } from '../../report/correlate-formats.js';
import { DEFAULT_BOOTSTRAP, DEFAULT_TARGETS } from '../../correlation/verbs/correlate.js';
import { groupBy } from '../../util/group-by.js';
import { splitCommaList } from '../../util/comma-list.js';
import { createOutput } from '../output.js';
import { commandLine } from '../command-line.js';
import { parseChoiceList } from '../choice-list.js';

interface CorrelateArgs {
  stats: string;
  results: string;
  metrics?: string;
  tasks?: string;
  predictors?: string;
  targets: string;
  bootstrap: number;
  seed: number;
  out: string;
  format: string;
  json: boolean;
  quiet: boolean;
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = splitCommaList(value);
  return items.length ? items : undefined;
}

export const correlateCommand: CommandModule<object, CorrelateArgs> = {
  command: 'correlate',
  describe: 'Correlate per-language tokenization statistics with prompt-tuning vs fine-tuning results',
  builder: (y: Argv) =>
    y
      .option('stats', { type: 'string', demandOption: true, describe: 'Tidy statistics table (CSV/JSON/JSONL: tokenizer, corpus, language, metric, value)' })
      .option('results', { type: 'string', demandOption: true, describe: 'Results from any engine (CSV/JSON/JSONL: language, task, method, score [, seed, setting])' })
      .option('metrics', { type: 'string', describe: 'Comma-separated metrics to correlate (default: all in --stats except the raw counts tokens, words, chars, bytes)' })
      .option('tasks', { type: 'string', describe: 'Comma-separated tasks (default: all in --results)' })
      .option('predictors', { type: 'string', describe: 'Comma-separated metrics fitted together: gap ~ m1 + m2 + … + ln(tokens) per task (regressions.csv)' })
      .option('targets', { type: 'string', default: DEFAULT_TARGETS.join(','), describe: `What each metric is correlated with: ${DEFAULT_TARGETS.join(', ')}` })
      .option('bootstrap', { type: 'number', default: DEFAULT_BOOTSTRAP, describe: 'Bootstrap resamples (also Monte-Carlo permutations beyond 8 languages)' })
      .option('seed', { type: 'number', default: 1, describe: 'PRNG seed for bootstrap and permutations' })
      .option('out', { type: 'string', default: 'reports/correlation', describe: 'Output folder' })
      .option('format', { type: 'string', default: 'csv,json,html', describe: `Comma-separated outputs: ${CORRELATE_OUTPUT_FORMATS.join(', ')}` })
      .example('$0 correlate --stats reports/tokenization/tokenization.csv --results results/tuning.jsonl', 'All metrics × tasks, 10,000 bootstrap resamples, CSV + JSON + HTML in reports/correlation')
      .example('$0 correlate --stats reports/tokenization/tokenization.csv --results results/tuning.jsonl --metrics fertility,premium --bootstrap 2000 --format csv', 'Two metrics, CSV only')
      .example('$0 --json correlate --stats reports/tokenization/tokenization.csv --results results/tuning.jsonl --targets gap', 'Machine-readable summary on stdout') as unknown as Argv<CorrelateArgs>,
  handler: async (argv: ArgumentsCamelCase<CorrelateArgs>) => {
    const out = createOutput({ json: argv.json, quiet: argv.quiet });
    const formats: CorrelateOutputFormat[] = parseChoiceList(argv.format, CORRELATE_OUTPUT_FORMATS, 'format');
    const targets = parseChoiceList(argv.targets, DEFAULT_TARGETS, 'targets');
    // Loaded here, not at start-up: the correlation stage brings the report layer (Vega) with it.
    checkOutputFolder(argv.out, { option: '--out' });
    const { correlateFiles } = await import('../../report/correlate-files.js');
    const { analysis, files } = await correlateFiles({
      stats: argv.stats, results: argv.results, outDir: argv.out,
      metrics: list(argv.metrics), tasks: list(argv.tasks), predictors: list(argv.predictors), targets,
      bootstrap: argv.bootstrap, seed: argv.seed, formats, command: commandLine(),
    });
    if (analysis.metricsLeftOut?.length) out.info(`not correlated by default (raw counts, which grow with text length): ${analysis.metricsLeftOut.join(', ')}; name them with --metrics to include them`);
    // One line per reason with a few examples; the full list is in exclusions.csv / --json.
    for (const [reason, excluded] of groupBy(analysis.exclusions, (e) => e.reason)) {
      const messages = excluded.map((e) => e.message);
      out.info(`left out (${reason}, ${messages.length}): ${messages.slice(0, 3).join('; ')}${messages.length > 3 ? '; …' : ''}`);
    }
    const summary = {
      correlations: analysis.correlations.length,
      languages: new Set(analysis.summary.map((s) => s.language)).size,
      tasks: [...new Set(analysis.summary.map((s) => s.task))],
      exclusions: analysis.exclusions,
      files,
      top: [...analysis.correlations].filter((c) => c.target === 'gap').sort((a, b) => a.p_perm - b.p_perm).slice(0, 5)
        .map((c) => ({ metric: c.metric, task: c.task, n: c.n, pearson: c.pearson, ci: [c.pearson_ci_low, c.pearson_ci_high], p_perm: c.p_perm, p_holm: c.p_holm })),
    };
    const f = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : '—');
    out.result(summary, () => [
      `${summary.correlations} correlations over ${summary.languages} languages, tasks ${summary.tasks.join(', ') || '(none)'}; ${summary.exclusions.length} item(s) left out (see exclusions.csv)`,
      ...summary.top.map((t) => `  ${t.metric} × ${t.task}: r = ${f(t.pearson)} [${f(t.ci[0]!)}, ${f(t.ci[1]!)}], n = ${t.n}, p_perm = ${f(t.p_perm)}, Holm ${f(t.p_holm)}`),
      ...files.map((p) => `wrote ${p}`),
    ].join('\n'));
  },
};
