import * as tf from '@tensorflow/tfjs';

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
