/**
 * The study's typed adapters onto the other stages' library functions. `runStudy` calls only
 * these; tests and callers may pass their own. Pretraining and tuning are loaded lazily from
 * src/tuning; when that fails the default throws `StageUnavailableError`, and the study stops
 * there with everything before it saved (rerun resumes).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openCorpus, resolveLanguageList } from '../corpora/index.js';
import { analyzeTokenization } from '../stats/index.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { groupBy } from '../util/group-by.js';
import type { TuneConfig } from '../tuning/options.js';
import type { PretrainModel, StudyBudgets } from './config.js';
import { StageFailedError, StageUnavailableError } from './errors.js';
import type { StudyCell } from './plan.js';

export interface TrainTokenizerInput {
  model: PretrainModel;
  /** Where the SentencePiece model goes (`…/sp.model`). */
  output: string;
}

export interface StatisticsInput {
  /** Resolved tokenizer specs (`spm:…`, `xglm:DIR`, …). */
  tokenizers: string[];
  corpus: string;
  /** Language codes, comma-joined for the corpus's resolver. */
  languages: string[];
  /** The tidy CSV to write. */
  output: string;
}

export interface PretrainInput {
  model: PretrainModel;
  tokenizerModel: string;
  /** Model folder to write (config.json + weights). */
  output: string;
}

export interface TuneInput {
  cells: StudyCell[];
  /** A model folder or `hub:OWNER/NAME[@REVISION]` (the tuning stage resolves it). */
  modelDir: string;
  /** Recorded in each result row's `model` column. */
  modelName: string;
  /** Tokenizer spec for a Hugging Face model (a pretrained model names its own beside its weights). */
  tokenizer?: string;
  budgets: StudyBudgets;
  dataDir: string;
  sourceLanguage: string;
  /** JSON Lines file to append one `ResultRow` per finished cell to (resumable). */
  resultsFile: string;
  /** Keep each cell's trained weights under this folder (tune's `save`). */
  save?: string;
  onProgress?: (done: number, total: number, label: string) => void;
  /** Enqueue the cells on this Redis for `analyze worker`s and wait for their rows (src/queue). */
  queue?: string;
}

export interface StudyStages {
  trainTokenizer(input: TrainTokenizerInput): Promise<void>;
  statistics(input: StatisticsInput): Promise<void>;
  pretrain(input: PretrainInput): Promise<void>;
  tune(input: TuneInput): Promise<void>;
}

/** The pretraining corpus and the model's languages resolved against it (tokenizer and pretrain stages). */
function openPretrainCorpus(model: PretrainModel) {
  const corpus = openCorpus(model.corpus);
  const { codes } = resolveLanguageList(model.languages.join(','), corpus.languages(), `corpus ${corpus.spec}`);
  return { corpus, codes };
}

/** Balanced training text (first N segments per language), then `spm_train` (Debian's sentencepiece). */
async function trainTokenizer(input: TrainTokenizerInput): Promise<void> {
  const { model, output } = input;
  const { corpus, codes } = openPretrainCorpus(model);
  const lines: string[] = [];
  for (const code of codes) {
    for (const seg of corpus.read(code).segments.slice(0, model.tokenizer.sentencesPerLanguage)) lines.push(seg.text.replace(/\s+/g, ' ').trim());
  }
  const dir = dirname(output);
  mkdirSync(dir, { recursive: true });
  const textFile = join(dir, 'train.txt');
  writeFileAtomic(textFile, `${lines.join('\n')}\n`);
  const prefix = output.replace(/\.model$/, '');
  const args = [
    `--input=${textFile}`, `--model_prefix=${prefix}`, `--vocab_size=${model.tokenizer.vocabSize}`,
    `--model_type=${model.tokenizer.modelType}`, `--character_coverage=${model.tokenizer.characterCoverage}`,
    `--byte_fallback=${model.tokenizer.byteFallback}`, '--hard_vocab_limit=false', `--seed_sentencepiece_size=${Math.max(100_000, model.tokenizer.vocabSize * 10)}`,
    '--minloglevel=2',
  ];
  const run = spawnSync('spm_train', args, { encoding: 'utf8' });
  if (run.error || run.status !== 0 || !existsSync(output)) {
    throw new StageFailedError('tokenizer', `spm_train exited with ${run.status ?? run.error?.message}: ${(run.stderr ?? '').split('\n').slice(-3).join(' ')}`, run.error);
  }
}

async function statistics(input: StatisticsInput): Promise<void> {
  const result = await analyzeTokenization({
    tokenizers: input.tokenizers, corpus: input.corpus, langs: input.languages.join(','),
    outDir: dirname(input.output), formats: ['csv'], workers: 0,
  });
  if (result.files.csv !== input.output) {
    throw new StageFailedError('statistics', `expected ${input.output}, the tokenization job wrote ${result.files.csv ?? 'no CSV'}`);
  }
}

/**
 * The tuning stage's `pretrain` (src/tuning/pretrain.ts). Imported lazily so that commands which
 * never train do not load tfjs.
 */
async function pretrain(input: PretrainInput): Promise<void> {
  const [{ pretrain: run }, { initBackend }, { loadTokenizer }] = await Promise.all([
    import('../tuning/pretrain.js'), import('../tuning/backend.js'), import('../tokenizers/index.js'),
  ]).catch((cause: unknown) => {
    throw new StageUnavailableError('pretrain', `the tuning stage could not be loaded (${cause instanceof Error ? cause.message : String(cause)})`);
  });
  const { model } = input;
  const { codes } = openPretrainCorpus(model);
  await initBackend('auto');
  await run({
    corpus: model.corpus, languages: codes, tokenizer: await loadTokenizer(`spm:${input.tokenizerModel}`), out: input.output,
    dModel: model.dModel, layers: model.layers, heads: model.heads, ffn: model.ffn, ...(model.maxPositions !== undefined ? { maxPositions: model.maxPositions } : {}),
    steps: model.steps, seqLen: model.seqLen, batchSize: model.batchSize, lr: model.lr, seed: model.seed,
  });
}

/**
 * The tune configs of the pending cells: one per (task, setting) with the languages, methods and
 * seeds still pending, as typed values (arrays, the budgets under the tune config's own names).
 */
export function tuneConfigsOf(input: TuneInput): TuneConfig[] {
  const groups = groupBy(input.cells, (c) => `${c.task}\u0000${c.setting}`);
  const uniq = <T>(values: T[]): T[] => [...new Set(values)];
  return [...groups.values()].map((cells): TuneConfig => {
    const first = cells[0] as StudyCell;
    return {
      task: first.task, setting: first.setting, sourceLanguage: input.sourceLanguage,
      langs: uniq(cells.map((c) => c.language)), methods: uniq(cells.map((c) => c.method)), seeds: uniq(cells.map((c) => c.seed)),
      model: input.modelDir, modelName: input.modelName, ...(input.tokenizer ? { tokenizer: input.tokenizer } : {}),
      ...input.budgets,
      results: input.resultsFile, data: input.dataDir, backend: 'auto', ...(input.save !== undefined ? { save: input.save } : {}),
    };
  });
}

/**
 * The tuning stage's grid runner (`tune` in src/tuning/grid.ts), once per tune config of
 * `tuneConfigsOf`; it appends one row per cell and skips done cells itself.
 */
async function tune(input: TuneInput): Promise<void> {
  const { tune: runTune } = await import('../tuning/grid.js').catch((cause: unknown) => {
    throw new StageUnavailableError('tune', `the tuning stage could not be loaded (${cause instanceof Error ? cause.message : String(cause)}); ${input.cells.length} cell(s) still to run`);
  });
  for (const config of tuneConfigsOf(input)) {
    if (input.queue !== undefined) {
      await (await import('../queue/study.js')).tuneStudyGroupOnQueue(config, input.queue, input.onProgress ? (done, total) => input.onProgress?.(done, total, `${config.task} queue`) : undefined);
      continue;
    }
    await runTune(config, input.onProgress ? (label, done, total) => input.onProgress?.(done, total, `${config.task} ${label}`) : undefined);
  }
}

export const DEFAULT_STAGES: StudyStages = { trainTokenizer, statistics, pretrain, tune };
