import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../src/tuning/backend.js';
import { FullFineTuningModel } from '../../../src/tuning/methods/full/model.js';
import { LinearHead, tokenClassificationLoss } from '../../../src/tuning/heads/linear-head.js';
import { AdamW } from '../../../src/tuning/optim.js';
import { XglmModel, causalLmLoss } from '../../../src/tuning/xglm/model.js';
import { TINY_DIR, loadXglmGolden } from '../xglm/golden.js';

const golden = loadXglmGolden();

test('full fine-tuning on wasm: every parameter gets a gradient (embeddings included) and a step lowers the loss', async () => {
  await initBackend('wasm');
  const base = XglmModel.fromPretrained(TINY_DIR);
  const ft = new FullFineTuningModel(base);
  assert.equal(ft.numTrainableParameters(), base.numParameters());
  const ids = tf.tensor2d(golden.input_ids, undefined, 'int32');
  const mask = tf.tensor2d(golden.attention_mask, undefined, 'int32');
  const labels = tf.tidy(() => tf.where(tf.equal(mask, 0), tf.fill(mask.shape, -100, 'int32'), ids)) as tf.Tensor2D;
  const opt = new AdamW(ft.trainableParameters(), { lr: 1e-3, maxGradNorm: 1 });
  const lossFn = (): tf.Scalar => causalLmLoss(ft.forward({ inputIds: ids, attentionMask: mask }).logits, labels);
  const { value, grads } = tf.variableGrads(lossFn, ft.trainableVariables());
  assert.equal(Object.keys(grads).length, golden.param_names.length);
  assert.ok(Math.abs(value.dataSync()[0] - golden.loss) < 1e-5);
  opt.step(grads);
  tf.dispose([value, grads]);
  // A second step allocates nothing that outlives it (long runs die of leaks).
  const before = tf.memory().numTensors;
  const again = tf.variableGrads(lossFn, ft.trainableVariables());
  opt.step(again.grads);
  tf.dispose([again.value, again.grads]);
  assert.equal(tf.memory().numTensors, before, 'tensors leaked by a training step');
  const after = tf.tidy(() => lossFn().dataSync()[0]);
  assert.ok(after < golden.loss, `loss ${after} should drop below ${golden.loss}`);
  const frozen = new FullFineTuningModel(base, { freeze_embeddings: true });
  assert.equal(frozen.numTrainableParameters(), base.numParameters() - 512 * 64);
  tf.dispose([ids, mask, labels]);
  opt.dispose();
  base.dispose();
});

test('LinearHead: hand-computed logits and token loss; save → load identical', async () => {
  await initBackend('cpu');
  const head = new LinearHead({ hiddenSize: 2, numLabels: 3, labels: ['A', 'B', 'C'] }, 0, 0, {
    weight: Float32Array.of(1, 0, 0, 1, 1, 1),
    bias: Float32Array.of(0, 0, 1),
  });
  const h = tf.tensor3d([[[1, 2], [0, 0]]]);
  const logits = head.apply(h);
  assert.deepEqual(Array.from(logits.dataSync()), [1, 2, 4, 0, 0, 1]);
  // log(e + e² + e⁴) − 4 = 0.169846…; the second token is ignored (-100).
  const loss = tokenClassificationLoss(logits, tf.tensor2d([[2, -100]], undefined, 'int32')).dataSync()[0];
  assert.ok(Math.abs(loss - 0.16984602) < 1e-6, `loss ${loss}`);
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-head-'));
  try {
    head.save(dir);
    const again = LinearHead.load(dir);
    assert.deepEqual(again.config, head.config);
    assert.deepEqual(Array.from(again.apply(h).dataSync()), [1, 2, 4, 0, 0, 1]);
    again.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  head.dispose();
});

test('full fine-tuning config: defaults, JSON round trip, bad values named', async () => {
  const { FullFineTuningConfigSchema, parseFullFineTuningConfig } = await import('../../../src/tuning/methods/full/config.js');
  const c = parseFullFineTuningConfig({});
  assert.deepEqual(c, { peft_type: 'FULL', freeze_embeddings: false });
  assert.deepEqual(FullFineTuningConfigSchema.parse(JSON.parse(JSON.stringify(c))), c);
  assert.throws(() => parseFullFineTuningConfig({ freeze_embeddings: 'yes' }), (e: unknown) => e instanceof Error && /freeze_embeddings/.test(e.message));
});
