/**
 * The tuning grid: plan the runs of (task × languages × methods × setting × seeds) still missing from
 * the results file, and run each one (`run/run-one.ts`); `tune()` is `analyze tune` as a function.
 */
import * as tf from '@tensorflow/tfjs';
import { totalmem } from 'node:os';
import { smokeCapped } from '../util/smoke.js';
import { checkOutputFile, checkOutputFolder } from '../util/output-location.js';
import type { DataSource } from '../datasets/load.js';
import { InvalidOptionError } from '../errors.js';
import { isHubSpec, resolveModel } from '../hub/index.js';
import type { PaddedBatch } from '../tasks/encode.js';
import type { EvalResult } from '../tasks/evaluate.js';
import { getTask } from '../tasks/registry.js';
import type { Task } from '../tasks/types.js';
import { assertTokenizerSavable } from '../tokenizers/folder.js';
import { loadTokenizer } from '../tokenizers/load.js';
import type { Tokenizer } from '../tokenizers/types.js';
import { initBackend, memoryLimitOf } from './backend.js';
import { TuneConfigSchema, parseTuneConfig, type TuneConfig } from './options.js';
import { loadResults, resultKey } from './results-io.js';
import type { ResultRow, TuningMethod, TuningSetting } from './results.js';
import { loadModelTokenizer } from './model-folder.js';
import { gridSpecOf } from './run-config.js';
import { addedPositions, sequenceCap } from './run/network.js';
import { runGridRun } from './run/run-one.js';
import { assertSaveFoldersFree } from './saved-cell.js';
import { pickTrainingConfig, withTrainingDefaults, type TrainingConfig } from './training-config.js';
import { loadXglmConfig } from './xglm/config.js';
import { choosePoolWorkers, runGridPool, type PoolChoice, type PoolHooks } from './grid-pool.js';
import { assertMemoryCheck, checkMemory, type MemoryCheck } from './xglm/memory.js';

export interface GridSpec {
  task: string;
  methods: readonly TuningMethod[];
  languages: readonly string[];
  setting: TuningSetting;
  seeds: readonly number[];
  model: string;
  /** Source language of zero-shot transfer. Default `en`. */
  sourceLanguage?: string;
  /** Fine-tuning keeps the embeddings frozen; a results file holds fine-tuning rows of one choice only. */
  freezeEmbeddings?: boolean;
}

/** One training run and the languages it is tested on (several in zero-shot, one in-language). */
export interface GridRun {
  task: string;
  method: TuningMethod;
  setting: TuningSetting;
  seed: number;
  model: string;
  trainLanguage: string;
  /** Languages still missing from the results file. */
  evalLanguages: string[];
}

/**
 * Plan the runs of a grid, leaving out cells already in `done`: in-language trains once per
 * (language, method, seed); zero-shot trains once on the source language per (method, seed) and tests
 * on every language. A run whose cells are all done disappears.
 */
export function planGrid(spec: GridSpec, done: readonly ResultRow[] = []): GridRun[] {
  if (spec.methods.length === 0) throw new InvalidOptionError('no tuning method given', { field: 'methods', expected: 'prompt and/or finetune' });
  if (spec.languages.length === 0) throw new InvalidOptionError('no language given', { field: 'langs', expected: 'at least one language code' });
  if (spec.seeds.length === 0) throw new InvalidOptionError('no seed given', { field: 'seeds', expected: 'at least one integer seed' });
  _assertOneFreezeChoice(spec, done);
  const have = new Set(done.map(resultKey));
  const missing = (method: TuningMethod, seed: number, language: string): boolean =>
    !have.has(resultKey({ task: spec.task, language, method, setting: spec.setting, seed, model: spec.model }));
  const runs: GridRun[] = [];
  for (const seed of spec.seeds) {
    for (const method of spec.methods) {
      const base = { task: spec.task, method, setting: spec.setting, seed, model: spec.model };
      if (spec.setting === 'zero-shot') {
        const evalLanguages = spec.languages.filter((l) => missing(method, seed, l));
        if (evalLanguages.length) runs.push({ ...base, trainLanguage: spec.sourceLanguage ?? 'en', evalLanguages });
      } else {
        for (const lang of spec.languages) {
          if (missing(method, seed, lang)) runs.push({ ...base, trainLanguage: lang, evalLanguages: [lang] });
        }
      }
    }
  }
  return runs;
}

/**
 * Fine-tuning rows with and without frozen embeddings would share a cell (the results key has no
 * place for the variant), so a grid whose choice differs from the file's rows is refused.
 */
function _assertOneFreezeChoice(spec: GridSpec, done: readonly ResultRow[]): void {
  if (!spec.methods.includes('finetune')) return;
  const frozen = spec.freezeEmbeddings ?? false;
  const other = done.find((r) => r.method === 'finetune' && r.task === spec.task && r.model === spec.model && (r.freeze_embeddings ?? false) !== frozen);
  if (other === undefined) return;
  throw new InvalidOptionError(`the results file holds ${spec.task} fine-tuning rows of ${spec.model} ${frozen ? 'without' : 'with'} frozen embeddings`, {
    field: 'freezeEmbeddings', expected: `${frozen ? 'no' : 'the same'} --freeze-embeddings, or another --results file`,
  });
}

// ---------------------------------------------------------------------------------------------
// Running a grid: data → model + method → train (resumable) → test → one results line per cell.
// ---------------------------------------------------------------------------------------------

/**
 * Everything `runGrid` needs beyond the grid itself. The training settings are `TrainingConfig`'s,
 * under its names (`lrPrompt`, `virtualTokens`, `maxLength` …); what is left out is `TRAINING_DEFAULTS`'.
 */
export interface RunGridOptions extends Partial<TrainingConfig> {
  /** HF-format model directory (config.json + model.safetensors). */
  modelDir: string;
  tokenizer: Tokenizer;
  data: DataSource;
  resultsFile: string;
  /** Optimiser steps per run. */
  steps: number;
  /** Where resumable checkpoints go (default `<resultsFile>.ckpt/`); removed once a run's rows are written. */
  checkpointRoot?: string;
  checkpointEvery?: number;
  /** tfjs backend name for the results rows (default `tf.getBackend()`). */
  backend?: string;
  /**
   * Refuse runs estimated to need more bytes than this before loading anything (default: the
   * current backend's hard limit, i.e. wasm's ~3.9 GB heap; none on native backends).
   */
  memoryLimitBytes?: number;
  /** Each method's memory plan (model, method, batch × length, backend, estimate, fits), before anything is loaded. */
  onMemoryPlan?: (check: MemoryCheck) => void;
  /** Progress: `done` of `total` steps over the whole grid; called as each cell starts and after each step, `label` naming the cell (`cell k/n: …`). */
  onProgress?: (label: string, done: number, total: number) => void;
  /** Every optimiser step of every run, with its loss. */
  onStep?: (info: { run: GridRun; step: number; loss: number; lr: number }) => void;
  /** Every dev evaluation (model selection) of every run. */
  onEval?: (info: { run: GridRun; score: number }) => void;
  /** Every test evaluation, with its predictions (one per results row). */
  onTest?: (info: { run: GridRun; language: string; result: EvalResult }) => void;
  /** Keep what each run trained in a folder under this one (`saved-cell.ts`); the rows name it in `saved`. */
  save?: string;
  /** Every training batch of every run, exactly as its loss sees it, before its step (e.g. to replay the run in PyTorch). */
  onBatch?: (info: { run: GridRun; step: number; batch: TrainBatch }) => void;
  /**
   * The trainable tensors of every run (prompt or model, and the head as `head.*`): `initial` as
   * built, before any checkpoint is restored; `final` after the last step and dev selection.
   */
  onTrainable?: (info: { run: GridRun; stage: 'initial' | 'final'; trainable: ReadonlyMap<string, tf.Variable> }) => void;
  /**
   * Run the planned runs elsewhere (`tune()` passes the local worker pool, `grid-pool.ts`), after the
   * memory plan and the output checks; `undefined` runs them here, one after another.
   */
  runPool?: (runs: GridRun[], summary: RunGridSummary) => Promise<RunGridSummary | undefined>;
}

/** One training batch: the padded tensors' values, the training-set indices they came from and, for token tasks, each row's word positions. */
export interface TrainBatch extends PaddedBatch {
  examples: number[];
  /** Token tasks: per row, the position of each word's labelled sub-token (-1 when truncated away). */
  wordPositions?: number[][];
}

export interface RunGridSummary {
  /** Rows written by this call. */
  rows: ResultRow[];
  /** Cells already in the results file. */
  skipped: number;
  /** Data substitutions (e.g. "no pos train set for de …"). */
  notes: string[];
  /** The memory plan of each method run, as said before the grid started. */
  memory: MemoryCheck[];
}

/**
 * Run every missing cell of the grid and append one `ResultRow` per (task, language, method,
 * setting, seed) to `resultsFile` as soon as it is scored, so a killed grid loses at most the run in
 * flight (which itself resumes from its checkpoint).
 */
export async function runGrid(gridSpec: GridSpec, gridOptions: RunGridOptions): Promise<RunGridSummary> {
  // The freeze choice may come with the grid (a TuneConfig's) or with the options: the same one for both.
  const freezeEmbeddings = gridOptions.freezeEmbeddings ?? gridSpec.freezeEmbeddings ?? false;
  const spec: GridSpec = { ...gridSpec, freezeEmbeddings };
  const options: RunGridOptions = smokeCapped({ ...gridOptions, freezeEmbeddings });
  const task = getTask(spec.task);
  const done = loadResults(options.resultsFile);
  const runs = planGrid(spec, done);
  const all = planGrid(spec, []).reduce((n, r) => n + r.evalLanguages.length, 0);
  const pending = runs.reduce((n, r) => n + r.evalLanguages.length, 0);
  const memory = _planGridMemory(task, runs, spec.model, options);
  const summary: RunGridSummary = { rows: [], skipped: all - pending, notes: [], memory };
  const recompute = new Map(memory.map((m) => [m.method, m.recomputeLayers]));
  if (options.save !== undefined && runs.length > 0) {
    assertSaveFoldersFree(options.save, runs);
    assertTokenizerSavable(options.tokenizer);
  }
  const pooled = runs.length > 1 ? await options.runPool?.(runs, summary) : undefined;
  if (pooled !== undefined) return pooled;
  const total = runs.length * options.steps;
  let before = 0;
  for (const [k, run] of runs.entries()) {
    const label = `cell ${k + 1}/${runs.length}: ${run.task} ${run.method} ${run.trainLanguage}${run.setting === 'zero-shot' ? '→*' : ''} seed ${run.seed}`;
    // Show the cell as it starts (data and model loading take a while before its first step).
    options.onProgress?.(label, before, total);
    const rows = await runGridRun(task, run, { ...options, recomputeLayers: recompute.get(run.method) ?? false }, summary.notes, (step) => options.onProgress?.(label, before + step, total));
    before += options.steps;
    summary.rows.push(...rows);
  }
  return summary;
}

/**
 * Plan every method's memory from config.json alone (arithmetic, no weights loaded), report it, and
 * refuse with MODEL_TOO_LARGE a run that would not fit the backend's limit, instead of corrupting
 * the wasm heap mid-run. Where every layer's intermediates would not fit (the limit, or on native
 * backends the machine's RAM) the run recomputes layers in the backward pass.
 */
function _planGridMemory(task: Task, runs: readonly GridRun[], model: string, o: RunGridOptions): MemoryCheck[] {
  if (runs.length === 0) return [];
  const limit = o.memoryLimitBytes ?? memoryLimitOf();
  const config = loadXglmConfig(o.modelDir);
  const training = withTrainingDefaults(o);
  const head = task.kind === 'token' ? (config.d_model + 1) * task.labels.length : 0;
  const checks: MemoryCheck[] = [];
  for (const method of new Set<TuningMethod>(runs.map((r) => r.method))) {
    const added = addedPositions(training, method);
    const seqLen = sequenceCap(training, config, method) + added;
    const check = checkMemory(
      config,
      // The memory modes are the method names; what a method adds in front trains (the soft prompt).
      { mode: method, batchSize: training.batchSize, seqLen, extraTrainable: added * config.d_model + head },
      { model, method, backend: o.backend ?? tf.getBackend(), ...(limit !== undefined ? { limitBytes: limit } : { softLimitBytes: totalmem() }) },
    );
    o.onMemoryPlan?.(check);
    checks.push(assertMemoryCheck(check));
  }
  return checks;
}

// `analyze tune`: options (parsed in options.ts) → backend + tokenizer + runGrid.
export { TuneConfigSchema, parseTuneConfig, type TuneConfig };
export { describeMemoryCheck, type MemoryCheck } from './xglm/memory.js';

export interface TuneSummary extends RunGridSummary {
  backend: string;
  tokenizer: string;
  resultsFile: string;
  /** How many worker processes ran the grid, and why (absent when nothing was left to run). */
  workers?: PoolChoice;
}

/**
 * Resolve the model spec to a folder (downloading a hub model first, before any long work), start
 * the backend, load the tokenizer (given, or the one the model folder names or carries) and run the
 * grid. Results record the spec as given (`--model-name` beats it), not the cache folder.
 */
export async function tune(
  config: TuneConfig, onProgress?: RunGridOptions['onProgress'], onMemoryPlan?: RunGridOptions['onMemoryPlan'],
  /** Where and how often runs checkpoint (a queue worker points them at a shared folder). */
  /** Where and how often runs checkpoint (a queue worker points them at a shared folder), and how a local worker pool reports back (grid-pool.ts). */
  extra: Pick<RunGridOptions, 'checkpointRoot' | 'checkpointEvery'> & PoolHooks = {},
): Promise<TuneSummary> {
  const notes: string[] = [];
  checkOutputFile(config.results, { option: '--results' });
  checkOutputFolder(`${config.results}.ckpt`, { option: '--results (its checkpoint folder)' });
  if (config.save !== undefined) checkOutputFolder(config.save, { option: '--save' });
  const gridSpec = gridSpecOf(config);
  const backend = await initBackend(config.backend);
  // A grid whose cells are all in the results file needs no model: nothing is resolved or downloaded.
  if (planGrid(gridSpec, loadResults(config.results)).length === 0) {
    const skipped = planGrid(gridSpec, []).reduce((n, r) => n + r.evalLanguages.length, 0);
    return { rows: [], skipped, notes, memory: [], backend: backend.label, tokenizer: config.tokenizer ?? config.model, resultsFile: config.results };
  }
  const model = await resolveModel(config.model, { onNote: (n) => notes.push(n) });
  // Without --tokenizer: the folder's own tokenizer files; a hub snapshot without them (e.g. Python
  // fetched only the weights) gets them through the hub spec.
  const tokenizer = config.tokenizer !== undefined ? await loadTokenizer(config.tokenizer)
    : (await loadModelTokenizer(model.dir)) ?? (isHubSpec(config.model) ? await loadTokenizer(config.model) : undefined);
  if (tokenizer === undefined) {
    throw new InvalidOptionError('no tokenizer given and the model folder holds none', { file: model.dir, field: 'tokenizer', expected: '--tokenizer SPEC, or tokenizer files in the model folder (sentencepiece.bpe.model or tokenizer.json)' });
  }
  const spec = tokenizer.spec;
  const dataDir = config.data ?? process.env.TOKGAP_DATA;
  // Several runs go to child processes, one core each (grid-pool.ts); one run stays in this process.
  let workers: PoolChoice | undefined;
  const runPool = async (runs: GridRun[], base: RunGridSummary): Promise<RunGridSummary | undefined> => {
    workers = choosePoolWorkers({ runs: runs.length, requested: config.workers, memory: base.memory });
    extra.onWorkers?.(workers);
    return workers.workers > 1 ? runGridPool(config, runs, base, { ...extra, choice: workers, onProgress }) : undefined;
  };
  const summary = await runGrid(
    gridSpec,
    {
      ...pickTrainingConfig(config), steps: config.steps,
      modelDir: model.dir, tokenizer, resultsFile: config.results,
      data: { ...(dataDir !== undefined ? { dataDir } : {}), ...(config.dataUrl !== undefined ? { baseUrl: config.dataUrl } : {}) },
      backend: backend.label, ...(config.save !== undefined ? { save: config.save } : {}),
      ...(backend.memoryLimitBytes !== undefined ? { memoryLimitBytes: backend.memoryLimitBytes } : {}), onProgress, onMemoryPlan, runPool,
      ...(extra.checkpointRoot !== undefined ? { checkpointRoot: extra.checkpointRoot } : {}),
      ...(extra.checkpointEvery !== undefined ? { checkpointEvery: extra.checkpointEvery } : {}),
    },
  );
  workers ??= choosePoolWorkers({ runs: 1, requested: config.workers, memory: summary.memory });
  return { ...summary, notes: [...notes, ...summary.notes], backend: backend.label, tokenizer: spec, resultsFile: config.results, workers };
}
