// Backends: starting one (init.ts), the kernels tokgap registers on them (wasm-kernels.ts, with
// OpenBLAS matmuls from blas.ts / blas-matmul.ts) and the capabilities the model asks for.
export {
  initBackend, memoryLimitOf, AUTO_ORDER, BACKEND_CHOICES, WASM_MEMORY_LIMIT_BYTES, WASM_MATMUL_CHOICES, BackendUnavailableError,
  type BackendChoice, type BackendInfo, type InitBackendOptions, type WasmMatMulChoice,
} from './init.js';
export { backendCapabilities, setWasmMatMul, wasmMatMulEngine, type BackendCapabilities, type MatMulEngine } from './capabilities.js';
export { findBlas, avx512CoreType, BLAS_CANDIDATES, type Blas, type BlasLookup } from './blas.js';
export { gpuDeviceOf, type GpuDevice } from './gpu-device.js';
export { registerXglmKernels } from './wasm-kernels.js';
