/**
 * One grid run, as named steps: load data → build model + method → loss → train (resumable) →
 * save → one results row per test language. `runGrid` calls it once per `GridRun`.
 */
import * as tf from '@tensorflow/tfjs';
import { dirname, join } from 'node:path';
import type { DatasetTask } from '../../datasets/catalog.js';
import { InvalidOptionError } from '../../errors.js';
import type { Task } from '../../tasks/types.js';
import { removeFolderIfEmpty } from '../../util/output-location.js';
import { scoreRows, type CellScoring } from '../cell-eval.js';
import type { GridRun, RunGridOptions } from '../grid.js';
import { LinearHead } from '../heads/linear-head.js';
import { getTuningMethod } from '../methods/registry.js';
import { appendResult } from '../results-io.js';
import type { ResultRow } from '../results.js';
import { saveGridCell } from '../saved-cell.js';
import { evalEveryOf, withTrainingDefaults } from '../training-config.js';
import { removeCheckpoint, train } from '../train.js';
import { XglmModel } from '../xglm/model.js';
import { loadRunData, loadTestRows, type TaskRows } from './data.js';
import { buildTrainLoss } from './loss.js';
import { buildTunedNetwork, sequenceCap } from './network.js';
import { buildRunOptimizer } from './optimizer.js';
import { resultRowOf } from './rows.js';

/** The model folder's weights, refused when the tokenizer has ids the model lacks. Checkpoint tensors the model does not use are a note, as transformers warns of them. */
function _loadBaseModel(o: RunGridOptions, notes: string[]): XglmModel {
  const model = XglmModel.fromPretrained(o.modelDir, { onWarning: (w) => { if (!notes.includes(w)) notes.push(w); } });
  if (o.tokenizer.vocabSize > model.config.vocab_size) {
    model.dispose();
    throw new InvalidOptionError(`tokenizer ${o.tokenizer.name} has ${o.tokenizer.vocabSize} ids but the model only ${model.config.vocab_size}`, {
      file: o.modelDir, field: 'tokenizer', expected: 'the tokenizer the model was trained with',
    });
  }
  return model;
}

/** Where the run's resumable checkpoints go: one folder per run under `<results>.ckpt/`. */
export function runCheckpointDir(run: GridRun, o: Pick<RunGridOptions, 'checkpointRoot' | 'resultsFile'>): string {
  const key = `${run.task}-${run.method}-${run.setting}-${run.trainLanguage}-seed${run.seed}`.replace(/[^\w.-]/g, '_');
  return join(o.checkpointRoot ?? `${o.resultsFile}.ckpt`, key);
}

/** Train one run, save it when asked, test it on each of its languages and append one row each. */
export async function runGridRun(
  task: Task,
  run: GridRun,
  o: RunGridOptions & { recomputeLayers?: boolean },
  notes: string[],
  onStep: (step: number) => void,
): Promise<ResultRow[]> {
  const started = performance.now();
  const training = withTrainingDefaults(o);
  const dataset = task.name as DatasetTask;
  // 1. Data.
  const data = await loadRunData(dataset, run.trainLanguage, o.data, training, notes);
  // 2. Model + method (+ the POS/NER head).
  const model = _loadBaseModel(o, notes);
  const maxLength = sequenceCap(training, model.config, run.method);
  const net = buildTunedNetwork(run.method, model, training, run.seed, o.recomputeLayers ?? false);
  const head = task.kind === 'token' ? new LinearHead({ hiddenSize: model.config.d_model, numLabels: task.labels.length, labels: [...task.labels] }, run.seed) : undefined;
  const trainable = new Map([...net.trainable, ...(head ? [...head.parameters].map(([n, v]) => [`head.${n}`, v] as const) : [])]);
  const padId = model.config.pad_token_id;
  const { batchSize, wordToken } = training;
  // 3. Optimiser, 4. loss.
  const lr = getTuningMethod(run.method).learningRate(training);
  const optimizer = buildRunOptimizer(net.trainable, head?.parameters, lr, training.lrHead);
  const objective = buildTrainLoss({ task, train: data.train, tokenizer: o.tokenizer, maxLength, padId, net, ...(head ? { head } : {}), wordToken });
  const scoring: CellScoring = { task, net, ...(head ? { head } : {}), tokenizer: o.tokenizer, maxLength, padId, batchSize, wordToken };
  const checkpointDir = runCheckpointDir(run, o);
  try {
    // 5. Train, selecting on dev.
    o.onTrainable?.({ run, stage: 'initial', trainable });
    const summary = await train(
      {
        trainable, lengths: objective.lengths, loss: objective.loss,
        evaluate: data.dev.length ? async () => {
          const { score } = await scoreRows(scoring, data.dev);
          o.onEval?.({ run, score });
          return score;
        } : undefined,
      },
      optimizer.optimizer,
      {
        steps: training.steps, batchSize, lr, seed: run.seed, checkpointDir,
        checkpointEvery: o.checkpointEvery, evalEvery: evalEveryOf(training),
        onStep: (info) => { onStep(info.step); o.onStep?.({ run, ...info }); },
        ...(o.onBatch ? { onBatch: (info: { step: number; batch: readonly number[] }) => o.onBatch!({ run, step: info.step, batch: objective.trainBatch(info.batch) }) } : {}),
      },
    );
    o.onTrainable?.({ run, stage: 'final', trainable });
    // 6. Save: the selected parameters are in place; kept before testing, so every row can name the folder.
    const saved = o.save === undefined ? undefined : saveGridCell(o.save, run, {
      model, tuned: net.tuned, head, tokenizer: o.tokenizer, modelDir: o.modelDir, maxLength, batchSize, wordToken, steps: summary.step,
      ...(training.maxEval !== undefined ? { maxEval: training.maxEval } : {}),
    });
    // 7. Test rows.
    const trainSeconds = (performance.now() - started) / 1000;
    const rows: ResultRow[] = [];
    for (const language of run.evalLanguages) {
      const evalStart = performance.now();
      const test: TaskRows = await loadTestRows(dataset, language, run.trainLanguage, data, o.data, training.maxEval, notes);
      const result = await scoreRows(scoring, test);
      o.onTest?.({ run, language, result });
      const row = resultRowOf({
        task, run, language, result, net, ...(head ? { head } : {}), steps: summary.step,
        wallSeconds: trainSeconds + (performance.now() - evalStart) / 1000, backend: o.backend ?? tf.getBackend(),
        ...(saved !== undefined ? { saved } : {}), train: data.train, test, wordToken, freezeEmbeddings: training.freezeEmbeddings,
      });
      appendResult(o.resultsFile, row);
      rows.push(row);
    }
    removeCheckpoint(checkpointDir);
    // The shared `<results>.ckpt/` goes with its last run: no empty checkpoint folders are left.
    removeFolderIfEmpty(dirname(checkpointDir));
    return rows;
  } finally {
    optimizer.dispose();
    head?.dispose();
    net.dispose();
  }
}
