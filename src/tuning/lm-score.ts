import * as tf from '@tensorflow/tfjs';
import { chunkedTargetLogProbs, type LmHeadOptions } from './xglm/lm-head.js';

/**
 * Sum of log p(token_t | tokens_<t) over each sequence's real tokens, from causal-LM logits.
 * `logits` is [B, T, V] aligned with `ids` (drop any virtual-prompt positions first); `mask` is 1 for
 * real tokens and 0 for padding. The first token has no prediction and is not counted.
 */
export function sequenceLogProbs(logits: tf.Tensor3D, ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const [b, t, v] = logits.shape;
    const pred = logits.slice([0, 0, 0], [b, t - 1, v]).reshape([b * (t - 1), v]);
    const logp = tf.logSoftmax(pred);
    const next = ids.slice([0, 1], [b, t - 1]).reshape([b * (t - 1)]).toInt();
    // A flat 1-D gather (row * V + id): batched gather crashes the wasm backend (tfjs 4.22).
    const at = tf.add(tf.mul(tf.range(0, b * (t - 1), 1, 'int32'), tf.scalar(v, 'int32')), next);
    const picked = tf.gather(logp.reshape([-1]), at).reshape([b, t - 1]);
    const m = mask.slice([0, 1], [b, t - 1]).toFloat();
    return picked.mul(m).sum(1) as tf.Tensor1D;
  });
}

/**
 * `sequenceLogProbs(h @ table^T, ids, mask)` without the `[B, T, V]` logits: the LM head runs only
 * at the positions that predict a real token, in vocabulary chunks. `hidden` is `[B, T, d]` (the
 * last hidden state at the real positions), `table` the `[V, d]` output matrix.
 */
export function sequenceLogProbsFromHidden(hidden: tf.Tensor3D, table: tf.Tensor2D, ids: tf.Tensor2D, mask: tf.Tensor2D, options: LmHeadOptions = {}): tf.Tensor1D {
  const [b, t, d] = hidden.shape;
  const idv = ids.dataSync();
  const mv = mask.dataSync();
  const rows: number[] = [];
  const targets: number[] = [];
  const owner: number[] = [];
  for (let i = 0; i < b; i++) {
    for (let j = 0; j + 1 < t; j++) {
      if (mv[i * t + j + 1] === 0) continue;
      rows.push(i * t + j);
      targets.push(idv[i * t + j + 1]!);
      owner.push(i);
    }
  }
  const sums = new Array<number>(b).fill(0);
  if (rows.length > 0) {
    const logp = tf.tidy(() => {
      const h = tf.gather(tf.reshape(hidden, [b * t, d]), tf.tensor1d(rows, 'int32')) as tf.Tensor2D;
      return chunkedTargetLogProbs(h, table, tf.tensor1d(targets, 'int32'), options);
    });
    const values = logp.dataSync();
    logp.dispose();
    owner.forEach((seq, k) => (sums[seq]! += values[k]!));
  }
  return tf.tensor1d(sums);
}
