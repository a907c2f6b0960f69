import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { AdamW, clipByGlobalNorm } from '../../src/tuning/optim.js';

// Hand-computed torch.optim.AdamW steps (lr 0.1, wd 0.01, betas 0.9/0.999, eps 1e-8), g = [0.5, -1]:
// step 1: m = 0.1g, v = 0.001g², m̂/√v̂ = sign(g) → p = p(1 − 0.001) − 0.1·sign(g) = [0.899, −1.898]
// step 2: m = 0.19g, v = 0.001999g², same ratio → p = [0.899·0.999 − 0.1, −1.898·0.999 + 0.1] = [0.798101, −1.796102]
test('AdamW matches hand-computed torch AdamW updates', () => {
  const p = tf.variable(tf.tensor1d([1, -2]));
  const opt = new AdamW(new Map([['w', p]]), { lr: 0.1, weightDecay: 0.01 });
  const g = tf.tensor1d([0.5, -1]);
  opt.step({ [p.name]: g });
  const s1 = Array.from(p.dataSync());
  assert.ok(Math.abs(s1[0] - 0.899) < 1e-6 && Math.abs(s1[1] + 1.898) < 1e-6, `step 1 ${s1}`);
  opt.step({ [p.name]: g });
  const s2 = Array.from(p.dataSync());
  assert.ok(Math.abs(s2[0] - 0.798101) < 1e-6 && Math.abs(s2[1] + 1.796102) < 1e-6, `step 2 ${s2}`);
  assert.equal(opt.stepCount, 2);
  // State round trip: a fresh optimiser restored from state continues identically.
  const q = tf.variable(tf.tensor1d(s2));
  const opt2 = new AdamW(new Map([['w', q]]), { lr: 0.1, weightDecay: 0.01 });
  opt2.loadStateTensors(opt.stateTensors());
  opt.step({ [p.name]: g });
  opt2.step({ [q.name]: g });
  assert.deepEqual(Array.from(q.dataSync()), Array.from(p.dataSync()));
  tf.dispose([p, q, g]);
  opt.dispose();
  opt2.dispose();
});

test('noDecay exempts parameters from weight decay', () => {
  const p = tf.variable(tf.tensor1d([1]));
  const opt = new AdamW(new Map([['bias', p]]), { lr: 0.1, weightDecay: 0.5, noDecay: (n) => n === 'bias' });
  opt.step({ [p.name]: tf.tensor1d([2]) });
  assert.ok(Math.abs(p.dataSync()[0] - 0.9) < 1e-6);
  opt.dispose();
  p.dispose();
});

test('global-norm clipping scales as torch clip_grad_norm_', () => {
  const { grads, norm } = clipByGlobalNorm([tf.tensor1d([3]), tf.tensor1d([4])], 1);
  assert.ok(Math.abs(norm - 5) < 1e-6);
  assert.ok(Math.abs(grads[0].dataSync()[0] - 0.6) < 1e-6 && Math.abs(grads[1].dataSync()[0] - 0.8) < 1e-6);
  const small = clipByGlobalNorm([tf.tensor1d([0.3])], 1);
  assert.ok(Math.abs(small.grads[0].dataSync()[0] - 0.3) < 1e-7);
  // With clipping on, one step of plain Adam moves by lr whatever the gradient scale.
  const p = tf.variable(tf.tensor1d([0]));
  const opt = new AdamW(new Map([['w', p]]), { lr: 0.01, weightDecay: 0, maxGradNorm: 1 });
  const r = opt.step({ [p.name]: tf.tensor1d([100]) });
  assert.ok(Math.abs(r.gradNorm - 100) < 1e-4);
  assert.ok(Math.abs(p.dataSync()[0] + 0.01) < 1e-6);
  opt.dispose();
});

test('toTrainOptimizer steps like step() and round-trips its state', () => {
  const p = tf.variable(tf.tensor1d([1, -2]));
  const opt = new AdamW(new Map([['w', p]]), { lr: 0.1, weightDecay: 0.01, maxGradNorm: 0.001 });
  const adapter = opt.toTrainOptimizer();
  adapter.step([p], [tf.tensor1d([0.5, -1])], 0.1); // the loop clips, so maxGradNorm is ignored here
  const s1 = Array.from(p.dataSync());
  assert.ok(Math.abs(s1[0] - 0.899) < 1e-6 && Math.abs(s1[1] + 1.898) < 1e-6, `step 1 ${s1}`);
  const q = tf.variable(tf.tensor1d(s1));
  const opt2 = new AdamW(new Map([['w', q]]), { lr: 0.1, weightDecay: 0.01 });
  opt2.toTrainOptimizer().setState(adapter.getState());
  assert.equal(opt2.stepCount, 1);
  opt.dispose();
  opt2.dispose();
});
