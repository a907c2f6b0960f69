import * as tf from '@tensorflow/tfjs';
import { totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { checkOutputFile, checkOutputFolder, removeFolderIfEmpty } from '../util/output-location.js';
import type { DatasetTask } from '../datasets/catalog.js';
import { loadSplit, loadTaskData, type DataSource } from '../datasets/load.js';
import type { PairExample, TaggedSentence } from '../datasets/types.js';
import { InvalidOptionError } from '../errors.js';
import { isHubSpec, resolveModel } from '../hub/index.js';
import { encodePairs, encodeTagged, padBatch, type PaddedBatch } from '../tasks/encode.js';
import type { EvalResult } from '../tasks/evaluate.js';
import { taskBaseline } from '../tasks/baseline.js';
import { getTask } from '../tasks/registry.js';
import { DEFAULT_WORD_TOKEN, wordPositions, type WordToken } from '../tasks/token-align.js';
import type { Task } from '../tasks/types.js';
import { assertTokenizerSavable } from '../tokenizers/folder.js';
import { loadTokenizer } from '../tokenizers/load.js';
import type { Tokenizer } from '../tokenizers/types.js';
import { initBackend, memoryLimitOf } from './backend.js';
import { LinearHead, tokenClassificationLoss } from './methods/heads/linear-head.js';
import { FullFineTuningModel } from './methods/full/model.js';
import { PromptTuningModel } from './methods/prompt-tuning/model.js';
import { TuneConfigSchema, parseTuneConfig, type TuneConfig } from './options.js';
import { AdamW } from './optim.js';
import { appendResult, loadResults, resultKey } from './results-io.js';
import type { ResultRow, TuningMethod, TuningSetting } from './results.js';
import { scoreRows, type CellScoring } from './cell-eval.js';
import { loadModelTokenizer } from './model-folder.js';
import { gridSpecOf } from './run-config.js';
import { assertSaveFoldersFree, saveGridCell } from './saved-cell.js';
import { removeCheckpoint, train, type TrainOptimizer } from './train.js';
import { loadXglmConfig, type XglmConfig } from './xglm/config.js';
import { assertMemoryCheck, checkMemory, type MemoryCheck } from './xglm/memory.js';
import { XglmModel } from './xglm/model.js';

export interface GridSpec {
  task: string;
  methods: readonly TuningMethod[];
  languages: readonly string[];
  setting: TuningSetting;
  seeds: readonly number[];
  model: string;
  /** Source language of zero-shot transfer. Default `en`. */
  sourceLanguage?: string;
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

// ---------------------------------------------------------------------------------------------
// Running a grid: data → model + method → train (resumable) → test → one results line per cell.
// ---------------------------------------------------------------------------------------------

/** Everything `runGrid` needs beyond the grid itself. */
export interface RunGridOptions {
  /** HF-format model directory (config.json + model.safetensors). */
  modelDir: string;
  tokenizer: Tokenizer;
  data: DataSource;
  resultsFile: string;
  /** Optimiser steps per run. */
  steps: number;
  batchSize?: number;
  /** Peak learning rates per method (defaults: prompt 3e-2, finetune 1e-4) and of the POS/NER head (default 5e-3). */
  lr?: Partial<Record<TuningMethod | 'head', number>>;
  /** Soft-prompt length (default 20; PEFT init SAMPLE_VOCAB). */
  numVirtualTokens?: number;
  /** Token cap per sequence (default 128; also capped by the model's positions). */
  maxLength?: number;
  /** Use at most this many training / dev / test examples (default: all). */
  maxTrain?: number;
  maxEval?: number;
  /** Dev evaluations for model selection: every this many steps (default steps / 4) and at the end. */
  evalEvery?: number;
  /** POS/NER: the sub-token whose hidden state the head reads per word (default `DEFAULT_WORD_TOKEN`). */
  wordToken?: WordToken;
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
export async function runGrid(spec: GridSpec, options: RunGridOptions): Promise<RunGridSummary> {
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
  const total = runs.length * options.steps;
  let before = 0;
  for (const [k, run] of runs.entries()) {
    const label = `cell ${k + 1}/${runs.length}: ${run.task} ${run.method} ${run.trainLanguage}${run.setting === 'zero-shot' ? '→*' : ''} seed ${run.seed}`;
    // Show the cell as it starts (data and model loading take a while before its first step).
    options.onProgress?.(label, before, total);
    const rows = await _runOne(task, run, { ...options, recomputeLayers: recompute.get(run.method) ?? false }, summary.notes, (step) => options.onProgress?.(label, before + step, total));
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
  const head = task.kind === 'token' ? (config.d_model + 1) * task.labels.length : 0;
  const checks: MemoryCheck[] = [];
  for (const method of new Set(runs.map((r) => r.method))) {
    const prompt = _numVirtual(o, method);
    const seqLen = _maxLength(o, config, method) + prompt;
    const check = checkMemory(
      config,
      { mode: method === 'prompt' ? 'prompt' : 'finetune', batchSize: o.batchSize ?? 8, seqLen, extraTrainable: prompt * config.d_model + head },
      { model, method, backend: o.backend ?? tf.getBackend(), ...(limit !== undefined ? { limitBytes: limit } : { softLimitBytes: totalmem() }) },
    );
    o.onMemoryPlan?.(check);
    checks.push(assertMemoryCheck(check));
  }
  return checks;
}

/** Soft-prompt positions a method prepends (default 20 for prompt tuning, none for fine-tuning). */
function _numVirtual(o: RunGridOptions, method: TuningMethod): number {
  return method === 'prompt' ? o.numVirtualTokens ?? 20 : 0;
}

/** Token cap per sequence: `maxLength` (default 128), leaving room for the soft prompt in the model's positions. */
function _maxLength(o: RunGridOptions, config: XglmConfig, method: TuningMethod): number {
  return Math.min(o.maxLength ?? 128, config.max_position_embeddings - _numVirtual(o, method));
}

const DEFAULT_LR: Record<TuningMethod, number> = { prompt: 3e-2, finetune: 1e-4 };
const DEFAULT_HEAD_LR = 5e-3;

/** Several AdamW parameter groups behind one `TrainOptimizer`, each at `scale` × the scheduled rate. */
function _groupedOptimizer(groups: { prefix: string; params: Map<string, tf.Variable>; optimizer: AdamW; scale: number }[]): TrainOptimizer {
  const parts = groups.map((g) => ({ ...g, inner: g.optimizer.toTrainOptimizer(), owned: new Set<tf.Variable>(g.params.values()) }));
  return {
    step(vars, grads, lr) {
      for (const p of parts) {
        const at = vars.map((v, i) => (p.owned.has(v) ? i : -1)).filter((i) => i >= 0);
        if (at.length) p.inner.step(at.map((i) => vars[i]!), at.map((i) => grads[i]!), lr * p.scale);
      }
    },
    getState() {
      const out = new Map<string, tf.Tensor>();
      for (const p of parts) for (const [k, t] of p.inner.getState()) out.set(`${p.prefix}${k}`, t);
      return out;
    },
    setState(state) {
      for (const p of parts) {
        p.inner.setState(new Map([...state].filter(([k]) => k.startsWith(p.prefix)).map(([k, t]) => [k.slice(p.prefix.length), t])));
      }
    },
  };
}

/** The tuned network, whatever the method: real-position outputs and what trains. */
interface Tuned {
  trainable: Map<string, tf.Variable>;
  totalParams: number;
  /** `[B, T, d]` last hidden state at the real positions. */
  hidden(ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor3D;
  /** The `[vocab, d]` output matrix, for verbaliser scoring in vocabulary chunks. */
  lmHeadWeight(): tf.Tensor2D;
  /** The soft prompt (prompt tuning only), for `--save`. */
  prompt?: PromptTuningModel;
  /**
   * Causal-LM training loss of `[B, T]` labels. For prompt tuning it is PEFT's: the labels get -100
   * in front, so the last virtual position also predicts the first real token.
   */
  lmLoss(ids: tf.Tensor2D, mask: tf.Tensor2D, labels: tf.Tensor2D): tf.Scalar;
  dispose(): void;
}

function _buildTuned(method: TuningMethod, model: XglmModel, seed: number, numVirtual: number, recomputeLayers: boolean): Tuned {
  if (method === 'finetune') {
    const ft = new FullFineTuningModel(model);
    return {
      trainable: ft.trainableParameters(),
      totalParams: model.numParameters(),
      hidden: (ids, mask) => model.hidden({ inputIds: ids, attentionMask: mask, recomputeLayers }).lastHiddenState,
      lmHeadWeight: () => model.lmHeadWeight(),
      lmLoss: (ids, mask, labels) => model.lmLoss(model.hidden({ inputIds: ids, attentionMask: mask, recomputeLayers }).lastHiddenState, labels),
      dispose: () => model.dispose(),
    };
  }
  const pt = new PromptTuningModel(model, { num_virtual_tokens: numVirtual, prompt_tuning_init: 'SAMPLE_VOCAB' }, { seed });
  const input = (ids: tf.Tensor2D, mask: tf.Tensor2D) => ({ inputsEmbeds: pt.embedWithPrompt(ids), attentionMask: pt.extendMask(mask), recomputeLayers });
  return {
    prompt: pt,
    trainable: new Map([['prompt_embeddings', pt.promptEmbeddings]]),
    totalParams: model.numParameters() + pt.numTrainableParameters(),
    hidden: (ids, mask) => pt.dropVirtual(model.hidden(input(ids, mask)).lastHiddenState),
    lmHeadWeight: () => model.lmHeadWeight(),
    // The whole output, virtual positions included (PEFT's loss), through the chunked head.
    lmLoss: (ids, mask, labels) => model.lmLoss(model.hidden(input(ids, mask)).lastHiddenState, pt.extendLabels(labels)),
    dispose: () => { pt.dispose(); model.dispose(); },
  };
}

async function _runOne(
  task: Task,
  run: GridRun,
  o: RunGridOptions & { recomputeLayers?: boolean },
  notes: string[],
  onStep: (step: number) => void,
): Promise<ResultRow[]> {
  const started = performance.now();
  const dataset = task.name as DatasetTask;
  const trainData = await loadTaskData(dataset, run.trainLanguage, o.data);
  notes.push(...trainData.notes);
  const cap = <A extends readonly unknown[]>(rows: A, n: number | undefined): A => (n === undefined ? rows : (rows.slice(0, n) as unknown as A));
  // Checkpoint tensors the model does not use are a note, as transformers warns of them.
  const model = XglmModel.fromPretrained(o.modelDir, { onWarning: (w) => { if (!notes.includes(w)) notes.push(w); } });
  if (o.tokenizer.vocabSize > model.config.vocab_size) {
    model.dispose();
    throw new InvalidOptionError(`tokenizer ${o.tokenizer.name} has ${o.tokenizer.vocabSize} ids but the model only ${model.config.vocab_size}`, {
      file: o.modelDir, field: 'tokenizer', expected: 'the tokenizer the model was trained with',
    });
  }
  const maxLength = _maxLength(o, model.config, run.method);
  const tuned = _buildTuned(run.method, model, run.seed, _numVirtual(o, run.method), o.recomputeLayers ?? false);
  const pad = model.config.pad_token_id;
  const batchSize = o.batchSize ?? 8;
  const head = task.kind === 'token' ? new LinearHead({ hiddenSize: model.config.d_model, numLabels: task.labels.length, labels: [...task.labels] }, run.seed) : undefined;
  const trainable = new Map([...tuned.trainable, ...(head ? [...head.parameters].map(([n, v]) => [`head.${n}`, v] as const) : [])]);
  const wordToken = o.wordToken ?? DEFAULT_WORD_TOKEN;
  const tensors = (b: PaddedBatch) => ({ ids: tf.tensor2d(b.ids, undefined, 'int32'), mask: tf.tensor2d(b.mask, undefined, 'int32'), labels: tf.tensor2d(b.labels, undefined, 'int32') });

  // Task-specific loss and scoring, written once for both methods.
  let lengths: number[];
  let trainBatch: (batch: readonly number[]) => TrainBatch;
  let loss: (batch: readonly number[]) => tf.Scalar;
  if (task.kind === 'pair') {
    const train = encodePairs(task, cap(trainData.train as PairExample[], o.maxTrain), o.tokenizer, maxLength).map((e) => e.candidates[e.gold]!);
    lengths = train.map((s) => s.length);
    trainBatch = (batch) => ({ ...padBatch(batch.map((i) => train[i]!), pad), examples: [...batch] });
    loss = (batch) => {
      const t = tensors(trainBatch(batch));
      return tuned.lmLoss(t.ids, t.mask, t.labels);
    };
  } else {
    const train = encodeTagged(task, cap(trainData.train as TaggedSentence[], o.maxTrain), o.tokenizer, maxLength, wordToken);
    lengths = train.map((s) => s.ids.length);
    trainBatch = (batch) => ({
      ...padBatch(batch.map((i) => train[i]!.ids), pad, batch.map((i) => train[i]!.labels)),
      examples: [...batch],
      wordPositions: batch.map((i) => Array.from(wordPositions(train[i]!))),
    });
    loss = (batch) => {
      const t = tensors(trainBatch(batch));
      return tokenClassificationLoss(head!.apply(tuned.hidden(t.ids, t.mask)), t.labels);
    };
  }
  const scoring: CellScoring = { task, net: tuned, ...(head ? { head } : {}), tokenizer: o.tokenizer, maxLength, padId: pad, batchSize, wordToken };
  const evaluate = (_lang: string, rows: PairExample[] | TaggedSentence[]): Promise<EvalResult> => scoreRows(scoring, rows);
  const dev = cap(trainData.dev, o.maxEval) as PairExample[] | TaggedSentence[];
  const key = `${run.task}-${run.method}-${run.setting}-${run.trainLanguage}-seed${run.seed}`.replace(/[^\w.-]/g, '_');
  const checkpointDir = join(o.checkpointRoot ?? `${o.resultsFile}.ckpt`, key);
  const lr = o.lr?.[run.method] ?? DEFAULT_LR[run.method];
  const noDecay = (n: string): boolean => n.endsWith('bias') || n.includes('layer_norm');
  // A fresh head learns at its own rate (fine-tuning's 1e-4 would leave it near its init); the
  // schedule scales both groups alike.
  const groups = [{ prefix: 'model.', params: tuned.trainable, optimizer: new AdamW(tuned.trainable, { lr, noDecay }), scale: 1 }];
  if (head) groups.push({ prefix: 'head.', params: head.parameters, optimizer: new AdamW(head.parameters, { lr, noDecay }), scale: (o.lr?.head ?? DEFAULT_HEAD_LR) / lr });
  const optimizer = _groupedOptimizer(groups);
  try {
    o.onTrainable?.({ run, stage: 'initial', trainable });
    const summary = await train(
      {
        trainable, lengths, loss,
        evaluate: dev.length ? async () => {
          const { score } = await evaluate(run.trainLanguage, dev);
          o.onEval?.({ run, score });
          return score;
        } : undefined,
      },
      optimizer,
      {
        steps: o.steps, batchSize, lr, seed: run.seed, checkpointDir,
        checkpointEvery: o.checkpointEvery, evalEvery: o.evalEvery ?? Math.max(1, Math.floor(o.steps / 4)),
        onStep: (info) => { onStep(info.step); o.onStep?.({ run, ...info }); },
        ...(o.onBatch ? { onBatch: (info: { step: number; batch: readonly number[] }) => o.onBatch!({ run, step: info.step, batch: trainBatch(info.batch) }) } : {}),
      },
    );
    o.onTrainable?.({ run, stage: 'final', trainable });
    // The selected parameters are in place: keep them before testing, so every row can name the folder.
    const saved = o.save === undefined ? undefined : saveGridCell(o.save, run, {
      model, prompt: tuned.prompt, head, tokenizer: o.tokenizer, modelDir: o.modelDir, maxLength, batchSize, wordToken, steps: summary.step, ...(o.maxEval !== undefined ? { maxEval: o.maxEval } : {}),
    });
    const trainSeconds = (performance.now() - started) / 1000;
    const rows: ResultRow[] = [];
    for (const lang of run.evalLanguages) {
      const evalStart = performance.now();
      // Zero-shot targets need only a test set (e.g. Bengali POS has nothing else).
      const test = lang === run.trainLanguage ? trainData.test : (await loadSplit(dataset, lang, 'test', o.data))?.rows;
      const data = test ?? (await loadTaskData(dataset, lang, o.data)).test;
      if (test === undefined) notes.push(`no ${dataset} test set for ${lang}: tested on a carved part of its dev data`);
      const testRows = cap(data, o.maxEval) as PairExample[] | TaggedSentence[];
      const result = await evaluate(lang, testRows);
      o.onTest?.({ run, language: lang, result });
      const row: ResultRow = {
        task: run.task, language: lang, method: run.method, setting: run.setting, seed: run.seed, metric: task.metric,
        score: result.score, n: result.n,
        trainable_params: [...trainable.values()].reduce((n, v) => n + v.size, 0),
        total_params: tuned.totalParams + (head ? head.variables().reduce((n, v) => n + v.size, 0) : 0),
        steps: summary.step, wall_s: Math.round((trainSeconds + (performance.now() - evalStart) / 1000) * 1000) / 1000,
        backend: o.backend ?? tf.getBackend(), model: run.model, ...(saved !== undefined ? { saved } : {}),
        baseline: taskBaseline(task, cap(trainData.train, o.maxTrain), testRows),
        ...(task.kind === 'token' ? { word_token: wordToken } : {}),
      };
      appendResult(o.resultsFile, row);
      rows.push(row);
    }
    removeCheckpoint(checkpointDir);
    // The shared `<results>.ckpt/` goes with its last run: no empty checkpoint folders are left.
    removeFolderIfEmpty(dirname(checkpointDir));
    return rows;
  } finally {
    groups.forEach((g) => g.optimizer.dispose());
    head?.dispose();
    tuned.dispose();
  }
}

// `analyze tune`: options (parsed in options.ts) → backend + tokenizer + runGrid.
export { TuneConfigSchema, parseTuneConfig, type TuneConfig };
export { describeMemoryCheck, type MemoryCheck } from './xglm/memory.js';

export interface TuneSummary extends RunGridSummary {
  backend: string;
  tokenizer: string;
  resultsFile: string;
}

/**
 * Resolve the model spec to a folder (downloading a hub model first, before any long work), start
 * the backend, load the tokenizer (given, or the one the model folder names or carries) and run the
 * grid. Results record the spec as given (`--model-name` beats it), not the cache folder.
 */
export async function tune(config: TuneConfig, onProgress?: RunGridOptions['onProgress'], onMemoryPlan?: RunGridOptions['onMemoryPlan']): Promise<TuneSummary> {
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
  const summary = await runGrid(
    gridSpec,
    {
      modelDir: model.dir, tokenizer, resultsFile: config.results, steps: config.steps, batchSize: config.batchSize,
      data: { ...(dataDir !== undefined ? { dataDir } : {}), ...(config.dataUrl !== undefined ? { baseUrl: config.dataUrl } : {}) },
      lr: { prompt: config.lrPrompt, finetune: config.lrFinetune, head: config.lrHead }, numVirtualTokens: config.virtualTokens, maxLength: config.maxLength,
      maxTrain: config.maxTrain, maxEval: config.maxEval, evalEvery: config.evalEvery, wordToken: config.wordToken, backend: backend.label, ...(config.save !== undefined ? { save: config.save } : {}),
      ...(backend.memoryLimitBytes !== undefined ? { memoryLimitBytes: backend.memoryLimitBytes } : {}), onProgress, onMemoryPlan,
    },
  );
  return { ...summary, notes: [...notes, ...summary.notes], backend: backend.label, tokenizer: spec, resultsFile: config.results };
}
