import * as tf from '@tensorflow/tfjs';
import { addRowBias, blasBatchMatMul } from './blas-matmul.js';
import { findBlas } from './blas.js';
import { backendCapabilities, wasmMatMulEngine } from './capabilities.js';

/**
 * Kernels and gradients that tfjs 4.22 lacks or does slowly, registered from this one explicit
 * function (tfjs's `register_all_kernels` pattern) rather than as import side effects.
 * Idempotent; call it once after the backend is set (`initBackend` does).
 */
export function registerXglmKernels(): void {
  // Each part checks its own state: a part whose backend module is not loaded yet (wasm kernels
  // appear when tfjs-backend-wasm is imported) is retried on the next call.
  _registerWasmSegmentSum();
  if (!sliceDone) sliceDone = _registerWasmRowSlice();
  if (!unpackDone) unpackDone = _registerWasmUnpack();
  if (!matMulDone) matMulDone = _registerMatMulGradient();
  if (!transposedMatMulDone) transposedMatMulDone = _registerWasmMatMul();
  if (!fusedMatMulDone) fusedMatMulDone = _registerWasmFusedMatMul();
  if (!identityDone) identityDone = _registerWasmSharedIdentity();
}
let unpackDone = false;
let identityDone = false;
let sliceDone = false;
let matMulDone = false;
let transposedMatMulDone = false;
let fusedMatMulDone = false;

interface WasmBackendLike {
  readSync(id: unknown): tf.TypedArray;
  disposeData(id: unknown): boolean;
  incRef(id: unknown): void;
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): tf.TypedArray;
}

/**
 * wasm's `Unpack` (per-head attention splits, and `stack`'s gradient) slices element by element:
 * ~11 ms of CPU for a [32, 128, 64] tensor. Along axis 0 each output is a contiguous block, so
 * copy blocks; other axes keep the stock kernel.
 */
function _registerWasmUnpack(): boolean {
  const stock = tf.getKernel('Unpack', 'wasm');
  if (stock === undefined) return false;
  tf.unregisterKernel('Unpack', 'wasm');
  tf.registerKernel({
    kernelName: 'Unpack',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args;
      const value = (inputs as { value: tf.TensorInfo }).value;
      const axis = (attrs as { axis: number }).axis;
      if ((axis < 0 ? axis + value.shape.length : axis) !== 0 || value.dtype === 'string') return stock.kernelFunc(args);
      const wasm = backend as unknown as WasmBackendLike;
      const outShape = value.shape.slice(1);
      const block = outShape.reduce((a, b) => a * b, 1);
      const outs: tf.TensorInfo[] = [];
      for (let i = 0; i < value.shape[0]; i++) {
        const out = wasm.makeOutput(outShape, value.dtype);
        // Re-read the input view after each allocation: growing the heap detaches old views.
        const src = wasm.typedArrayFromHeap(value);
        wasm.typedArrayFromHeap(out).set(src.subarray(i * block, (i + 1) * block));
        outs.push(out);
      }
      return outs;
    },
  });
  return true;
}

/**
 * wasm's `Identity` copies its input. The tape clones every tensor a gradient saves, and
 * `customGrad` clones its outputs, so that is a full copy of most activations each step. Tensor
 * data is immutable in tfjs (a variable's `assign` swaps in a new data id), so the clone can share
 * the data with a reference count, as the cpu backend's `Identity` does.
 */
function _registerWasmSharedIdentity(): boolean {
  const stock = tf.getKernel('Identity', 'wasm');
  if (stock === undefined) return false;
  tf.unregisterKernel('Identity', 'wasm');
  tf.registerKernel({
    ...stock,
    kernelFunc: (args) => {
      const x = (args.inputs as { x: tf.TensorInfo }).x;
      if (x.dtype === 'string') return stock.kernelFunc(args);
      (args.backend as unknown as WasmBackendLike).incRef(x.dataId);
      return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
    },
  });
  return true;
}

/**
 * wasm's `Slice` walks every element. A slice of whole rows (only the first axis cut, e.g. a
 * chunk of the 256k-row embedding matrix for the LM head) is one contiguous block: copy it. At
 * the XGLM-564M shape the stock kernel took 30–50 s of a prompt-tuning step (tf.profile).
 */
function _registerWasmRowSlice(): boolean {
  const stock = tf.getKernel('Slice', 'wasm');
  if (stock === undefined) return false;
  tf.unregisterKernel('Slice', 'wasm');
  tf.registerKernel({
    kernelName: 'Slice',
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args;
      const x = (inputs as { x: tf.TensorInfo }).x;
      const { begin, size } = attrs as unknown as { begin: number[]; size: number[] };
      const shape = x.shape;
      const wholeRows = shape.length >= 1 && begin.length === shape.length && shape.every((n, i) => i === 0 || (begin[i] === 0 && (size[i] === -1 || size[i] === n)));
      if (!wholeRows || x.dtype === 'string') return stock.kernelFunc(args);
      const rows = size[0] === -1 ? shape[0]! - begin[0]! : size[0]!;
      const block = shape.slice(1).reduce((a, b) => a * b, 1);
      const wasm = backend as unknown as WasmBackendLike;
      const out = wasm.makeOutput([rows, ...shape.slice(1)], x.dtype);
      // Views taken after the allocation: growing the heap detaches earlier ones.
      const src = wasm.typedArrayFromHeap(x);
      wasm.typedArrayFromHeap(out).set(src.subarray(begin[0]! * block, (begin[0]! + rows) * block));
      return out;
    },
  });
  return true;
}

/**
 * The wasm backend has no `UnsortedSegmentSum`, which `gather`'s gradient (the embedding
 * gradient) needs. A plain scatter-add in JS is O(rows × width): cheap next to the matmuls.
 */
function _registerWasmSegmentSum(): void {
  if (tf.getKernel('UnsortedSegmentSum', 'wasm') !== undefined) return;
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const wasm = backend as unknown as WasmBackendLike;
      const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
      const numSegments = (attrs as { numSegments: number }).numSegments;
      const rows = segmentIds.shape.reduce((a, b) => a * b, 1);
      const width = x.shape.slice(segmentIds.shape.length).reduce((a, b) => a * b, 1);
      const xs = wasm.readSync(x.dataId);
      const ids = wasm.readSync(segmentIds.dataId);
      const out = wasm.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], x.dtype);
      const acc = wasm.typedArrayFromHeap(out);
      acc.fill(0);
      for (let r = 0; r < rows; r++) {
        const s = ids[r];
        if (s < 0 || s >= numSegments) continue;
        const o = s * width;
        const i = r * width;
        for (let k = 0; k < width; k++) acc[o + k] += xs[i + k];
      }
      return out;
    },
  });
}

/**
 * The wasm `BatchMatMul`, by the engine `initBackend` chose (`capabilities.ts`):
 * - `openblas`: native `sgemm` on the wasm heap, flags passed to BLAS (`blas-matmul.ts`);
 * - `xnnpack`: the stock kernel, whose fast XNNPACK path takes untransposed batch-1 products only
 *   (with a flag it falls back to a naive loop, 3–7× slower). For batch-1 products with flags the
 *   flagged operand is transposed inside the kernel (freed at once, never on the tape) first.
 */
function _registerWasmMatMul(): boolean {
  const stock = tf.getKernel('BatchMatMul', 'wasm');
  const transpose = tf.getKernel('Transpose', 'wasm');
  if (stock === undefined || transpose === undefined) return false;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel({
    ...stock,
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args;
      const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
      const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
      const wasm = backend as unknown as WasmBackendLike;
      if (wasmMatMulEngine() === 'openblas') {
        const blas = findBlas().blas;
        const out = blas && blasBatchMatMul(blas, wasm, a, b, transposeA, transposeB);
        if (out !== undefined) return out;
      }
      const batch1 = (x: tf.TensorInfo): boolean => x.shape.slice(0, -2).every((s) => s === 1);
      if ((!transposeA && !transposeB) || !batch1(a) || !batch1(b)) return stock.kernelFunc(args);
      const flip = (x: tf.TensorInfo): tf.TensorInfo => {
        const r = x.shape.length;
        const m = { dataId: x.dataId, shape: [x.shape[r - 2], x.shape[r - 1]], dtype: x.dtype };
        return transpose.kernelFunc({ inputs: { x: m }, backend, attrs: { perm: [1, 0] } }) as tf.TensorInfo;
      };
      const at = transposeA ? flip(a) : a;
      const bt = transposeB ? flip(b) : b;
      const out = stock.kernelFunc({ inputs: { a: at, b: bt }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } }) as tf.TensorInfo;
      if (transposeA) wasm.disposeData(at.dataId);
      if (transposeB) wasm.disposeData(bt.dataId);
      return out;
    },
  });
  return true;
}

/**
 * `_FusedMatMul` (`tf.fused.matMul`) on the `openblas` engine: the product by BLAS, then the
 * `[n]` bias; other activations, PReLU weights and the `xnnpack` engine keep the stock kernel.
 */
function _registerWasmFusedMatMul(): boolean {
  const stock = tf.getKernel('_FusedMatMul', 'wasm');
  if (stock === undefined) return false;
  tf.unregisterKernel('_FusedMatMul', 'wasm');
  tf.registerKernel({
    ...stock,
    kernelFunc: (args) => {
      const { inputs, backend, attrs } = args;
      const { a, b, bias, preluActivationWeights } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo; bias?: tf.TensorInfo; preluActivationWeights?: tf.TensorInfo };
      const { transposeA, transposeB, activation } = attrs as { transposeA: boolean; transposeB: boolean; activation?: string };
      const blas = wasmMatMulEngine() === 'openblas' ? findBlas().blas : undefined;
      if (blas === undefined || (activation !== undefined && activation !== 'linear') || preluActivationWeights != null) return stock.kernelFunc(args);
      const wasm = backend as unknown as WasmBackendLike;
      const out = blasBatchMatMul(blas, wasm, a, b, transposeA, transposeB);
      if (out === undefined) return stock.kernelFunc(args);
      if (bias != null && !addRowBias(wasm, out, bias)) {
        wasm.disposeData(out.dataId);
        return stock.kernelFunc(args);
      }
      return out;
    },
  });
  return true;
}

/**
 * tfjs's BatchMatMul gradient multiplies with transpose flags; where flags are not free (wasm's
 * XNNPACK engine takes its fast path for untransposed batch-1 products only), transposing
 * explicitly first keeps the backward pass on the fast path (3–7× on wasm). For `a @ bᵀ` (a linear layer on HF's `[out, in]` weight)
 * the weight's gradient `dyᵀ a` transposes whichever is smaller: `dy`, or `a` and the result.
 * Other backends and cases keep the stock gradient.
 */
function _registerMatMulGradient(): boolean {
  const stock = tf.getGradient('BatchMatMul');
  if (stock === undefined) return false;
  tf.registerGradient({
    kernelName: 'BatchMatMul',
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved as [tf.Tensor, tf.Tensor];
      const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
      const sameBatch = a.rank === b.rank && a.shape.slice(0, -2).every((s, i) => s === b.shape[i]);
      if (backendCapabilities().freeTransposeFlags || transposeA || !sameBatch || a.rank < 2) return stock.gradFunc(dy, saved, attrs);
      const t = (x: tf.Tensor): tf.Tensor => {
        const perm = [...Array(x.rank).keys()];
        perm[x.rank - 2] = x.rank - 1;
        perm[x.rank - 1] = x.rank - 2;
        return tf.transpose(x, perm);
      };
      const g = dy as tf.Tensor;
      if (transposeB) {
        if (a.rank !== 2) return stock.gradFunc(dy, saved, attrs);
        // [rows, out]ᵀ [rows, in] → [out, in]: transpose dy, or transpose a and the product.
        const viaDy = g.size <= a.size + b.size;
        return { a: () => tf.matMul(g, b), b: () => (viaDy ? tf.matMul(g, a, true, false) : t(tf.matMul(a, g, true, false))) };
      }
      return { a: () => tf.matMul(g, t(b)), b: () => tf.matMul(t(a), g) };
    },
  });
  return true;
}
