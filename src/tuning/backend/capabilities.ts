import * as tf from '@tensorflow/tfjs';

/**
 * What multiplies matrices on the current backend: `openblas` (native BLAS on the wasm heap,
 * `blas-matmul.ts`), `xnnpack` (the wasm backend's own, SIMD128), or `backend` (whatever the
 * backend itself does: cpu, tfjs-node, WebGPU).
 */
export type MatMulEngine = 'openblas' | 'xnnpack' | 'backend';

/** What the model asks of the backend instead of its name. */
export interface BackendCapabilities {
  matmul: MatMulEngine;
  /**
   * Batched `[n, m, k]` products run as fast as n 2-D ones. When false (XNNPACK's fast path takes
   * batch-1 products only), attention runs one 2-D product per (batch, head).
   */
  fastBatchedMatMul: boolean;
  /**
   * matmul's transpose flags cost nothing. When false (XNNPACK transposes the flagged operand
   * first), gradients choose which operand to transpose, the smaller one.
   */
  freeTransposeFlags: boolean;
}

/** The wasm backend's matmul engine; `initBackend` sets it (`blas-matmul.ts` reads it per call). */
let wasmMatMul: Exclude<MatMulEngine, 'backend'> = 'xnnpack';

export function setWasmMatMul(engine: Exclude<MatMulEngine, 'backend'>): void {
  wasmMatMul = engine;
}

export function wasmMatMulEngine(): Exclude<MatMulEngine, 'backend'> {
  return wasmMatMul;
}

/** The capabilities of the current tfjs backend (default `tf.getBackend()`). */
export function backendCapabilities(name: string = tf.getBackend()): BackendCapabilities {
  if (name !== 'wasm') return { matmul: 'backend', fastBatchedMatMul: true, freeTransposeFlags: true };
  const blas = wasmMatMul === 'openblas';
  return { matmul: wasmMatMul, fastBatchedMatMul: blas, freeTransposeFlags: blas };
}
