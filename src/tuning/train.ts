import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bucketedBatches } from '../datasets/batches.js';
import { Rng } from '../util/rng.js';
import { BadInputError, InvalidOptionError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { toFloat32, toInt32 } from './checkpoint/dtypes.js';
import { openSafetensors } from './safetensors/read.js';
import type { SafeTensor } from './safetensors/types.js';
import { saveSafetensors, type LazyTensorToWrite } from './safetensors/write.js';
import { linearLr } from './schedule.js';

/**
 * What the loop optimises: named trainable variables, a loss over a batch of example indices, and
 * (optionally) a dev score for model selection (higher is better).
 */
export interface TrainProblem {
  /** Name → variable; the names key checkpoints, so keep them stable across runs. */
  trainable: Map<string, tf.Variable>;
  /** Token length of each training example, for length bucketing. */
  lengths: readonly number[];
  /** Mean loss of one batch; called inside `tf.variableGrads`. */
  loss(batch: readonly number[]): tf.Scalar;
  /** Dev-set score for keeping the best parameters. */
  evaluate?(): Promise<number> | number;
}

/** The optimiser contract the loop needs (AdamW from `optim.ts` is adapted to it). */
export interface TrainOptimizer {
  /** Apply one update to `vars` given `grads` (same order) at learning rate `lr`. */
  step(vars: readonly tf.Variable[], grads: readonly tf.Tensor[], lr: number): void;
  /** Every state tensor (moments, counters) by a stable name, for checkpoints. */
  getState(): Map<string, tf.Tensor>;
  /** Restore what `getState` returned. */
  setState(state: Map<string, tf.Tensor>): void;
  /**
   * Restore state from a lookup that reads each tensor (as `getState` named it) when asked, so a
   * resume holds one tensor at a time; `setState` is used when an optimiser lacks it.
   */
  setStateFrom?(read: (name: string) => SafeTensor | undefined, file?: string): void;
}

export interface TrainOptions {
  /** Total optimiser steps of the run. */
  steps: number;
  batchSize: number;
  lr: number;
  /** Linear warmup steps (default 10 % of `steps`), then linear decay to 0. */
  warmupSteps?: number;
  /** Clip the global gradient norm to this (default 1; 0 turns it off). */
  maxGradNorm?: number;
  /** Seeds the data order. */
  seed: number;
  /** Where checkpoints go; without it the run cannot resume. */
  checkpointDir?: string;
  /** Save every this many steps (default 50) and at the end. */
  checkpointEvery?: number;
  /** Evaluate on dev every this many steps (default: only at the end). */
  evalEvery?: number;
  /** Stop (as if killed) after this step, leaving the checkpoint; for tests and time-boxed runs. */
  stopAtStep?: number;
  /** Called after each step. */
  onStep?: (info: { step: number; loss: number; lr: number }) => void;
  /** Called before each step with the example indices it trains on (`step` counts from 1, as in `onStep`). */
  onBatch?: (info: { step: number; batch: readonly number[] }) => void;
}

export interface TrainSummary {
  /** Steps done in total, including those before a resume. */
  step: number;
  /** Loss of every step so far, index = step − 1 (restored on resume). */
  losses: number[];
  /** Best dev score seen and the step that gave it (`-Infinity`, 0 without `evaluate`). */
  bestScore: number;
  bestStep: number;
  /** True when the run started from a checkpoint. */
  resumed: boolean;
  /** False when `stopAtStep` cut it short. */
  finished: boolean;
}

/** Everything but tensors that a checkpoint must hold to continue exactly where it stopped. */
interface CheckpointState {
  version: 1;
  step: number;
  epoch: number;
  /** Batches of the current epoch already used. */
  cursor: number;
  /** Rng state at the start of the current epoch (its batch order is rebuilt from it). */
  epochRngState: number;
  losses: number[];
  bestScore: number | null;
  bestStep: number;
  /** The safetensors file beside this JSON that holds the tensors. */
  tensors: string;
  /** Options that must not change across a resume. */
  seed: number;
  steps: number;
  batchSize: number;
}

const STATE_FILE = 'checkpoint.json';

/**
 * Run `options.steps` AdamW steps with warmup + linear decay, global-norm clipping, length-bucketed
 * seeded batches and dev evaluation (best parameters are restored at the end). With a
 * `checkpointDir` it saves params + optimiser state + step + rng state every N steps (atomically:
 * tensors first, then the small JSON that points at them), and a later call with the same options
 * continues from the last checkpoint and reproduces the uninterrupted run.
 */
export async function train(problem: TrainProblem, optimizer: TrainOptimizer, options: TrainOptions): Promise<TrainSummary> {
  _checkOptions(options, problem);
  const names = [...problem.trainable.keys()];
  const vars = names.map((n) => problem.trainable.get(n)!);
  const warmupSteps = options.warmupSteps ?? Math.floor(options.steps * 0.1);
  const maxNorm = options.maxGradNorm ?? 1;
  const every = options.checkpointEvery ?? 50;

  let step = 0;
  let epoch = 0;
  let cursor = 0;
  let epochRng = new Rng(options.seed);
  let losses: number[] = [];
  let bestScore = Number.NEGATIVE_INFINITY;
  let bestStep = 0;
  let best: Map<string, tf.Tensor> | undefined;
  let resumed = false;

  if (options.checkpointDir !== undefined) {
    const restored = loadTrainingCheckpoint(options.checkpointDir, options, problem.trainable, optimizer);
    if (restored) {
      ({ step, epoch, cursor, losses } = restored.state);
      epochRng = Rng.fromState(restored.state.epochRngState);
      bestScore = restored.state.bestScore ?? Number.NEGATIVE_INFINITY;
      bestStep = restored.state.bestStep;
      best = restored.best;
      resumed = true;
    }
  }

  // Rebuild the current epoch's batch order from the rng state it started with.
  let epochStartState = epochRng.state;
  let batches = bucketedBatches(problem.lengths, options.batchSize, epochRng);
  const save = (): void => {
    if (options.checkpointDir === undefined) return;
    _saveCheckpoint(options.checkpointDir, {
      version: 1, step, epoch, cursor, epochRngState: epochStartState, losses,
      bestScore: Number.isFinite(bestScore) ? bestScore : null, bestStep, tensors: '', seed: options.seed,
      steps: options.steps, batchSize: options.batchSize,
    }, problem.trainable, optimizer, best);
  };
  const evaluate = async (): Promise<void> => {
    if (!problem.evaluate) return;
    const score = await problem.evaluate();
    if (score > bestScore) {
      bestScore = score;
      bestStep = step;
      best?.forEach((t) => t.dispose());
      best = new Map(names.map((n) => [n, tf.keep(problem.trainable.get(n)!.clone())]));
    }
  };

  try {
    while (step < options.steps) {
      if (options.stopAtStep !== undefined && step >= options.stopAtStep) {
        save();
        return { step, losses, bestScore, bestStep, resumed, finished: false };
      }
      if (cursor >= batches.length) {
        epoch++;
        cursor = 0;
        epochStartState = epochRng.state;
        batches = bucketedBatches(problem.lengths, options.batchSize, epochRng);
      }
      const batch = batches[cursor]!;
      options.onBatch?.({ step: step + 1, batch });
      const lr = linearLr(step, { baseLr: options.lr, warmupSteps, totalSteps: options.steps });
      const lossValue = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => problem.loss(batch), vars);
        const list = vars.map((v) => grads[v.name] ?? tf.zerosLike(v));
        const clipped = maxNorm > 0 ? clipByGlobalNormOnDevice(list, maxNorm) : list;
        optimizer.step(vars, clipped, lr);
        return value.dataSync()[0]!;
      });
      step++;
      cursor++;
      losses.push(lossValue);
      options.onStep?.({ step, loss: lossValue, lr });
      // Let the event loop run between steps: without it a signal (Ctrl-C) or a grid worker's
      // progress message waits until the whole run is done.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (options.evalEvery !== undefined && step % options.evalEvery === 0 && step < options.steps) await evaluate();
      if (step % every === 0 && step < options.steps) save();
    }
    await evaluate();
    save();
    if (best && bestStep !== step) {
      // Keep the best parameters, as model selection on dev asks.
      for (const n of names) problem.trainable.get(n)!.assign(best.get(n)!);
    }
    return { step, losses, bestScore, bestStep, resumed, finished: true };
  } finally {
    // Also on a stop or an error (a killed run): the kept best parameters are ours to free.
    best?.forEach((t) => t.dispose());
  }
}

/**
 * PyTorch's `clip_grad_norm_`: scale all gradients by maxNorm / (total norm + 1e-6) when that is < 1.
 * Stays on the device (no read-back of the norm), unlike optim's `clipByGlobalNorm`, which reports it.
 */
export function clipByGlobalNormOnDevice(grads: readonly tf.Tensor[], maxNorm: number): tf.Tensor[] {
  const total = tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g)))));
  const coef = tf.minimum(tf.div(maxNorm, tf.add(total, 1e-6)), 1);
  return grads.map((g) => tf.mul(g, coef));
}

/** Delete a run's checkpoint (after its results are written). */
export function removeCheckpoint(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

function _checkOptions(o: TrainOptions, p: TrainProblem): void {
  const positive = (v: number, field: string): void => {
    if (!Number.isFinite(v) || v <= 0) throw new InvalidOptionError(`${field} must be positive, got ${v}`, { field, expected: 'a positive number' });
  };
  positive(o.steps, 'steps');
  positive(o.batchSize, 'batchSize');
  positive(o.lr, 'lr');
  if (p.lengths.length === 0) throw new InvalidOptionError('no training examples', { field: 'train', expected: 'at least one example' });
  if (p.trainable.size === 0) throw new InvalidOptionError('nothing to train', { field: 'trainable', expected: 'at least one variable' });
}

function _saveCheckpoint(
  dir: string,
  state: CheckpointState,
  params: Map<string, tf.Variable>,
  optimizer: TrainOptimizer,
  best: Map<string, tf.Tensor> | undefined,
): void {
  // Lazy: each tensor's values are taken from tfjs only when the writer reaches it (no second copy).
  const tensors = new Map<string, LazyTensorToWrite>();
  const put = (name: string, t: tf.Tensor): void => {
    const kind = t.dtype === 'int32' ? 'int32' : 'float32';
    tensors.set(name, { shape: t.shape.length === 0 ? [] : [...t.shape], kind, data: () => t.dataSync() as Float32Array | Int32Array });
  };
  for (const [n, v] of params) put(`param/${n}`, v);
  for (const [n, t] of optimizer.getState()) put(`optim/${n}`, t);
  for (const [n, t] of best ?? []) put(`best/${n}`, t);
  const file = `state-${state.step}.safetensors`;
  const previous = _readState(dir);
  saveSafetensors(join(dir, file), tensors, { format: 'tokgap-checkpoint' });
  // The JSON is the commit point: until it is renamed in place, the old checkpoint stays valid.
  writeFileAtomic(join(dir, STATE_FILE), `${JSON.stringify({ ...state, tensors: file })}\n`);
  if (previous && previous.tensors !== file) rmSync(join(dir, previous.tensors), { force: true });
}

function _readState(dir: string): CheckpointState | undefined {
  const file = join(dir, STATE_FILE);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as CheckpointState;
  } catch (cause) {
    throw new BadInputError('checkpoint state is not valid JSON', { file, cause });
  }
}

/** Restore a checkpoint into `params` and `optimizer` (the resume path of `train`; exported for bench/ft-checkpoint-564m.ts). */
export function loadTrainingCheckpoint(
  dir: string,
  options: TrainOptions,
  params: Map<string, tf.Variable>,
  optimizer: TrainOptimizer,
): { state: CheckpointState; best?: Map<string, tf.Tensor> } | undefined {
  const state = _readState(dir);
  if (!state) return undefined;
  const file = join(dir, STATE_FILE);
  for (const key of ['seed', 'steps', 'batchSize'] as const) {
    if (state[key] !== options[key]) {
      throw new InvalidOptionError(`checkpoint was made with ${key} ${state[key]}, this run asks for ${options[key]}`, {
        file, field: key, expected: `the same ${key}, or a fresh checkpoint directory`,
      });
    }
  }
  // Tensor by tensor from disk: a full fine-tuning checkpoint (weights + AdamW moments) is several GB.
  const tensorFile = join(dir, state.tensors);
  const reader = openSafetensors(tensorFile);
  const best = new Map<string, tf.Tensor>();
  try {
    const read = (name: string): SafeTensor | undefined => {
      if (reader.info(name) === undefined) return undefined;
      const t = reader.read(name);
      return { dtype: t.dtype, shape: t.shape, data: t.dtype === 'I32' || t.dtype === 'I64' ? toInt32(t, name, tensorFile) : toFloat32(t, name, tensorFile) };
    };
    const toTensor = (name: string): tf.Tensor => {
      const t = read(name)!;
      return tf.tensor(t.data, t.shape, t.data instanceof Int32Array ? 'int32' : 'float32');
    };
    for (const [n, v] of params) {
      if (reader.info(`param/${n}`) === undefined) throw new BadInputError(`checkpoint lacks parameter ${n}`, { file: tensorFile, field: n });
      const t = toTensor(`param/${n}`);
      v.assign(t);
      t.dispose();
    }
    if (optimizer.setStateFrom) {
      optimizer.setStateFrom((name) => read(`optim/${name}`), tensorFile);
    } else {
      const optimState = new Map<string, tf.Tensor>();
      for (const name of reader.names()) if (name.startsWith('optim/')) optimState.set(name.slice(6), toTensor(name));
      try {
        optimizer.setState(optimState);
      } finally {
        optimState.forEach((t) => t.dispose());
      }
    }
    for (const name of reader.names()) if (name.startsWith('best/')) best.set(name.slice(5), tf.keep(toTensor(name)));
  } catch (error) {
    best.forEach((t) => t.dispose());
    throw error;
  } finally {
    reader.close();
  }
  return best.size ? { state, best } : { state };
}
