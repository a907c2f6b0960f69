import * as tf from '@tensorflow/tfjs';

/**
 * The XGLM building blocks as plain functions of tensors (no tf.layers: parameters live in one
 * `Map<string, tf.Variable>` keyed by HF names, which makes HF loading/saving a name lookup).
 * Matmuls go through the backend module (`../backend/`), which picks the engine and its capabilities.
 */

/**
 * `x @ W^T + b` for HF's `[out, in]` weight layout; `x` is `[rows, in]`. The transpose is a matmul
 * flag: the wasm kernel (`backend/wasm-kernels.ts`) transposes inside for XNNPACK, OpenBLAS takes
 * it as is, and the input's gradient `dy @ W` then needs no transpose at all.
 */
export function linear(x: tf.Tensor2D, weight: tf.Tensor2D, bias?: tf.Tensor1D): tf.Tensor2D {
  const y = tf.matMul(x, weight, false, true) as tf.Tensor2D;
  return bias ? addBias(y, bias) : y;
}

/** Column sums as a `[1, rows] @ x` product: wasm's axis-0 Sum is slow, its matmul is not. */
function _colSum(x: tf.Tensor2D): tf.Tensor1D {
  return tf.reshape(tf.matMul(tf.ones([1, x.shape[0]]), x), [x.shape[1]]);
}

/**
 * A frozen parameter: a variable marked `trainable = false` (as prompt tuning marks the base model).
 * `customGrad` computes every input's gradient, so the layers below hand such a parameter zeros
 * instead of column sums nobody reads (a third of the bias/LayerNorm backward in a PT step).
 */
function _frozen(p: tf.Tensor): boolean {
  return p instanceof tf.Variable && !p.trainable;
}

/** `x + b` row-wise, with the bias gradient as a matmul (see `_colSum`). */
export const addBias = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, b] = args as [tf.Tensor2D, tf.Tensor1D];
  const frozen = _frozen(b);
  return {
    value: tf.add(x, b) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor2D) => [dy, frozen ? tf.zeros([dy.shape[1]]) : _colSum(dy)],
  };
}) as (x: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;

/** `x * w + b` row-wise (LayerNorm's affine part), parameter gradients as matmuls. */
const _affine = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
  save([x, w]);
  const frozenW = _frozen(w);
  const frozenB = _frozen(b);
  return {
    value: tf.add(tf.mul(x, w), b) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [sx, sw] = saved as [tf.Tensor2D, tf.Tensor1D];
      const zero = (): tf.Tensor1D => tf.zeros([dy.shape[1]]);
      return [tf.mul(dy, sw), frozenW ? zero() : _colSum(tf.mul(dy, sx) as tf.Tensor2D), frozenB ? zero() : _colSum(dy)];
    },
  };
}) as (x: tf.Tensor2D, w: tf.Tensor1D, b: tf.Tensor1D) => tf.Tensor2D;

/** LayerNorm over the last axis with biased variance, as torch.nn.LayerNorm. */
export function layerNorm(x: tf.Tensor2D, weight: tf.Tensor1D, bias: tf.Tensor1D, eps: number): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, -1, true);
  const normed = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps))) as tf.Tensor2D;
  return _affine(normed, weight, bias);
}

/**
 * Exact (erf) GELU, HF's `"gelu"`: `x Φ(x)`, with its closed-form gradient `Φ(x) + x φ(x)`. The
 * forward's `Φ(x)` is saved for it, so the backward is seven elementwise ops instead of the dozen
 * (and the tape's clones) that autodiff through `erf` takes.
 */
export const gelu = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [x, save] = args as [tf.Tensor2D, tf.GradSaveFunc];
  const cdf = tf.mul(tf.add(tf.erf(tf.mul(x, Math.SQRT1_2)), 1), 0.5); // Φ(x)
  save([x, cdf]);
  return {
    value: tf.mul(x, cdf) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [sx, sc] = saved as [tf.Tensor2D, tf.Tensor2D];
      const pdf = tf.mul(tf.exp(tf.mul(tf.square(sx), -0.5)), 1 / Math.sqrt(2 * Math.PI)); // φ(x)
      return [tf.mul(dy, tf.add(sc, tf.mul(sx, pdf)))];
    },
  };
}) as (x: tf.Tensor2D) => tf.Tensor2D;

/** tanh-approximate GELU, HF's `"gelu_new"`. */
export function geluTanh(x: tf.Tensor2D): tf.Tensor2D {
  const inner = tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI));
  return tf.mul(tf.mul(x, 0.5), tf.add(tf.tanh(inner), 1));
}

/**
 * HF's `XGLMSinusoidalPositionalEmbedding` table: `num` rows of `[sin | cos]`, the padding row zeroed.
 * Arithmetic is rounded to float32 at each step as torch does, so large positions agree too.
 */
export function sinusoidalTable(num: number, dim: number, paddingIdx: number): Float32Array {
  const half = Math.floor(dim / 2);
  const step = Math.fround(Math.log(10000) / (half - 1));
  const freq = new Float32Array(half);
  for (let i = 0; i < half; i++) freq[i] = Math.fround(Math.exp(Math.fround(i * -step)));
  const out = new Float32Array(num * dim);
  for (let p = 0; p < num; p++) {
    if (p === paddingIdx) continue;
    for (let i = 0; i < half; i++) {
      const arg = Math.fround(p * freq[i]);
      out[p * dim + i] = Math.sin(arg);
      out[p * dim + half + i] = Math.cos(arg);
    }
  }
  return out;
}

/**
 * Additive attention bias `[B, T, T]`: 0 where query i may see key j (j ≤ i and key j not padding),
 * a large negative number elsewhere. Constant (no gradient).
 */
export function attentionBias(mask: tf.Tensor2D): tf.Tensor3D {
  const t = mask.shape[1];
  const causal = tf.linalg.bandPart(tf.ones([t, t]), -1, 0); // lower triangle incl. diagonal
  const keys = tf.expandDims(tf.cast(mask, 'float32'), 1); // [B, 1, T]
  const allowed = tf.mul(causal, keys); // [B, T, T]
  return tf.mul(tf.sub(1, allowed), -1e9) as tf.Tensor3D;
}

/**
 * Multi-head scaled-dot-product attention on projected `q, k, v` (`[B*T, d]`) with bias `[B, T, T]`
 * (`biasRows`: the same bias unstacked per batch row, made once per forward and shared by layers).
 * `perHead` runs one 2-D product per (batch, head), the wasm fast path; otherwise batched products.
 */
export function multiHeadAttention(
  q: tf.Tensor2D,
  k: tf.Tensor2D,
  v: tf.Tensor2D,
  bias: tf.Tensor3D,
  biasRows: tf.Tensor2D[],
  batch: number,
  heads: number,
  perHead: boolean,
  dropout = 0,
): tf.Tensor2D {
  const [rows, d] = q.shape;
  const t = rows / batch;
  const dh = d / heads;
  const scale = 1 / Math.sqrt(dh);
  const split = (x: tf.Tensor2D): tf.Tensor3D =>
    tf.reshape(tf.transpose(tf.reshape(x, [batch, t, heads, dh]), [0, 2, 1, 3]), [batch * heads, t, dh]);
  const qs = split(tf.mul(q, scale) as tf.Tensor2D);
  const ks = split(k);
  const vs = split(v);
  let ctx: tf.Tensor3D;
  if (perHead) {
    const qList = tf.unstack(qs) as tf.Tensor2D[];
    const kList = tf.unstack(ks) as tf.Tensor2D[];
    const vList = tf.unstack(vs) as tf.Tensor2D[];
    const outs = qList.map((qi, i) => {
      let p = tf.softmax(tf.add(tf.matMul(qi, tf.transpose(kList[i])), biasRows[Math.floor(i / heads)]) as tf.Tensor2D);
      if (dropout > 0) p = tf.dropout(p, dropout) as tf.Tensor2D;
      return tf.matMul(p, vList[i]);
    });
    ctx = tf.stack(outs) as tf.Tensor3D;
  } else {
    // The bias broadcasts over heads: [B, H, T, T] + [B, 1, T, T] (wasm's Tile of the bias took
    // 25 ms a layer at 8 × 128, the broadcast add takes none of that); constant, so no gradient.
    const scores = tf.reshape(tf.matMul(qs, ks, false, true), [batch, heads, t, t]);
    let p = tf.reshape(tf.softmax(tf.add(scores, tf.expandDims(bias, 1))), [batch * heads, t, t]) as tf.Tensor3D;
    if (dropout > 0) p = tf.dropout(p, dropout) as tf.Tensor3D;
    ctx = tf.matMul(p, vs);
  }
  return tf.reshape(tf.transpose(tf.reshape(ctx, [batch, heads, t, dh]), [0, 2, 1, 3]), [rows, d]);
}
