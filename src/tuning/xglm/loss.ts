import * as tf from '@tensorflow/tfjs';

/**
 * Mean cross-entropy of `logits` `[N, V]` against `targets` `[N]` (int32, `-100` ignored), as
 * torch's `cross_entropy(ignore_index=-100)`. Written with its closed-form gradient
 * `(softmax − onehot) · w`: tfjs's own chain through `logSumExp` runs a broadcast `Equal` over the
 * whole `[N, V]` block (the max's gradient), which took seconds per step on wasm.
 * The forward takes the log-sum-exp from one native softmax: `lse = max(x) − log(max(p))`. The
 * row's largest probability is at least 1/V, so its log never underflows (the target's could), and
 * the same `p` serves the gradient. On wasm that is ~4× cheaper than `logSumExp` (whose `Exp` is a
 * scalar loop) followed by a second softmax in the backward pass.
 */
export function crossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  const v = logits.shape[1];
  const t = tf.cast(targets, 'int32');
  const validMask = tf.notEqual(t, -100);
  const safe = tf.where(validMask, t, tf.zerosLike(t));
  const valid = tf.cast(validMask, 'float32');
  const weights = tf.div(valid, tf.maximum(tf.sum(valid), 1)) as tf.Tensor1D; // 1/count on valid rows
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    // Targets and weights come in as inputs (zero gradient) so they live as long as the tape.
    const [x, tgt, wts, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const p = tf.softmax(x); // [N, V]
    const lse = tf.sub(tf.max(x, -1), tf.log(tf.max(p, -1))); // [N]
    const picked = tf.gather(tf.reshape(x, [-1]), tf.add(tf.mul(tf.range(0, x.shape[0], 1, 'int32'), tf.scalar(v, 'int32')), tgt));
    const value = tf.sum(tf.mul(tf.sub(lse, picked), wts)) as tf.Scalar;
    save([p, tgt, wts]);
    return {
      value,
      gradFunc: (dy: tf.Scalar, saved: tf.Tensor[]) => {
        const [sp, st, sw] = saved;
        // int32 one-hot then cast: float32 oneHot returns garbage on wasm (tfjs 4.22).
        const onehot = tf.cast(tf.oneHot(st as tf.Tensor1D, v, 1, 0, 'int32'), 'float32');
        const w = tf.reshape(tf.mul(sw, dy), [-1, 1]);
        return [tf.mul(tf.sub(sp, onehot), w), tf.zerosLike(st), tf.zerosLike(sw)];
      },
    };
  });
  return f(logits, safe, weights) as tf.Scalar;
}
