/**
 * `analyze tune`: run a prompt-tuning / fine-tuning grid and append one results line per cell;
 * with `--format html`, then render the report of the whole results file.
 */
import { dirname, join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { commandLine } from '../command-line.js';
import { TASK_NAMES, type TaskName } from '../../tasks/names.js';
import { BACKEND_CHOICES } from '../../tuning/options.js';
import { METHOD_NAMES, SETTING_NAMES, type TuningSetting } from '../../tuning/results.js';
import { TrainingConfigSchema, type TrainingConfig } from '../../tuning/training-config.js';
import { createOutput } from '../output.js';
import { schemaOptions } from '../schema-options.js';
import { checkOutputFolder } from '../../util/output-location.js';
import { runTuneOnQueue, withQueueTuneOptions, type QueueTuneArgs } from './queue-options.js';

const FORMATS = ['jsonl', 'html'] as const;
const TRAINING_KEYS = Object.keys(TrainingConfigSchema.shape) as (keyof TrainingConfig)[];

interface TuneArgs extends TrainingConfig, QueueTuneArgs {
  task: TaskName;
  methods: string;
  langs: string;
  model: string;
  modelName?: string;
  tokenizer?: string;
  setting: TuningSetting;
  sourceLanguage: string;
  seeds: string;
  results: string;
  data?: string;
  dataUrl?: string;
  backend: (typeof BACKEND_CHOICES)[number];
  format: (typeof FORMATS)[number];
  reportDir?: string;
  save?: string;
  workers?: number;
  json: boolean;
  quiet: boolean;
}

export const tuneCommand: CommandModule<object, TuneArgs> = {
  command: 'tune',
  describe: 'Prompt-tune and/or fine-tune a model per task and language; append scores to a results file (done cells are skipped)',
  builder: (y: Argv) =>
    withQueueTuneOptions(y)
      .option('task', { choices: TASK_NAMES, demandOption: true, describe: 'Task: XNLI/PAWS-X as LM classification with verbalisers, POS/NER with a linear head' })
      .option('methods', { type: 'string', default: METHOD_NAMES.join(','), describe: `Comma list of methods: ${METHOD_NAMES.join(', ')}` })
      .option('langs', { type: 'string', demandOption: true, describe: 'Comma list of language codes (en,de,sw …)' })
      .option('model', { type: 'string', demandOption: true, describe: 'Model: hub:OWNER/NAME[@REVISION] (downloaded once into the shared HF cache) or a folder with config.json + weights, e.g. from analyze pretrain' })
      .option('model-name', { type: 'string', describe: 'Model name to record in results (default: the --model spec)' })
      .option('tokenizer', { type: 'string', describe: 'Tokenizer spec (default: the tokenizer files in the model folder)' })
      .option('setting', { choices: SETTING_NAMES, default: 'in-language' as const, describe: 'in-language: train and test per language; zero-shot: train on --source-language, test on every language' })
      .option('source-language', { type: 'string', default: 'en', describe: 'Training language of zero-shot transfer' })
      .option('seeds', { type: 'string', default: '1', describe: 'Comma list of seeds' })
      // Training settings: names, defaults and help from the one training schema (src/tuning/training-config.ts).
      .options(schemaOptions(TrainingConfigSchema))
      .option('results', { type: 'string', default: 'results/tuning.jsonl', describe: 'Results file (JSON Lines, appended)' })
      .option('data', { type: 'string', describe: 'Local data root laid out like shared/data (default $TOKGAP_DATA)' })
      .option('data-url', { type: 'string', describe: 'URL root with the same layout; files are cached in $TOKGAP_CACHE' })
      .option('backend', { choices: BACKEND_CHOICES, default: 'auto' as const, describe: 'tfjs backend' })
      .option('format', { choices: FORMATS, default: 'jsonl' as const, describe: 'jsonl: append to --results only; html: also render the report of the whole results file' })
      .option('save', { type: 'string', describe: 'Keep what each run trained under this folder, one folder per cell (PEFT adapter or HF model folder, plus the POS/NER head)' })
      .option('workers', { type: 'number', describe: 'Child processes running the grid side by side, one core each (default: as many as useful: min(runs, cores, what free memory holds))' })
      .option('report-dir', { type: 'string', describe: 'Where --format html writes the report (default: tuning-report/ beside the results file)' })
      .example('$0 tune --task pos --langs en,de --model models/demo --data ../shared/data', 'prompt tuning and fine-tuning for POS in English and German')
      .example('$0 tune --task xnli --langs en,sw --model hub:facebook/xglm-564M --data ../shared/data', 'XGLM-564M from the Hugging Face hub (cached in $HF_HOME/hub)')
      .example('$0 tune --task xnli --methods prompt --langs en,de,sw --setting zero-shot --seeds 1,2 --model models/demo --data ../shared/data', 'train on English, test on three languages, two seeds')
      .example('$0 tune --task pos --langs en,de --seeds 1,2,3 --model models/demo --data ../shared/data --format html', 'then write results/tuning-report/tuning.html')
      .example('$0 tune --task ner --langs fi --model models/demo --data ../shared/data --steps 2 --results tmp.jsonl', 'a quick smoke run') as unknown as Argv<TuneArgs>,
  handler: async (argv) => {
    const out = createOutput(argv);
    const { describeMemoryCheck, parseTuneConfig, tune } = await import('../../tuning/grid.js');
    const config = parseTuneConfig({
      task: argv.task, methods: argv.methods, langs: argv.langs, model: argv.model, modelName: argv.modelName, tokenizer: argv.tokenizer,
      setting: argv.setting, sourceLanguage: argv.sourceLanguage, seeds: argv.seeds,
      ...Object.fromEntries(TRAINING_KEYS.map((k) => [k, argv[k]])),
      results: argv.results, data: argv.data, dataUrl: argv.dataUrl, backend: argv.backend, save: argv.save, workers: argv.workers,
    });
    if (argv.queue !== undefined) return runTuneOnQueue({ ...argv, queue: argv.queue }, config, out);
    const reportDir = argv.reportDir ?? join(dirname(config.results), 'tuning-report');
    if (argv.format === 'html') checkOutputFolder(reportDir, { option: '--report-dir' });
    // The memory plan is said before anything is loaded (and is part of --json's summary).
    const summary = await tune(config, (label, done, total) => out.progress(label, done, total), (check) => out.info(describeMemoryCheck(check)), {
      onWorkers: (choice) => out.info(`workers: ${choice.reason}`),
      // Said even under --quiet, beside the interrupt line main.ts prints.
      onInterrupted: (i) => process.stderr.write(`\n${i.signal}: ${i.rowsWritten} cell(s) written to ${config.results}; ${i.stopped.length ? `stopped in flight, checkpoints kept under ${i.checkpointRoot}: ${i.stopped.join('; ')}` : 'none in flight'}; ${i.notStarted} run(s) not started\n`),
    });
    out.progressDone();
    for (const note of new Set(summary.notes)) out.info(`note: ${note}`);
    const report = argv.format === 'html'
      ? await (await import('../../report/index.js')).renderTuningResultsFile(summary.resultsFile, reportDir, { command: commandLine() })
      : undefined;
    out.result(report ? { ...summary, report } : summary, () => {
      const lines = summary.rows.map((r) => `${r.task}\t${r.language}\t${r.method}\t${r.setting}\tseed ${r.seed}\t${r.metric} ${r.score.toFixed(4)}${r.baseline === undefined ? '' : ` (baseline ${r.baseline.toFixed(4)})`}\tn ${r.n}`);
      lines.push(`${summary.rows.length} cell(s) written, ${summary.skipped} already in ${summary.resultsFile} (skipped); backend ${summary.backend}`);
      if (report) lines.push(`Report: ${report.files.html} (${report.rows} rows, ${report.languages} languages)`);
      return lines.join('\n');
    });
  },
};
