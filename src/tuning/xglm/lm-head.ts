import * as tf from '@tensorflow/tfjs';

/**
 * The LM head without its `[N, vocab]` logits: log-sum-exp over the (tied) output matrix in chunks
 * of rows, so a 256k vocabulary needs `N × chunkSize` floats at a time instead of `N × 256k`
 * (XGLM-564M at batch 8 × 148: 38 MB per chunk of 8192 against 1.2 GB per copy of the logits).
 */

/*
 * _TRANSPOSE_NOTE: products pass matMul's transpose flags. The wasm kernel transposes the flagged
 * operand inside for XNNPACK (whose fast path takes no flags: the stock flagged product took 356 ms
 * of CPU on [256, 1024] × [2048, 1024]ᵀ against 74 ms transposed first) and OpenBLAS takes them as
 * they are; neither puts a transpose on the tape.
 */

/** Vocabulary rows per chunk: 8192 keeps a chunk of logits at ~40 MB for 1.2k positions. */
export const DEFAULT_VOCAB_CHUNK = 8192;

export interface LmHeadOptions {
  /** Vocabulary rows per chunk (default `DEFAULT_VOCAB_CHUNK`). */
  chunkSize?: number;
}

interface LseParts {
  /** `[N, 1]` log Σ_v exp(h·E_v). */
  lse: tf.Tensor2D;
  /** `[N, d]` Σ_v softmax(h·E)_v E_v: the loss's gradient direction w.r.t. h, when asked for. */
  expected?: tf.Tensor2D;
}

/**
 * log-sum-exp of `h @ table^T` over chunks of `table`'s rows with a running per-row maximum (the
 * online softmax of flash attention); with `withExpected`, also the softmax-weighted sum of the
 * rows, rescaled the same way, so the frozen-table gradient needs no second pass over the vocabulary.
 * Not differentiable itself: callers wrap it in a custom gradient.
 */
function _chunkedLse(h: tf.Tensor2D, table: tf.Tensor2D, chunkSize: number, withExpected: boolean): LseParts {
  const [v, d] = table.shape;
  let m: tf.Tensor2D | undefined;
  let s: tf.Tensor2D | undefined;
  let g: tf.Tensor2D | undefined;
  for (let start = 0; start < v; start += chunkSize) {
    const size = Math.min(chunkSize, v - start);
    const next = tf.tidy(() => {
      const rows = tf.slice(table, [start, 0], [size, d]) as tf.Tensor2D;
      const z = tf.matMul(h, rows, false, true); // [N, size]; see _TRANSPOSE_NOTE
      const mNew = m ? tf.maximum(m, tf.max(z, 1, true)) : tf.max(z, 1, true);
      const p = tf.exp(tf.sub(z, mNew));
      const scale = m ? tf.exp(tf.sub(m, mNew)) : undefined;
      const sNew = scale ? tf.add(tf.mul(s!, scale), tf.sum(p, 1, true)) : tf.sum(p, 1, true);
      const gChunk = withExpected ? tf.matMul(p, rows) : undefined;
      const gNew = gChunk && scale ? tf.add(tf.mul(g!, scale), gChunk) : gChunk;
      return [mNew, sNew, gNew] as const;
    });
    tf.dispose([m, s, g].filter((t): t is tf.Tensor2D => t !== undefined));
    [m, s, g] = next as unknown as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D | undefined];
  }
  const out = tf.tidy(() => ({ lse: tf.add(m!, tf.log(s!)) as tf.Tensor2D, ...(g ? { expected: tf.div(g, s!) as tf.Tensor2D } : {}) }));
  tf.dispose([m!, s!, ...(g ? [g] : [])]);
  return out;
}

/** `[N]` h_i · table[target_i]: the target logits, without the rest of the row. */
function _targetLogits(h: tf.Tensor2D, table: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  return tf.sum(tf.mul(h, tf.gather(table, targets)), 1) as tf.Tensor1D;
}

/**
 * `[N]` log p(target_i | h_i) = h_i·E_t − log Σ_v exp(h_i·E_v), chunked; equal to `logSoftmax(h E^T)`
 * picked at the targets. For scoring: no gradient.
 */
export function chunkedTargetLogProbs(hidden: tf.Tensor2D, table: tf.Tensor2D, targets: tf.Tensor1D, options: LmHeadOptions = {}): tf.Tensor1D {
  const { lse } = _chunkedLse(hidden, table, options.chunkSize ?? DEFAULT_VOCAB_CHUNK, false);
  const out = tf.tidy(() => tf.sub(_targetLogits(hidden, table, tf.cast(targets, 'int32')), tf.reshape(lse, [-1])) as tf.Tensor1D);
  lse.dispose();
  return out;
}

/**
 * Mean cross-entropy of `hidden @ table^T` (`[N, d]` rows, every row counted) against `targets`
 * `[N]`, computed in vocabulary chunks, with torch's gradient. The gradient w.r.t. `hidden` is
 * `(softmax·E − E_target) / N`, accumulated in the forward pass; the gradient w.r.t. `table` (a
 * trainable tied embedding: pretraining, fine-tuning) takes a second chunked pass in the backward.
 * A frozen table (`tableGrad: false`, prompt tuning) is no input of the op, so no `[V, d]`
 * gradient is ever made for it.
 */
export function chunkedLmLoss(hidden: tf.Tensor2D, table: tf.Tensor2D, targets: tf.Tensor1D, options: LmHeadOptions & { tableGrad?: boolean } = {}): tf.Scalar {
  const chunkSize = options.chunkSize ?? DEFAULT_VOCAB_CHUNK;
  const n = hidden.shape[0];
  const tgt = tf.cast(targets, 'int32') as tf.Tensor1D;
  const lossOf = (h: tf.Tensor2D, e: tf.Tensor2D, lse: tf.Tensor2D): tf.Scalar =>
    tf.div(tf.sum(tf.sub(tf.reshape(lse, [-1]), _targetLogits(h, e, tgt))), Math.max(n, 1)) as tf.Scalar;
  if (options.tableGrad) {
    const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
      const [h, e, t, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
      const { lse } = _chunkedLse(h, e, chunkSize, false);
      save([h, e, t, lse]);
      return { value: lossOf(h, e, lse), gradFunc: (dy: tf.Scalar, saved: tf.Tensor[]) => _backwardWithTable(dy, saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D], chunkSize) };
    });
    return f(hidden, table, tgt) as tf.Scalar;
  }
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [h, t, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    const { lse, expected } = _chunkedLse(h, table, chunkSize, true);
    save([t, expected!]);
    const value = lossOf(h, table, lse);
    lse.dispose();
    return {
      value,
      gradFunc: (dy: tf.Scalar, saved: tf.Tensor[]) => {
        const [st, se] = saved as [tf.Tensor1D, tf.Tensor2D];
        const scale = tf.div(dy, Math.max(n, 1));
        return [tf.mul(tf.sub(se, tf.gather(table, st)), scale), tf.zerosLike(st)];
      },
    };
  });
  return f(hidden, tgt) as tf.Scalar;
}

/** Gradients w.r.t. hidden and table when the table trains: one more chunked pass. */
function _backwardWithTable(dy: tf.Scalar, saved: [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D], chunkSize: number): tf.Tensor[] {
  const [h, e, t, lse] = saved;
  const [v, d] = e.shape;
  const n = h.shape[0];
  const scale = tf.div(dy, Math.max(n, 1));
  let dh = tf.neg(tf.mul(tf.gather(e, t), scale)) as tf.Tensor2D; // − E_target / N
  const tableChunks: tf.Tensor2D[] = [];
  for (let start = 0; start < v; start += chunkSize) {
    const size = Math.min(chunkSize, v - start);
    const [dhNew, de] = tf.tidy(() => {
      const rows = tf.slice(e, [start, 0], [size, d]) as tf.Tensor2D;
      const p = tf.mul(tf.exp(tf.sub(tf.matMul(h, rows, false, true), lse)), scale) as tf.Tensor2D; // softmax / N
      return [tf.add(dh, tf.matMul(p, rows)) as tf.Tensor2D, tf.matMul(p, h, true, false) as tf.Tensor2D];
    });
    dh.dispose();
    dh = dhNew;
    tableChunks.push(de);
  }
  const de = tf.tidy(() => tf.sub(tf.concat(tableChunks, 0), tf.unsortedSegmentSum(tf.mul(h, scale), t, v)));
  tf.dispose(tableChunks);
  return [dh, de, tf.zerosLike(t)];
}
