import * as tf from '@tensorflow/tfjs';
import type { PairExample, TaggedSentence } from '../datasets/types.js';
import { encodePairs, encodeTagged, padBatch, type PaddedBatch } from '../tasks/encode.js';
import { evaluatePairs, evaluateTagged, type EvalResult } from '../tasks/evaluate.js';
import { sequenceLogProbsFromHidden } from './lm-score.js';
import type { AlignedSentence, WordToken } from '../tasks/token-align.js';
import type { Task } from '../tasks/types.js';
import type { Tokenizer } from '../tokenizers/types.js';
import type { LinearHead } from './heads/linear-head.js';

/** What scoring needs of a tuned network: outputs at the real positions (any soft prompt dropped). */
export interface ScoredNetwork {
  /** `[B, T, d]` last hidden state. */
  hidden(ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor3D;
  /** The `[vocab, d]` output matrix: verbalisations are scored in vocabulary chunks, never as `[B, T, V]` logits. */
  lmHeadWeight(): tf.Tensor2D;
}

export interface CellScoring {
  task: Task;
  net: ScoredNetwork;
  /** The POS/NER head (token tasks only). */
  head?: LinearHead;
  tokenizer: Tokenizer;
  maxLength: number;
  padId: number;
  batchSize: number;
  /** Token tasks: the sub-token that represents each word (default first). */
  wordToken?: WordToken;
}

export const batchTensors = (b: PaddedBatch) => ({
  ids: tf.tensor2d(b.ids, undefined, 'int32'),
  mask: tf.tensor2d(b.mask, undefined, 'int32'),
  labels: tf.tensor2d(b.labels, undefined, 'int32'),
});

/**
 * Score rows of a task with a tuned network, the one way the grid and a reloaded saved cell both
 * do it: pair tasks by the most likely verbalisation, token tasks by the head's argmax at each
 * word's representing sub-token.
 */
export function scoreRows(c: CellScoring, rows: readonly PairExample[] | readonly TaggedSentence[]): Promise<EvalResult> {
  const { task, net, tokenizer, maxLength, padId, batchSize } = c;
  if (task.kind === 'pair') {
    const logProbs = (seqs: Int32Array[]): number[] => tf.tidy(() => {
      const t = batchTensors(padBatch(seqs, padId));
      return Array.from(sequenceLogProbsFromHidden(net.hidden(t.ids, t.mask), net.lmHeadWeight(), t.ids, t.mask).dataSync());
    });
    return evaluatePairs(task, encodePairs(task, rows as PairExample[], tokenizer, maxLength), logProbs, batchSize);
  }
  const head = c.head;
  if (head === undefined) throw new Error(`${task.name} needs a token-classification head`);
  const predict = (batch: AlignedSentence[]): number[][] => tf.tidy(() => {
    const t = batchTensors(padBatch(batch.map((a) => a.ids), padId));
    return tf.argMax(head.apply(net.hidden(t.ids, t.mask)), -1).arraySync() as number[][];
  });
  return evaluateTagged(task, rows as TaggedSentence[], encodeTagged(task, rows as TaggedSentence[], tokenizer, maxLength, c.wordToken), predict, batchSize);
}
