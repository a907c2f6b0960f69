/**
 * A study's wall time from measured step speed, for `--dry-run`: training tokens over the
 * prompt-tuning step speed plus evaluation tokens over the forward speed. Speeds come from the
 * bench's record in the cache (`npm run bench:tuning -- --shape xglm-564m` writes it), else from the
 * figure documented in docs/benchmarks.md. An upper bound: every sequence is counted at
 * `maxLength` (+ the soft prompt, `virtualTokens`), though length bucketing makes most batches shorter.
 */
import { availableParallelism } from 'node:os';
import { getTask } from '../tasks/registry.js';
import type { StudyConfig } from './config.js';
import type { StudyCell } from './plan.js';
import { readStepSpeeds, speedRecordFile, type StepSpeed } from '../tuning/speed-record.js';

/**
 * XGLM-564M on tfjs-wasm with OpenBLAS matmuls, one core, batch 8 × 128, tokens per CPU-second
 * (docs/benchmarks.md, "XGLM-564M shape", "With OpenBLAS matmuls"): the fallback when the cache
 * holds no measurement. Without OpenBLAS (XNNPACK matmuls) the same steps measured 9.8, 6.7 and 11.3.
 */
export const DOCUMENTED_STEP_SPEEDS: Readonly<Record<string, StepSpeed>> = {
  'xglm-564m': { backend: 'wasm+openblas', promptHeadTokensPerS: 40.6, promptLmTokensPerS: 28.4, forwardTokensPerS: 73.4, batchSize: 8, seqLen: 128, measuredAt: '2026-12-04T22:58:00Z' },
};

/** Dev evaluations per run: every `steps/4` steps before the end, and once at the end (grid default). */
export function devEvaluations(steps: number): number {
  const every = Math.max(1, Math.floor(steps / 4));
  return Math.floor((steps - 1) / every) + 1;
}

export interface StudyTimeEstimate {
  /** The speed record's shape key (e.g. `xglm-564m`). */
  shape: string;
  source: 'measured' | 'documented';
  /** The cache file a measured speed came from. */
  file?: string;
  speed: StepSpeed;
  cells: number;
  trainSeconds: number;
  evalSeconds: number;
  /** Train + eval: the time of one process running every run in turn. */
  totalSeconds: number;
  /** Worker processes the estimate spreads the runs over: the study's `budgets.workers`, else as many as useful, never more than the cores. */
  workers: number;
  /** OpenBLAS threads of each worker process: the cores shared among the workers. */
  threadsPerWorker: number;
  /** Wall time on `workers` processes: the runs, longest first, each on the first free process. */
  wallSeconds: number;
}

/** Speed-record key of a study's model: the Hugging Face name's last part, lower-cased (`facebook/xglm-564M` → `xglm-564m`). */
export function speedShapeOf(config: StudyConfig): string | undefined {
  if (config.model.type !== 'hf') return undefined;
  const name = config.model.name ?? config.model.path;
  return name.replace(/^hub:/, '').split('/').pop()!.replace(/@.*$/, '').toLowerCase();
}

/** Which speed to use: the measured record for the shape, else the documented figure, else none. */
export function studySpeed(config: StudyConfig, records: Record<string, StepSpeed> = readStepSpeeds(), file = speedRecordFile()): Pick<StudyTimeEstimate, 'shape' | 'source' | 'file' | 'speed'> | undefined {
  const shape = speedShapeOf(config);
  if (shape === undefined) return undefined;
  if (records[shape]) return { shape, source: 'measured', file, speed: records[shape]! };
  if (DOCUMENTED_STEP_SPEEDS[shape]) return { shape, source: 'documented', speed: DOCUMENTED_STEP_SPEEDS[shape]! };
  return undefined;
}


/**
 * Seconds for `cells` at `speed`: per training run (one per in-language cell; zero-shot cells of
 * one (task, method, seed) share a run) `steps × batchSize × (maxLength + virtualTokens)` training tokens,
 * and for each cell `(dev evaluations + 1 test) × maxEval × maxLength` forward tokens
 * (XNLI scores 3 candidates per example, PAWS-X 2). Only prompt-tuning cells are covered; undefined
 * when a cell is fine-tuning or a speed is missing.
 */
export function estimateStudyTime(config: StudyConfig, cells: readonly StudyCell[], chosen: Pick<StudyTimeEstimate, 'shape' | 'source' | 'file' | 'speed'>, cores: number = availableParallelism()): StudyTimeEstimate | undefined {
  const b = config.budgets;
  const { speed } = chosen;
  if (cells.some((c) => c.method !== 'prompt') || speed.forwardTokensPerS === undefined) return undefined;
  const trainTokensPerRun = b.steps * b.batchSize * (b.maxLength + b.virtualTokens);
  const evalExamples = b.maxEval ?? 1000;
  let trainSeconds = 0;
  let evalSeconds = 0;
  const runs = new Map<string, number>();
  for (const c of cells) {
    const task = getTask(c.task);
    const lm = task.kind === 'pair';
    // Pair tasks score every verbalised label (XNLI 3, PAWS-X 2); token tasks one forward.
    const candidates = task.kind === 'pair' ? task.labels.length : 1;
    const stepSpeed = lm ? speed.promptLmTokensPerS : speed.promptHeadTokensPerS;
    if (stepSpeed === undefined) return undefined;
    const run = c.setting === 'zero-shot' ? `${c.task}/${c.method}/${c.seed}/zero-shot` : `${c.task}/${c.language}/${c.method}/${c.seed}`;
    const test = (evalExamples * (b.maxLength + b.virtualTokens) * candidates) / speed.forwardTokensPerS;
    if (!runs.has(run)) {
      const train = trainTokensPerRun / stepSpeed;
      const dev = (devEvaluations(b.steps) * evalExamples * (b.maxLength + b.virtualTokens) * candidates) / speed.forwardTokensPerS;
      runs.set(run, train + dev);
      trainSeconds += train;
      evalSeconds += dev;
    }
    runs.set(run, runs.get(run)! + test);
    evalSeconds += test;
  }
  // Each worker is one wasm process; processes beyond the cores only share them. The workers split
  // the cores between their OpenBLAS threads (src/tuning/backend/blas.ts), and a step's time is
  // taken to scale inversely with its threads (2 threads measured 1.9× one at the 564M shape).
  const workers = Math.max(1, Math.min(b.workers ?? cores, cores, runs.size));
  const threadsPerWorker = Math.max(1, Math.floor(cores / workers));
  const scale = (speed.threads ?? 1) / threadsPerWorker;
  const seconds = [...runs.values()].map((s) => s * scale);
  return {
    ...chosen, cells: cells.length, trainSeconds: trainSeconds * scale, evalSeconds: evalSeconds * scale,
    totalSeconds: (trainSeconds + evalSeconds) * scale, workers, threadsPerWorker, wallSeconds: makespan(seconds, workers),
  };
}

/** Longest run first, each on the process that frees up first (the pool takes runs in plan order; this is its usual bound). */
export function makespan(seconds: readonly number[], workers: number): number {
  const free = new Array<number>(Math.max(1, workers)).fill(0);
  for (const s of [...seconds].sort((a, b) => b - a)) {
    const i = free.indexOf(Math.min(...free));
    free[i]! += s;
  }
  return Math.max(...free);
}

/** `12.3 h (train 9.1 h at 8.0 tokens/s, eval 3.2 h at 30.0 tokens/s; speed measured … )`. */
export function describeStudyTime(e: StudyTimeEstimate): string {
  const h = (s: number): string => (s >= 3600 ? `${(s / 3600).toFixed(1)} h` : `${(s / 60).toFixed(0)} min`);
  const from = e.source === 'measured'
    ? `measured by npm run bench:tuning on ${e.speed.backend} at ${e.speed.measuredAt} (${e.file})`
    : `the documented figure for ${e.shape} on ${e.speed.backend} (docs/benchmarks.md); run npm run bench:tuning -- --shape ${e.shape} to measure this machine`;
  return `estimated wall time: ${h(e.wallSeconds)} for ${e.cells} cells on ${e.workers} worker process(es), ${e.threadsPerWorker} OpenBLAS thread(s) each (${h(e.totalSeconds)} of one process's time: train ${h(e.trainSeconds)} at ${e.speed.promptHeadTokensPerS.toFixed(1)} tokens/s for head tasks, eval ${h(e.evalSeconds)} at ${e.speed.forwardTokensPerS!.toFixed(1)} tokens/s; every sequence counted at full length, an upper bound); speed: ${from}`;
}
