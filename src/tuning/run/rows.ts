/** Step 6 of a grid run: one results row per test language. */
import type { EvalResult } from '../../tasks/evaluate.js';
import { taskBaseline } from '../../tasks/baseline.js';
import type { WordToken } from '../../tasks/token-align.js';
import type { Task } from '../../tasks/types.js';
import type { GridRun } from '../grid.js';
import type { LinearHead } from '../heads/linear-head.js';
import type { ResultRow } from '../results.js';
import type { TaskRows } from './data.js';
import type { TunedNetwork } from './network.js';

export interface RowInput {
  task: Task;
  run: GridRun;
  language: string;
  result: EvalResult;
  net: TunedNetwork;
  head?: LinearHead;
  /** Steps the run took (fewer than asked when resumed past the end). */
  steps: number;
  wallSeconds: number;
  backend: string;
  saved?: string;
  /** The run's training rows and this language's test rows, for the trivial baseline. */
  train: TaskRows;
  test: TaskRows;
  wordToken: WordToken;
  freezeEmbeddings: boolean;
}

export function resultRowOf(i: RowInput): ResultRow {
  const { task, run, head } = i;
  const size = (vars: Iterable<{ size: number }>): number => [...vars].reduce((n, v) => n + v.size, 0);
  return {
    task: run.task, language: i.language, method: run.method, setting: run.setting, seed: run.seed, metric: task.metric,
    score: i.result.score, n: i.result.n,
    trainable_params: size(i.net.trainable.values()) + (head ? size(head.parameters.values()) : 0),
    total_params: i.net.totalParams + (head ? size(head.variables()) : 0),
    steps: i.steps, wall_s: Math.round(i.wallSeconds * 1000) / 1000,
    backend: i.backend, model: run.model, ...(i.saved !== undefined ? { saved: i.saved } : {}),
    baseline: taskBaseline(task, i.train, i.test),
    ...(task.kind === 'token' ? { word_token: i.wordToken } : {}),
    ...(run.method === 'finetune' && i.freezeEmbeddings ? { freeze_embeddings: true } : {}),
  };
}
