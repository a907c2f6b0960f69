import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { TokgapError, InvalidOptionError, type TokgapErrorFields } from '../../errors.js';
import { BACKEND_CHOICES, type BackendChoice } from '../options.js';
import { findBlas } from './blas.js';
import { setWasmMatMul, type MatMulEngine } from './capabilities.js';
import { gpuDeviceOf } from './gpu-device.js';
import { registerXglmKernels } from './wasm-kernels.js';

// The choices live in the tfjs-free options module; re-exported for existing importers.
export { BACKEND_CHOICES, type BackendChoice };

/** Fastest first, as measured: native CUDA, WebGPU, native CPU, wasm (XNNPACK), plain JS. */
export const AUTO_ORDER: readonly Exclude<BackendChoice, 'auto'>[] = ['node-gpu', 'webgpu', 'node', 'wasm', 'cpu'];

/** The optional npm package each backend needs; users install these themselves. */
const PACKAGES: Record<Exclude<BackendChoice, 'auto'>, string | undefined> = {
  'node-gpu': '@tensorflow/tfjs-node-gpu',
  node: '@tensorflow/tfjs-node',
  webgpu: '@tensorflow/tfjs-backend-webgpu',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: undefined,
};
/** The tfjs backend name each choice registers. */
const TF_NAMES: Record<Exclude<BackendChoice, 'auto'>, string> = {
  'node-gpu': 'tensorflow',
  node: 'tensorflow',
  webgpu: 'webgpu',
  wasm: 'wasm',
  cpu: 'cpu',
};
/** The wasm heap is 32-bit; past ~3.9 GB it corrupts memory silently (measured, tfjs 4.22). */
export const WASM_MEMORY_LIMIT_BYTES = 3.9e9;

/**
 * The hard memory limit of a tfjs backend by its tfjs name (default: the current one): the wasm
 * heap's, undefined for backends without one. For callers that got no `BackendInfo`.
 */
export function memoryLimitOf(name: string = tf.getBackend()): number | undefined {
  return name === 'wasm' ? WASM_MEMORY_LIMIT_BYTES : undefined;
}

export interface BackendInfo {
  /** The `--backend` value that won (never `auto`). */
  choice: Exclude<BackendChoice, 'auto'>;
  /** tfjs's own backend name (`tensorflow`, `webgpu`, `wasm`, `cpu`), as results record it. */
  name: string;
  /** Bytes the backend can hold safely, where there is a hard limit. */
  memoryLimitBytes?: number;
  /** Why each earlier candidate of `auto` was skipped. */
  skipped: { choice: string; reason: string }[];
  /** What multiplies matrices: `openblas` or `xnnpack` on wasm, `backend` elsewhere. */
  matmul: MatMulEngine;
  /** The backend as results rows and reports record it: the tfjs name, plus `+openblas` when wasm's matmuls run in OpenBLAS. */
  label: string;
  /** Where it computes, as found: the GPU device for `node-gpu`; the BLAS library for `openblas`. */
  device?: string;
}

/** Which engine runs wasm's matmuls: OpenBLAS when it is found (`auto`), or always XNNPACK. */
export const WASM_MATMUL_CHOICES = ['auto', 'openblas', 'xnnpack'] as const;
export type WasmMatMulChoice = (typeof WASM_MATMUL_CHOICES)[number];

export interface InitBackendOptions {
  /**
   * wasm's matmul engine (default `$TOKGAP_MATMUL`, else `auto`). `openblas` fails when no OpenBLAS
   * loads; `auto` falls back to XNNPACK and says why in `skipped`.
   */
  matmul?: WasmMatMulChoice;
  /** How optional backend packages are imported (default: `import()`); tests pass stubs. */
  importPackage?: (name: string) => Promise<unknown>;
}

/** A requested backend's package is missing or it failed to start. */
export class BackendUnavailableError extends TokgapError {
  constructor(message: string, fields: TokgapErrorFields = {}) {
    super('BACKEND_UNAVAILABLE', message, fields);
  }
}

/**
 * Pick and start one tfjs backend for the whole run and register our kernels on it. Optional
 * packages are imported dynamically, so they are needed only when chosen.
 */
export async function initBackend(choice: BackendChoice = 'auto', options: InitBackendOptions = {}): Promise<BackendInfo> {
  if (!(BACKEND_CHOICES as readonly string[]).includes(choice)) {
    throw new InvalidOptionError(`unknown backend ${JSON.stringify(choice)}`, { field: 'backend', expected: BACKEND_CHOICES.join(', ') });
  }
  const matmul = options.matmul ?? _matmulFromEnv();
  if (!(WASM_MATMUL_CHOICES as readonly string[]).includes(matmul)) {
    throw new InvalidOptionError(`unknown matmul engine ${JSON.stringify(matmul)}`, { field: 'matmul', expected: WASM_MATMUL_CHOICES.join(', ') });
  }
  const importPackage = options.importPackage ?? ((name: string) => import(name));
  const candidates = choice === 'auto' ? AUTO_ORDER : [choice];
  const skipped: { choice: string; reason: string }[] = [];
  for (const c of candidates) {
    let device: string | undefined;
    try {
      device = await _start(c, importPackage);
    } catch (error) {
      if (choice !== 'auto') throw error;
      skipped.push({ choice: c, reason: error instanceof Error ? error.message : String(error) });
      continue;
    }
    registerXglmKernels();
    const engine = c === 'wasm' ? _wasmMatMul(matmul, skipped) : undefined;
    const name = tf.getBackend();
    return {
      choice: c,
      name,
      ...(c === 'wasm' ? { memoryLimitBytes: WASM_MEMORY_LIMIT_BYTES } : {}),
      skipped,
      matmul: engine?.engine ?? 'backend',
      label: engine?.engine === 'openblas' ? `${name}+openblas` : name,
      ...(engine?.device !== undefined ? { device: engine.device } : device !== undefined ? { device } : {}),
    };
  }
  throw new BackendUnavailableError('no tfjs backend could be started', { field: 'backend', expected: skipped.map((s) => `${s.choice}: ${s.reason}`).join('; ') });
}

function _matmulFromEnv(): WasmMatMulChoice {
  const v = process.env.TOKGAP_MATMUL;
  if (v === undefined || v === '') return 'auto';
  if (!(WASM_MATMUL_CHOICES as readonly string[]).includes(v)) {
    throw new InvalidOptionError(`unknown matmul engine TOKGAP_MATMUL=${JSON.stringify(v)}`, { field: 'TOKGAP_MATMUL', expected: WASM_MATMUL_CHOICES.join(', ') });
  }
  return v as WasmMatMulChoice;
}

/** Pick wasm's matmul engine and set it for the kernels (`capabilities.ts`). */
function _wasmMatMul(choice: WasmMatMulChoice, skipped: { choice: string; reason: string }[]): { engine: 'openblas' | 'xnnpack'; device?: string } {
  if (choice === 'xnnpack') {
    setWasmMatMul('xnnpack');
    return { engine: 'xnnpack' };
  }
  const { blas, tried } = findBlas();
  if (blas === undefined) {
    if (choice === 'openblas') {
      throw new BackendUnavailableError('matmul engine openblas: no OpenBLAS library could be loaded', { field: 'matmul', expected: `OpenBLAS (e.g. apt install libopenblas0-openmp) or TOKGAP_BLAS=/path/to/libopenblas.so; tried ${tried.join('; ')}` });
    }
    skipped.push({ choice: 'wasm+openblas', reason: `no OpenBLAS (${tried.join('; ')}); matmuls run in XNNPACK` });
    setWasmMatMul('xnnpack');
    return { engine: 'xnnpack' };
  }
  setWasmMatMul('openblas');
  return { engine: 'openblas', device: `${blas.library} (${blas.config}, ${blas.threads} thread${blas.threads === 1 ? '' : 's'})` };
}

/** Start one backend; returns the device it found where that is worth saying (node-gpu's GPU). */
async function _start(c: Exclude<BackendChoice, 'auto'>, importPackage: (name: string) => Promise<unknown>): Promise<string | undefined> {
  const pkg = PACKAGES[c];
  if (c === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // Point at the .wasm files in node_modules so it works from any cwd.
    const dir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
    wasm.setWasmPaths(`${dir}/`);
  } else if (pkg !== undefined) {
    if (c === 'webgpu') await _provideNodeWebGpu(importPackage);
    try {
      await importPackage(pkg);
    } catch (cause) {
      const missing = (cause as { code?: string }).code === 'ERR_MODULE_NOT_FOUND';
      throw new BackendUnavailableError(
        missing ? `backend ${c} needs the package ${pkg}, which is not installed` : `backend ${c}: loading ${pkg} failed`,
        { field: 'backend', expected: missing ? `npm install ${pkg}` : 'a working installation', cause },
      );
    }
  }
  const name = TF_NAMES[c];
  let ok = false;
  try {
    ok = await tf.setBackend(name);
    await tf.ready();
  } catch (cause) {
    throw new BackendUnavailableError(`backend ${c} did not initialise`, { field: 'backend', cause });
  }
  if (!ok || tf.getBackend() !== name) {
    throw new BackendUnavailableError(`backend ${c} did not initialise`, { field: 'backend', expected: `tfjs backend ${name}` });
  }
  if (name === 'cpu') _silenceCpuBanner();
  if (c === 'node-gpu') {
    // tfjs-node-gpu falls back to the CPU silently when CUDA or cuDNN does not load.
    const gpu = gpuDeviceOf(tf.backend());
    if (!gpu.found) {
      throw new BackendUnavailableError(`backend node-gpu started, but TensorFlow found no GPU device (${gpu.detail}); it would run on the CPU`, {
        field: 'backend', expected: 'a CUDA GPU with the CUDA and cuDNN libraries TensorFlow needs, or --backend node',
      });
    }
    return gpu.detail;
  }
  return undefined;
}

/**
 * Node has no `navigator.gpu`. The npm package `webgpu` (Google's Dawn built for Node) provides one
 * through Vulkan, Metal or D3D: measured on an H200 with tfjs-backend-webgpu, logits within 4e-7 of
 * PyTorch. A browser (or a runtime that already has `navigator.gpu`) needs nothing here.
 */
async function _provideNodeWebGpu(importPackage: (name: string) => Promise<unknown>): Promise<void> {
  const g = globalThis as { navigator?: { gpu?: unknown } };
  if (g.navigator?.gpu) return;
  let dawn: { create: (flags: string[]) => unknown; globals: Record<string, unknown> };
  try {
    dawn = (await importPackage('webgpu')) as typeof dawn;
  } catch (cause) {
    throw new BackendUnavailableError('backend webgpu under Node needs the package webgpu (Dawn), which is not installed', {
      field: 'backend', expected: 'npm install webgpu @tensorflow/tfjs-backend-webgpu', cause,
    });
  }
  Object.assign(globalThis, dawn.globals);
  const gpu = dawn.create((process.env.DAWN_FLAGS ?? '').split(',').filter(Boolean));
  // Node 21+ defines a read-only global navigator; define the property rather than assign it.
  if (g.navigator) Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
}

/**
 * tfjs's cpu backend writes an "install tfjs-node" banner to the console on its first tensor. The
 * library never prints, and `--quiet` / `--json` runs must stay clean, so mark it as already shown
 * (tfjs 4.22's `firstUse` field; a no-op if a later tfjs drops it).
 */
function _silenceCpuBanner(): void {
  const b = tf.backend() as unknown as { firstUse?: unknown };
  if (typeof b.firstUse === 'boolean') b.firstUse = false;
}
