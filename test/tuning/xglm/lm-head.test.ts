import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../src/tuning/backend.js';
import { PromptTuningModel } from '../../../src/tuning/methods/prompt-tuning/model.js';
import { XglmModel, causalLmLoss } from '../../../src/tuning/xglm/model.js';
import { sequenceLogProbs, sequenceLogProbsFromHidden } from '../../../src/tuning/lm-score.js';
import { PROMPT_DIR, TINY_DIR, loadPeftGolden, loadXglmGolden, relL2 } from './golden.js';

// Ground truth: HF transformers / PEFT on tiny-xglm (vocab 512). A chunk of 100 rows makes six
// chunks, the last one partial, so the running log-sum-exp is exercised across chunks.
const xglm = loadXglmGolden();
const peft = loadPeftGolden();
const CHUNKS = [100, 512, 4096];

const paddedLabels = (ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor2D =>
  tf.tidy(() => tf.where(tf.equal(mask, 0), tf.fill(mask.shape, -100, 'int32'), ids) as tf.Tensor2D);

for (const backend of ['cpu', 'wasm'] as const) {
  test(`chunked LM loss equals HF's loss and gradients (tied table trainable) on ${backend}`, async () => {
    await initBackend(backend);
    const model = XglmModel.fromPretrained(TINY_DIR);
    const ids = tf.tensor2d(xglm.input_ids, undefined, 'int32');
    const mask = tf.tensor2d(xglm.attention_mask, undefined, 'int32');
    const labels = paddedLabels(ids, mask);
    const names = Object.keys(xglm.grads);
    assert.ok(names.includes('model.embed_tokens.weight'), 'the tied table is among the checked gradients');
    for (const chunkSize of CHUNKS) {
      const { value, grads } = tf.variableGrads(
        () => model.lmLoss(model.hidden({ inputIds: ids, attentionMask: mask }).lastHiddenState, labels, { chunkSize }),
        names.map((n) => model.param(n)),
      );
      const loss = value.dataSync()[0]!;
      assert.ok(Math.abs(loss - xglm.loss) < 1e-5, `chunk ${chunkSize}: loss ${loss} vs ${xglm.loss}`);
      const unchunked = tf.tidy(() => causalLmLoss(model.forward({ inputIds: ids, attentionMask: mask }).logits, labels).dataSync()[0]!);
      assert.ok(Math.abs(loss - unchunked) < 1e-5, `chunk ${chunkSize}: ${loss} vs unchunked ${unchunked}`);
      for (const n of names) {
        const r = relL2(grads[model.param(n).name]!, xglm.grads[n]);
        assert.ok(r < 1e-4, `chunk ${chunkSize}: grad ${n} rel ${r}`);
      }
      tf.dispose([value, grads]);
    }
    tf.dispose([ids, mask, labels]);
    model.dispose();
  });

  test(`chunked LM loss gives PEFT's loss and prompt gradient (frozen table) on ${backend}`, async () => {
    await initBackend(backend);
    const base = XglmModel.fromPretrained(TINY_DIR);
    const pt = PromptTuningModel.load(base, PROMPT_DIR);
    assert.equal(base.lmHeadWeight().trainable, false);
    const ids = tf.tensor2d(peft.input_ids, undefined, 'int32');
    const mask = tf.tensor2d(peft.attention_mask, undefined, 'int32');
    const labels = tf.tidy(() => pt.extendLabels(paddedLabels(ids, mask)));
    for (const chunkSize of CHUNKS) {
      const before = tf.memory().numTensors;
      const { value, grads } = tf.variableGrads(
        () => base.lmLoss(pt.forward({ inputIds: ids, attentionMask: mask, outputHiddenStates: false }).lastHiddenState, labels, { chunkSize }),
        pt.trainableVariables(),
      );
      assert.deepEqual(Object.keys(grads), [pt.promptEmbeddings.name]);
      const loss = value.dataSync()[0]!;
      assert.ok(Math.abs(loss - peft.loss) < 1e-5, `chunk ${chunkSize}: loss ${loss} vs ${peft.loss}`);
      const r = relL2(grads[pt.promptEmbeddings.name]!, peft.prompt_grad);
      assert.ok(r < 1e-4, `chunk ${chunkSize}: prompt grad rel ${r}`);
      tf.dispose([value, grads]);
      assert.equal(tf.memory().numTensors, before, 'the step leaves no tensor behind');
    }
    tf.dispose([ids, mask, labels]);
    pt.dispose();
    base.dispose();
  });

  test(`chunked sequence log-probs (verbalizer scores) equal the logits' on ${backend}`, async () => {
    await initBackend(backend);
    const model = XglmModel.fromPretrained(TINY_DIR);
    const ids = tf.tensor2d(xglm.input_ids, undefined, 'int32');
    const mask = tf.tensor2d(xglm.attention_mask, undefined, 'int32');
    // From the golden logits themselves: the scores HF's own logits give.
    const reference = tf.tidy(() => Array.from(sequenceLogProbs(tf.tensor3d(xglm.logits), ids, mask).dataSync()));
    for (const chunkSize of CHUNKS) {
      const scores = tf.tidy(() => Array.from(sequenceLogProbsFromHidden(model.hidden({ inputIds: ids, attentionMask: mask }).lastHiddenState, model.lmHeadWeight(), ids, mask, { chunkSize }).dataSync()));
      assert.equal(scores.length, reference.length);
      scores.forEach((s, i) => assert.ok(Math.abs(s - reference[i]!) < 1e-3 * Math.max(1, Math.abs(reference[i]!)), `chunk ${chunkSize}, sequence ${i}: ${s} vs ${reference[i]}`));
    }
    tf.dispose([ids, mask]);
    model.dispose();
  });
}
