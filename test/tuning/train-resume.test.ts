import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenPath } from '../helpers/shared.js';
import { XglmModel, causalLmLoss } from '../../src/tuning/xglm/model.js';
import { train, clipByGlobalNormOnDevice, type TrainOptimizer, type TrainProblem } from '../../src/tuning/train.js';
import { Rng } from '../../src/util/rng.js';
import { AdamW } from '../../src/tuning/optim.js';

/** The project's AdamW (optim.ts), as train() gets it in real runs. */
function adamW(params: Map<string, tf.Variable>, weightDecay = 0.01): TrainOptimizer {
  return new AdamW(params, { lr: 0, weightDecay }).toTrainOptimizer();
}

/** Causal LM on fixed random sequences of varied length with the golden tiny XGLM, all parameters trainable. */
function tinyProblem(): { problem: TrainProblem; model: XglmModel } {
  const model = XglmModel.fromPretrained(goldenPath('tiny-xglm'));
  const rng = new Rng(123);
  const seqs = Array.from({ length: 12 }, (_, i) => Array.from({ length: 4 + (i % 5) }, () => 4 + rng.int(500)));
  const problem: TrainProblem = {
    trainable: model.parameters,
    lengths: seqs.map((s) => s.length),
    loss: (batch) => {
      const t = Math.max(...batch.map((i) => seqs[i]!.length));
      const ids = batch.map((i) => [...seqs[i]!, ...Array(t - seqs[i]!.length).fill(1)]);
      const mask = batch.map((i) => seqs[i]!.map(() => 1).concat(Array(t - seqs[i]!.length).fill(0)));
      const labels = ids.map((row, r) => row.map((id, c) => (mask[r]![c] ? id : -100)));
      const out = model.forward({ inputIds: tf.tensor2d(ids, undefined, 'int32'), attentionMask: tf.tensor2d(mask, undefined, 'int32') });
      return causalLmLoss(out.logits, tf.tensor2d(labels, undefined, 'int32'));
    },
  };
  return { problem, model };
}

test('killed after 3 steps and resumed: the loss trajectory equals an uninterrupted 7-step run', async () => {
  await tf.setBackend('cpu');
  const options = { steps: 7, batchSize: 4, lr: 1e-2, warmupSteps: 2, seed: 5, checkpointEvery: 2 };
  const a = tinyProblem();
  const full = await train(a.problem, adamW(a.model.parameters), options);
  assert.equal(full.losses.length, 7);
  assert.ok(full.losses.every(Number.isFinite));

  const dir = mkdtempSync(join(tmpdir(), 'tokgap-ckpt-'));
  try {
    const b = tinyProblem();
    const first = await train(b.problem, adamW(b.model.parameters), { ...options, checkpointDir: dir, stopAtStep: 3 });
    assert.equal(first.finished, false);
    assert.equal(first.step, 3);
    b.model.dispose();
    // A fresh process would start from the pretrained weights again: the checkpoint must override them.
    const c = tinyProblem();
    const second = await train(c.problem, adamW(c.model.parameters), { ...options, checkpointDir: dir });
    assert.equal(second.resumed, true);
    assert.equal(second.finished, true);
    assert.equal(second.losses.length, 7);
    second.losses.forEach((l, i) => assert.ok(Math.abs(l - full.losses[i]!) < 1e-5, `step ${i + 1}: ${l} vs ${full.losses[i]}`));
    for (const [name, v] of a.model.parameters) {
      const diff = tf.max(tf.abs(tf.sub(v, c.model.param(name)))).dataSync()[0]!;
      assert.ok(diff < 1e-5, `${name} differs by ${diff}`);
    }
    // Only the newest tensors file is kept.
    assert.deepEqual(readdirSync(dir).sort(), ['checkpoint.json', 'state-7.safetensors']);
    await assert.rejects(train(c.problem, adamW(c.model.parameters), { ...options, seed: 6, checkpointDir: dir }), /checkpoint was made with seed 5/);
    c.model.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    a.model.dispose();
  }
});

test('dev selection keeps the best parameters; clipping scales to the max norm', async () => {
  await tf.setBackend('cpu');
  const w = tf.variable(tf.scalar(0));
  // Loss (w − 1)² → w climbs towards 1; the dev score peaks at step 2 by construction.
  const scores = [0.2, 0.9, 0.5, 0.1];
  let calls = 0;
  const seen: number[] = [];
  const result = await train(
    {
      trainable: new Map([['w', w]]),
      lengths: [1, 1],
      loss: () => tf.square(tf.sub(w, 1)) as tf.Scalar,
      evaluate: () => { seen.push(w.dataSync()[0]!); return scores[calls++]!; },
    },
    adamW(new Map([['w', w]]), 0),
    { steps: 4, batchSize: 2, lr: 0.1, warmupSteps: 0, seed: 1, evalEvery: 1, maxGradNorm: 0 },
  );
  assert.equal(result.bestStep, 2);
  assert.equal(result.bestScore, 0.9);
  assert.equal(w.dataSync()[0], seen[1]);
  const [g1, g2] = clipByGlobalNormOnDevice([tf.tensor1d([3, 0]), tf.tensor1d([0, 4])], 1).map((t) => Array.from(t.dataSync()));
  assert.ok(Math.abs(g1![0]! - 0.6) < 1e-5 && Math.abs(g2![1]! - 0.8) < 1e-5);
  const [g3] = clipByGlobalNormOnDevice([tf.tensor1d([0.3, 0.4])], 1).map((t) => Array.from(t.dataSync()));
  assert.ok(Math.abs(g3![0]! - 0.3) < 1e-6);
});
