import * as tf from '@tensorflow/tfjs';
import type { Blas } from './blas.js';

/** The parts of tfjs-backend-wasm's `BackendWasm` a kernel here uses. */
export interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): tf.TypedArray;
}

/**
 * `a @ b` (batched, transpose flags, batch dims broadcast where one side has a single matrix) by
 * OpenBLAS `sgemm` straight on the wasm heap: one call per matrix of the batch, the flags passed
 * to BLAS (no transpose is ever materialised). Returns undefined for what it does not take
 * (non-float32, batch shapes that broadcast partially), which the caller hands to XNNPACK.
 */
export function blasBatchMatMul(blas: Blas, backend: WasmHeapBackend, a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean): tf.TensorInfo | undefined {
  if (a.dtype !== 'float32' || b.dtype !== 'float32' || a.shape.length < 2 || b.shape.length < 2) return undefined;
  const ra = a.shape.length;
  const rb = b.shape.length;
  const m = transposeA ? a.shape[ra - 1]! : a.shape[ra - 2]!;
  const k = transposeA ? a.shape[ra - 2]! : a.shape[ra - 1]!;
  const kb = transposeB ? b.shape[rb - 1]! : b.shape[rb - 2]!;
  const n = transposeB ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  if (k !== kb) return undefined; // the stock kernel words the shape error
  const batchA = a.shape.slice(0, -2);
  const batchB = b.shape.slice(0, -2);
  const countA = _product(batchA);
  const countB = _product(batchB);
  let outBatch: number[];
  if (countA === 1) outBatch = batchB.length >= batchA.length ? batchB : batchA;
  else if (countB === 1) outBatch = batchA.length >= batchB.length ? batchA : batchB;
  else if (countA === countB && _sameTail(batchA, batchB)) outBatch = batchA.length >= batchB.length ? batchA : batchB;
  else return undefined;
  const count = Math.max(countA, countB);
  const out = backend.makeOutput([...outBatch, m, n], 'float32');
  if (count === 0 || m === 0 || n === 0) return out;
  // Views taken after the allocation: growing the heap detaches earlier ones.
  const av = backend.typedArrayFromHeap(a) as Float32Array;
  const bv = backend.typedArrayFromHeap(b) as Float32Array;
  const cv = backend.typedArrayFromHeap(out) as Float32Array;
  if (k === 0) {
    cv.fill(0);
    return out;
  }
  const sa = countA === 1 ? 0 : m * k;
  const sb = countB === 1 ? 0 : k * n;
  const sc = m * n;
  if (count === 1) blas.sgemm(transposeA, transposeB, m, n, k, av, bv, cv);
  else {
    for (let i = 0; i < count; i++) {
      blas.sgemm(transposeA, transposeB, m, n, k, av.subarray(i * sa, i * sa + m * k), bv.subarray(i * sb, i * sb + k * n), cv.subarray(i * sc, (i + 1) * sc));
    }
  }
  return out;
}

/** Add a `[n]` bias to every row of a `[…, n]` float32 output in place (the fused matmul's bias). */
export function addRowBias(backend: WasmHeapBackend, out: tf.TensorInfo, bias: tf.TensorInfo): boolean {
  const n = out.shape[out.shape.length - 1]!;
  if (bias.dtype !== 'float32' || _product(bias.shape) !== n) return false;
  const o = backend.typedArrayFromHeap(out) as Float32Array;
  const bv = backend.typedArrayFromHeap(bias) as Float32Array;
  for (let r = 0; r < o.length; r += n) for (let j = 0; j < n; j++) o[r + j]! += bv[j]!;
  return true;
}

function _product(xs: readonly number[]): number {
  return xs.reduce((p, x) => p * x, 1);
}

/** The two batch shapes agree where both have dims (equal counts then mean equal shapes up to leading 1s). */
function _sameTail(x: readonly number[], y: readonly number[]): boolean {
  const n = Math.min(x.length, y.length);
  for (let i = 1; i <= n; i++) if (x[x.length - i] !== y[y.length - i]) return false;
  return true;
}
