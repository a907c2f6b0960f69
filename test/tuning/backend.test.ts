import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { AUTO_ORDER, initBackend } from '../../src/tuning/backend.js';
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

test('a requested backend whose package is missing says which package to install', async () => {
  // None of the optional native/WebGPU packages is installed in this repository.
  await assert.rejects(initBackend('node'), (e: unknown) => isTokgapError(e) && e.code === 'BACKEND_UNAVAILABLE' && /@tensorflow\/tfjs-node\b/.test(e.message) && e.expected === 'npm install @tensorflow/tfjs-node');
  await assert.rejects(initBackend('node-gpu'), (e: unknown) => isTokgapError(e) && /@tensorflow\/tfjs-node-gpu/.test(e.message));
  // Under Node, webgpu needs Dawn (npm `webgpu`) for navigator.gpu as well as the tfjs backend.
  await assert.rejects(initBackend('webgpu'), (e: unknown) => isTokgapError(e) && e.code === 'BACKEND_UNAVAILABLE' && /webgpu \(Dawn\)/.test(e.message) && e.expected === 'npm install webgpu @tensorflow/tfjs-backend-webgpu');
  await assert.rejects(initBackend('bogus' as 'cpu'), (e: unknown) => isTokgapError(e) && e.code === 'INVALID_OPTION' && e.field === 'backend');
});

test('auto takes the first backend that starts (wasm here) and says why it skipped the others', async () => {
  const info = await initBackend('auto');
  assert.equal(info.choice, 'wasm');
  assert.deepEqual(info.skipped.map((s) => s.choice), AUTO_ORDER.slice(0, AUTO_ORDER.indexOf('wasm')));
});

test('wasm finds its .wasm files from any working directory', () => {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const backend = pathToFileURL(fileURLToPath(new URL('../../src/tuning/backend.ts', import.meta.url))).href;
  const script = `const { initBackend } = await import(${JSON.stringify(backend)}); const i = await initBackend('wasm'); console.log('OK', i.name);`;
  const r = spawnSync(process.execPath, ['--import', tsx, '--input-type=module', '-e', script], { cwd: tmpdir(), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /OK wasm/);
});
