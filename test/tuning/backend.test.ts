import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { AUTO_ORDER, avx512CoreType, findBlas, gpuDeviceOf, initBackend } from '../../src/tuning/backend.js';
import { isTokgapError } from '../../src/errors.js';

test('cpu and wasm start and report their tfjs names', async () => {
  assert.equal((await initBackend('cpu')).name, 'cpu');
  const wasm = await initBackend('wasm');
  assert.equal(wasm.name, 'wasm');
  assert.ok(wasm.memoryLimitBytes !== undefined);
  // The fixes we register: UnsortedSegmentSum exists on wasm (embedding gradients).
  assert.ok(tf.getKernel('UnsortedSegmentSum', 'wasm') !== undefined);
  // Our block-copy Unpack (axis 0) and the stock one (other axes) give the right pieces.
  const x = tf.tensor3d([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
  assert.deepEqual(tf.unstack(x).map((t) => Array.from(t.dataSync())), [[1, 2, 3, 4], [5, 6, 7, 8]]);
  assert.deepEqual(tf.unstack(x, 1).map((t) => Array.from(t.dataSync())), [[1, 2, 5, 6], [3, 4, 7, 8]]);
  // Embedding gradient through the JS UnsortedSegmentSum: row 1 gathered twice.
  const table = tf.variable(tf.tensor2d([[1, 1], [2, 2], [3, 3]]));
  const { grads } = tf.variableGrads(() => tf.sum(tf.gather(table, tf.tensor1d([1, 1, 2], 'int32'))) as tf.Scalar, [table]);
  assert.deepEqual(Array.from(grads[table.name].dataSync()), [0, 0, 2, 2, 1, 1]);
  tf.dispose([x, table, grads]);
});

/** An `import()` for which every optional backend package is missing, whatever this machine has installed. */
const NOTHING_INSTALLED = async (name: string): Promise<never> => {
  throw Object.assign(new Error(`Cannot find package '${name}'`), { code: 'ERR_MODULE_NOT_FOUND' });
};

test('a requested backend whose package is missing says which package to install', async () => {
  const options = { importPackage: NOTHING_INSTALLED };
  await assert.rejects(initBackend('node', options), (e: unknown) => isTokgapError(e) && e.code === 'BACKEND_UNAVAILABLE' && /@tensorflow\/tfjs-node\b/.test(e.message) && e.expected === 'npm install @tensorflow/tfjs-node');
  await assert.rejects(initBackend('node-gpu', options), (e: unknown) => isTokgapError(e) && /@tensorflow\/tfjs-node-gpu/.test(e.message));
  // Under Node, webgpu needs Dawn (npm `webgpu`) for navigator.gpu as well as the tfjs backend.
  if (!(globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu) {
    await assert.rejects(initBackend('webgpu', options), (e: unknown) => isTokgapError(e) && e.code === 'BACKEND_UNAVAILABLE' && /webgpu \(Dawn\)/.test(e.message) && e.expected === 'npm install webgpu @tensorflow/tfjs-backend-webgpu');
  }
  await assert.rejects(initBackend('bogus' as 'cpu'), (e: unknown) => isTokgapError(e) && e.code === 'INVALID_OPTION' && e.field === 'backend');
});

test('auto takes the first backend that starts (wasm, with the optional packages absent) and says why it skipped the others', async () => {
  const info = await initBackend('auto', { importPackage: NOTHING_INSTALLED });
  assert.equal(info.choice, 'wasm');
  assert.deepEqual(info.skipped.filter((s) => s.choice !== 'wasm+openblas').map((s) => s.choice), AUTO_ORDER.slice(0, AUTO_ORDER.indexOf('wasm')));
});

test('wasm runs its matmuls in OpenBLAS where one loads, in XNNPACK on request, and the label says which', async () => {
  const x = await initBackend('wasm', { matmul: 'xnnpack' });
  assert.equal(x.matmul, 'xnnpack');
  assert.equal(x.label, 'wasm');
  const { blas, tried } = findBlas();
  if (blas === undefined) {
    // Under CI (.ci/run installs libopenblas0-openmp) a missing OpenBLAS is a failure, not a skip.
    assert.notEqual(process.env.CI, 'true', `no OpenBLAS under CI: ${tried.join('; ')}`);
    await assert.rejects(initBackend('wasm', { matmul: 'openblas' }), (e: unknown) => isTokgapError(e) && e.code === 'BACKEND_UNAVAILABLE' && e.field === 'matmul');
    const auto = await initBackend('wasm', { matmul: 'auto' });
    assert.equal(auto.matmul, 'xnnpack');
    assert.ok(auto.skipped.some((s) => s.choice === 'wasm+openblas'));
    return;
  }
  const b = await initBackend('wasm', { matmul: 'openblas' });
  assert.equal(b.matmul, 'openblas');
  assert.equal(b.label, 'wasm+openblas');
  assert.ok(b.device?.includes(blas.library));
  // Same product on both engines, transpose flags and a broadcast batch included (hand-checked values).
  const a = tf.tensor3d([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
  const w = tf.tensor2d([[1, 0], [1, 1]]);
  const want = [[[3, 2], [7, 4]], [[11, 6], [15, 8]]];
  assert.deepEqual(tf.matMul(a, w.expandDims(0).tile([2, 1, 1]) as tf.Tensor3D).arraySync(), want);
  assert.deepEqual(tf.matMul(a, tf.tensor3d([[[1, 1], [0, 1]]]), false, true).arraySync(), want);
  assert.deepEqual(tf.matMul(tf.tensor2d([[1, 3], [2, 4]]), w, true, false).arraySync(), [[3, 2], [7, 4]]);
  const fused = tf.fused.matMul({ a: tf.tensor2d([[1, 2]]), b: w, bias: tf.tensor1d([10, 20]) });
  assert.deepEqual(fused.arraySync(), [[13, 22]]);
  tf.dispose([a, w, fused]);
  await initBackend('wasm');
});

function dropTensorflow(): void {
  if (tf.findBackendFactory('tensorflow') !== null) tf.removeBackend('tensorflow');
}

test('node-gpu is refused when TensorFlow loaded without a GPU device, and says what it found', async () => {
  // A stand-in for tfjs-node-gpu: registers a `tensorflow` backend that reports its device as tfjs-node's does.
  const fake = (usingGpu: boolean) => async (name: string): Promise<void> => {
    if (name !== '@tensorflow/tfjs-node-gpu') return NOTHING_INSTALLED(name);
    dropTensorflow();
    tf.registerBackend('tensorflow', () => Object.assign(Object.create(tf.KernelBackend.prototype), { isGPUPackage: true, isUsingGpuDevice: usingGpu, dispose: () => {} }));
  };
  try {
    await assert.rejects(initBackend('node-gpu', { importPackage: fake(false) }), (e: unknown) => isTokgapError(e) && e.code === 'BACKEND_UNAVAILABLE' && /no GPU device/.test(e.message) && /--backend node/.test(e.expected ?? ''));
    const auto = await initBackend('auto', { importPackage: fake(false) });
    assert.match(auto.skipped.find((s) => s.choice === 'node-gpu')?.reason ?? '', /no GPU device/);
    const gpu = await initBackend('node-gpu', { importPackage: fake(true) });
    assert.equal(gpu.choice, 'node-gpu');
    assert.equal(gpu.device, 'TensorFlow GPU device (CUDA)');
  } finally {
    dropTensorflow();
    await initBackend('wasm');
  }
});

test('gpuDeviceOf reads what tfjs-node says about its device', () => {
  assert.deepEqual(gpuDeviceOf({ isGPUPackage: true, isUsingGpuDevice: true }).found, true);
  assert.deepEqual(gpuDeviceOf({ isGPUPackage: true, isUsingGpuDevice: false }).found, false);
  assert.deepEqual(gpuDeviceOf({ isGPUPackage: false, isUsingGpuDevice: false }).found, false);
  assert.equal(gpuDeviceOf({ binding: { isUsingGpuDevice: () => true } }).found, true);
  assert.match(gpuDeviceOf({}).detail, /does not say/);
});

test('wasm finds its .wasm files from any working directory', () => {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const backend = pathToFileURL(fileURLToPath(new URL('../../src/tuning/backend.ts', import.meta.url))).href;
  const script = `const { initBackend } = await import(${JSON.stringify(backend)}); const i = await initBackend('wasm'); console.log('OK', i.name);`;
  const r = spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { cwd: tmpdir(), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /OK wasm/);
});

test('avx512CoreType asks OpenBLAS for its AVX-512 kernels on AMD CPUs that have them, and nothing elsewhere', () => {
  const cpu = (vendor: string, flags: string): string => `processor\t: 0\nvendor_id\t: ${vendor}\nflags\t\t: ${flags}\nbugs\t\t: sysret_ss_attrs\n`;
  assert.equal(avx512CoreType(cpu('AuthenticAMD', 'fpu sse2 avx2 fma avx512f avx512dq avx512bw avx512vl avx512_bf16')), 'SkylakeX');
  assert.equal(avx512CoreType(cpu('AuthenticAMD', 'fpu sse2 avx2 fma')), undefined); // Zen 3: Haswell is right
  assert.equal(avx512CoreType(cpu('GenuineIntel', 'fpu avx2 avx512f avx512dq avx512bw avx512vl')), undefined); // OpenBLAS knows Intel's
  assert.equal(avx512CoreType(''), undefined);
});

test('OpenBLAS threads: the environment wins; else every core alone, and cores / processes for workers sharing them', async () => {
  const { availableParallelism } = await import('node:os');
  const { blasThreads, sharedCoresEnv } = await import('../../src/tuning/backend/blas.js');
  const cores = availableParallelism();
  assert.equal(blasThreads({ TOKGAP_BLAS_THREADS: '3' }), 3);
  assert.equal(blasThreads({}), cores);
  for (const bad of ['0', '-2', 'x', '']) assert.equal(blasThreads({ TOKGAP_BLAS_THREADS: bad }), cores, bad);
  assert.equal(sharedCoresEnv(2, {}).TOKGAP_BLAS_THREADS, String(Math.max(1, Math.floor(cores / 2))));
  assert.equal(sharedCoresEnv(cores * 4, {}).TOKGAP_BLAS_THREADS, '1');
  assert.equal(sharedCoresEnv(2, { TOKGAP_BLAS_THREADS: '5' }).TOKGAP_BLAS_THREADS, '5');
  assert.equal(sharedCoresEnv(1, { PATH: '/bin' }).PATH, '/bin');
});
