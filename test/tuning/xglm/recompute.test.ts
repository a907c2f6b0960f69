import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../src/tuning/backend.js';
import { PromptTuningModel } from '../../../src/tuning/methods/prompt-tuning/model.js';
import { XglmModel } from '../../../src/tuning/xglm/model.js';
import { PROMPT_DIR, TINY_DIR, loadPeftGolden, loadXglmGolden, relL2 } from './golden.js';

// Activation checkpointing must not change a number: HF's gradients (all four checked
// parameters, the tied table among them) and PEFT's prompt gradient, through recomputed layers.
const xglm = loadXglmGolden();
const peft = loadPeftGolden();
const labelsOf = (ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor2D => tf.tidy(() => tf.where(tf.equal(mask, 0), tf.fill(mask.shape, -100, 'int32'), ids) as tf.Tensor2D);

for (const backend of ['cpu', 'wasm'] as const) {
  test(`recomputed layers give HF's loss and gradients on ${backend}`, async () => {
    await initBackend(backend);
    const model = XglmModel.fromPretrained(TINY_DIR);
    const ids = tf.tensor2d(xglm.input_ids, undefined, 'int32');
    const mask = tf.tensor2d(xglm.attention_mask, undefined, 'int32');
    const labels = labelsOf(ids, mask);
    const names = Object.keys(xglm.grads);
    const { value, grads } = tf.variableGrads(
      () => model.lmLoss(model.hidden({ inputIds: ids, attentionMask: mask, recomputeLayers: true }).lastHiddenState, labels, { chunkSize: 100 }),
      names.map((n) => model.param(n)),
    );
    assert.ok(Math.abs(value.dataSync()[0]! - xglm.loss) < 1e-5);
    for (const n of names) {
      const r = relL2(grads[model.param(n).name]!, xglm.grads[n]);
      assert.ok(r < 1e-4, `grad ${n} rel ${r}`);
    }
    tf.dispose([value, grads, ids, mask, labels]);
    model.dispose();
  });

  test(`recomputed layers give PEFT's prompt gradient, frozen weights untouched, on ${backend}`, async () => {
    await initBackend(backend);
    const base = XglmModel.fromPretrained(TINY_DIR);
    const pt = PromptTuningModel.load(base, PROMPT_DIR);
    const ids = tf.tensor2d(peft.input_ids, undefined, 'int32');
    const mask = tf.tensor2d(peft.attention_mask, undefined, 'int32');
    const labels = tf.tidy(() => pt.extendLabels(labelsOf(ids, mask)));
    const before = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(() => {
      const hidden = base.hidden({ inputsEmbeds: pt.embedWithPrompt(ids), attentionMask: pt.extendMask(mask), recomputeLayers: true }).lastHiddenState;
      return base.lmLoss(hidden, labels, { chunkSize: 100 });
    }, pt.trainableVariables());
    assert.ok(Math.abs(value.dataSync()[0]! - peft.loss) < 1e-5);
    const r = relL2(grads[pt.promptEmbeddings.name]!, peft.prompt_grad);
    assert.ok(r < 1e-4, `prompt grad rel ${r}`);
    tf.dispose([value, grads]);
    assert.equal(tf.memory().numTensors, before, 'nothing left behind');
    tf.dispose([ids, mask, labels]);
    pt.dispose();
    base.dispose();
  });
}
