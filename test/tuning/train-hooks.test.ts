import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { train } from '../../src/tuning/train.js';
import { AdamW } from '../../src/tuning/optim.js';

test('onBatch names each step\'s examples before the step runs; each epoch uses every example once', async () => {
  await tf.setBackend('cpu');
  const w = tf.variable(tf.scalar(0));
  const events: string[] = [];
  const batches: number[][] = [];
  const lossBatches: number[][] = [];
  await train(
    {
      trainable: new Map([['w', w]]),
      lengths: [3, 1, 2, 5, 4, 2],
      loss: (batch) => { lossBatches.push([...batch]); return tf.square(tf.sub(w, batch.length)) as tf.Scalar; },
    },
    new AdamW(new Map([['w', w]]), { lr: 0 }).toTrainOptimizer(),
    {
      steps: 6, batchSize: 2, lr: 0.1, seed: 4,
      onBatch: ({ step, batch }) => { events.push(`batch ${step}`); batches.push([...batch]); },
      onStep: ({ step }) => events.push(`step ${step}`),
    },
  );
  assert.deepEqual(events, [1, 2, 3, 4, 5, 6].flatMap((s) => [`batch ${s}`, `step ${s}`]));
  assert.deepEqual(batches, lossBatches);
  for (const epoch of [batches.slice(0, 3), batches.slice(3)]) assert.deepEqual(epoch.flat().sort(), [0, 1, 2, 3, 4, 5]);
  w.dispose();
});
