import { test } from 'node:test';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { findBlas, initBackend, type WasmMatMulChoice } from '../../../src/tuning/backend.js';
import { XglmModel, causalLmLoss, xglmParameterShapes } from '../../../src/tuning/xglm/model.js';
import { TINY_DIR, loadXglmGolden, relL2 } from './golden.js';

// Ground truth: HF transformers' XGLMForCausalLM on a padded batch (fixtures/golden/make_golden.py).
const golden = loadXglmGolden();

// cpu and wasm always run (CI); the native and GPU backends run wherever their optional package is
// installed (e.g. on a GPU machine with @tensorflow/tfjs-backend-webgpu), and are skipped otherwise.
const OPTIONAL: Record<string, string[]> = {
  node: ['@tensorflow/tfjs-node'],
  'node-gpu': ['@tensorflow/tfjs-node-gpu'],
  webgpu: ['@tensorflow/tfjs-backend-webgpu', 'webgpu'],
};
function missingPackage(backend: string): string | false {
  for (const pkg of OPTIONAL[backend] ?? []) {
    try {
      createRequire(import.meta.url).resolve(pkg);
    } catch {
      return `${pkg} is not installed`;
    }
  }
  return false;
}

// wasm runs once per matmul engine: XNNPACK (always there) and OpenBLAS through koffi, which must
// load under CI (.ci/run installs libopenblas0-openmp) and is skipped, saying why, elsewhere.
function missingBlas(): string | false {
  const { blas, tried } = findBlas();
  if (blas !== undefined || process.env.CI === 'true') return false;
  return `no OpenBLAS: ${tried.join('; ')}`;
}
const RUNS: { backend: 'cpu' | 'wasm' | 'node' | 'node-gpu' | 'webgpu'; matmul?: WasmMatMulChoice; skip: string | false }[] = [
  { backend: 'cpu', skip: false },
  { backend: 'wasm', matmul: 'xnnpack', skip: false },
  { backend: 'wasm', matmul: 'openblas', skip: missingBlas() },
  ...(['node', 'node-gpu', 'webgpu'] as const).map((backend) => ({ backend, skip: missingPackage(backend) })),
];

for (const { backend, matmul, skip } of RUNS) {
  const where = matmul ? `${backend} (${matmul} matmuls)` : backend;
  test(`tiny-xglm matches HF on ${where}: logits, hidden states, loss, gradients`, { skip }, async () => {
    const info = await initBackend(backend, matmul ? { matmul } : {});
    if (matmul) assert.equal(info.matmul, matmul);
    const model = XglmModel.fromPretrained(TINY_DIR);
    assert.deepEqual([...xglmParameterShapes(model.config).keys()], golden.param_names);
    const ids = tf.tensor2d(golden.input_ids, undefined, 'int32');
    const mask = tf.tensor2d(golden.attention_mask, undefined, 'int32');
    const labels = tf.tidy(() => tf.where(tf.equal(mask, 0), tf.fill(mask.shape, -100, 'int32'), ids)) as tf.Tensor2D;

    tf.tidy(() => {
      const out = model.forward({ inputIds: ids, attentionMask: mask, outputHiddenStates: true });
      assert.deepEqual(out.logits.shape, [3, 12, 512]);
      assert.ok(relL2(out.logits, golden.logits) < 1e-4, `logits rel ${relL2(out.logits, golden.logits)}`);
      if (process.env.TOKGAP_VERBOSE) console.log(where, "logits", relL2(out.logits, golden.logits));
      assert.equal(out.hiddenStates?.length, golden.hidden_states.length);
      out.hiddenStates?.forEach((h, i) => {
        const r = relL2(h, golden.hidden_states[i]);
        assert.ok(r < 1e-4, `hidden state ${i} rel ${r}`);
      });
      const loss = causalLmLoss(out.logits, labels).dataSync()[0];
      assert.ok(Math.abs(loss - golden.loss) < 1e-5, `loss ${loss} vs ${golden.loss}`);
    });

    const names = Object.keys(golden.grads);
    const { grads } = tf.variableGrads(
      () => causalLmLoss(model.forward({ inputIds: ids, attentionMask: mask }).logits, labels),
      names.map((n) => model.param(n)),
    );
    for (const n of names) {
      const g = grads[model.param(n).name];
      const r = relL2(g, golden.grads[n]);
      assert.ok(r < 1e-4, `grad ${n} rel ${r}`);
      if (process.env.TOKGAP_VERBOSE) console.log(where, n, r);
    }
    tf.dispose([ids, mask, labels, grads]);
    model.dispose();
  });
}

test('the padding row gets no gradient through the embedding lookup (torch padding_idx), others get scale × count', async () => {
  await initBackend('wasm');
  const model = XglmModel.fromPretrained(TINY_DIR);
  const table = model.param('model.embed_tokens.weight');
  const ids = tf.tensor2d([[2, 1, 7, 7]], undefined, 'int32'); // 1 = <pad>, here not masked
  const { grads } = tf.variableGrads(() => tf.sum(model.embed(ids)) as tf.Scalar, [table]);
  const g = grads[table.name].arraySync() as number[][];
  const scale = Math.sqrt(64);
  assert.ok(g[1].every((x) => x === 0), 'pad row');
  assert.ok(g[2].every((x) => Math.abs(x - scale) < 1e-5), 'id 2 once');
  assert.ok(g[7].every((x) => Math.abs(x - 2 * scale) < 1e-5), 'id 7 twice');
  assert.ok(g[3].every((x) => x === 0), 'unused id');
  tf.dispose([ids, grads]);
  model.dispose();
});

test('training: true applies the config dropouts; eval is deterministic', async () => {
  await initBackend('wasm');
  const base = XglmModel.fromPretrained(TINY_DIR);
  const dropped = XglmModel.fromTensors({ ...base.config, dropout: 0.5, attention_dropout: 0.5, activation_dropout: 0.5 }, new Map(
    [...base.parameters].map(([n, v]) => [n, { dtype: 'F32', shape: v.shape, data: v.dataSync() as Float32Array }]),
  ));
  const ids = tf.tensor2d([[2, 5, 9, 100, 7, 8]], undefined, 'int32');
  const run = (m: XglmModel, training: boolean): number[] => tf.tidy(() => Array.from(m.forward({ inputIds: ids, training }).logits.dataSync()));
  assert.deepEqual(run(dropped, false), run(base, false));
  assert.notDeepEqual(run(dropped, true), run(dropped, false));
  // The golden config has every dropout at 0, so training mode changes nothing there.
  assert.deepEqual(run(base, true), run(base, false));
  tf.dispose(ids);
  dropped.dispose();
  base.dispose();
});
