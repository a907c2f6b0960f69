/** Step 4 of a grid run: the training examples encoded once, and the task's loss on a batch of them. */
import type * as tf from '@tensorflow/tfjs';
import type { PairExample, TaggedSentence } from '../../datasets/types.js';
import { encodePairs, encodeTagged, padBatch } from '../../tasks/encode.js';
import { wordPositions, type WordToken } from '../../tasks/token-align.js';
import type { Task } from '../../tasks/types.js';
import type { Tokenizer } from '../../tokenizers/types.js';
import { batchTensors } from '../cell-eval.js';
import type { TrainBatch } from '../grid.js';
import { tokenClassificationLoss, type LinearHead } from '../heads/linear-head.js';
import type { TaskRows } from './data.js';
import type { TunedNetwork } from './network.js';

export interface TrainLoss {
  /** Token length of each training example (for length-bucketed batches). */
  lengths: number[];
  /** The padded batch of training-set indices, as the loss sees it. */
  trainBatch(batch: readonly number[]): TrainBatch;
  loss(batch: readonly number[]): tf.Scalar;
}

export interface TrainLossInput {
  task: Task;
  train: TaskRows;
  tokenizer: Tokenizer;
  maxLength: number;
  padId: number;
  net: TunedNetwork;
  /** Token tasks only. */
  head?: LinearHead;
  wordToken: WordToken;
}

/**
 * Pair tasks train the LM on the gold verbalisation (causal-LM loss); token tasks train the head
 * (and the method) on each word's representing sub-token. Written once for both methods.
 */
export function buildTrainLoss(i: TrainLossInput): TrainLoss {
  const { task, tokenizer, maxLength, padId, net } = i;
  if (task.kind === 'pair') {
    const train = encodePairs(task, i.train as PairExample[], tokenizer, maxLength).map((e) => e.candidates[e.gold]!);
    const trainBatch = (batch: readonly number[]): TrainBatch => ({ ...padBatch(batch.map((k) => train[k]!), padId), examples: [...batch] });
    return {
      lengths: train.map((s) => s.length),
      trainBatch,
      loss: (batch) => {
        const t = batchTensors(trainBatch(batch));
        return net.lmLoss(t.ids, t.mask, t.labels);
      },
    };
  }
  const head = i.head;
  if (head === undefined) throw new Error(`${task.name} needs a token-classification head`);
  const train = encodeTagged(task, i.train as TaggedSentence[], tokenizer, maxLength, i.wordToken);
  const trainBatch = (batch: readonly number[]): TrainBatch => ({
    ...padBatch(batch.map((k) => train[k]!.ids), padId, batch.map((k) => train[k]!.labels)),
    examples: [...batch],
    wordPositions: batch.map((k) => Array.from(wordPositions(train[k]!))),
  });
  return {
    lengths: train.map((s) => s.ids.length),
    trainBatch,
    loss: (batch) => {
      const t = batchTensors(trainBatch(batch));
      return tokenClassificationLoss(head.apply(net.hidden(t.ids, t.mask)), t.labels);
    },
  };
}
