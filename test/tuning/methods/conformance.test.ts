import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../src/tuning/backend.js';
import { TUNING_METHODS, createMethodRegistry, getTuningMethod, promptTuningMethod } from '../../../src/tuning/methods/registry.js';
import { AdamW } from '../../../src/tuning/optim.js';
import { XglmModel, causalLmLoss } from '../../../src/tuning/xglm/model.js';
import { isTokgapError } from '../../../src/errors.js';
import { TINY_DIR, loadXglmGolden } from '../xglm/golden.js';

// PEFT's shared tester idea: every registered method × config on the tiny model, same checks.
const CONFIGS: Record<string, unknown[]> = {
  prompt: [{ num_virtual_tokens: 3 }, { num_virtual_tokens: 2, prompt_tuning_init: 'SAMPLE_VOCAB' }],
  finetune: [{}, { freeze_embeddings: true }],
};
const golden = loadXglmGolden();

test('every registered method has conformance configs', () => {
  assert.deepEqual([...TUNING_METHODS.keys()].sort(), Object.keys(CONFIGS).sort());
});

for (const [name, configs] of Object.entries(CONFIGS)) {
  configs.forEach((config, i) => {
    test(`${name} #${i}: gradients for exactly the trainable set, a step lowers the loss, save → load identical`, async () => {
      await initBackend('wasm');
      const method = getTuningMethod(name);
      const base = XglmModel.fromPretrained(TINY_DIR);
      const tuned = method.create(base, config, { seed: 5 });
      const ids = tf.tensor2d(golden.input_ids, undefined, 'int32');
      const mask = tf.tensor2d(golden.attention_mask, undefined, 'int32');
      const labels = tf.tidy(() => tuned.alignLabels(tf.where(tf.equal(mask, 0), tf.fill(mask.shape, -100, 'int32'), ids) as tf.Tensor2D));
      const loss = (): tf.Scalar => causalLmLoss(tuned.forward({ inputIds: ids, attentionMask: mask }).logits, labels);
      const trainable = tuned.trainableParameters();
      assert.equal([...trainable.values()].reduce((n, v) => n + v.size, 0), tuned.numTrainableParameters());
      const { value, grads } = tf.variableGrads(loss, [...trainable.values()]);
      const before = value.dataSync()[0];
      assert.ok(Number.isFinite(before));
      for (const [n, v] of trainable) {
        const g = grads[v.name];
        assert.ok(g !== undefined && tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0]) > 0, `no gradient for ${n}`);
      }
      const opt = new AdamW(trainable, { lr: 1e-3, weightDecay: 0 });
      opt.step(grads);
      tf.dispose([value, grads]);
      const after = tf.tidy(() => loss().dataSync()[0]);
      assert.ok(after < before, `loss ${after} should drop below ${before}`);
      const dir = mkdtempSync(join(tmpdir(), `tokgap-${name}-`));
      try {
        tuned.save(dir);
        const freshBase = XglmModel.fromPretrained(TINY_DIR);
        const again = method.load(freshBase, dir);
        const a = tf.tidy(() => Array.from(tuned.forward({ inputIds: ids, attentionMask: mask }).logits.dataSync()));
        const b = tf.tidy(() => Array.from(again.forward({ inputIds: ids, attentionMask: mask }).logits.dataSync()));
        assert.deepEqual(b, a);
        again.dispose();
        freshBase.dispose();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      tf.dispose([ids, mask, labels]);
      opt.dispose();
      tuned.dispose();
      base.dispose();
    });
  });
}

test('registry refuses duplicates and names the known methods', () => {
  assert.throws(() => createMethodRegistry([promptTuningMethod, promptTuningMethod]), (e: unknown) => isTokgapError(e) && /twice/.test(e.message));
  assert.throws(() => getTuningMethod('lora'), (e: unknown) => isTokgapError(e) && e.field === 'method' && e.expected === 'prompt, finetune');
});
