import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../src/util/rng.js';
import { bucketedBatches, evalBatches } from '../../src/datasets/batches.js';

test('mulberry32: known first outputs for seed 0 and state round-trip', () => {
  // Reference values of the public-domain mulberry32 for seed 0 (computed with the C original).
  const r = new Rng(0);
  const first = [r.next(), r.next(), r.next()];
  assert.deepEqual(first.map((x) => Math.round(x * 4294967296)), [1144304738, 1416247, 958946056]);
  const a = new Rng(42);
  a.next(); a.next();
  const b = Rng.fromState(a.state);
  assert.deepEqual([a.next(), a.int(1000)], [b.next(), b.int(1000)]);
});

test('bucketed batches: each index once, batches sorted within a pool, deterministic by seed', () => {
  const lengths = Array.from({ length: 103 }, (_, i) => (i * 37) % 50);
  const a = bucketedBatches(lengths, 8, new Rng(7), 4);
  const b = bucketedBatches(lengths, 8, new Rng(7), 4);
  const c = bucketedBatches(lengths, 8, new Rng(8), 4);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.deepEqual(a.flat().sort((x, y) => x - y), lengths.map((_, i) => i));
  for (const batch of a) {
    assert.ok(batch.length <= 8);
    for (let i = 1; i < batch.length; i++) assert.ok(lengths[batch[i]!]! >= lengths[batch[i - 1]!]!);
  }
  assert.deepEqual(evalBatches([5, 1, 3], 2), [[1, 2], [0]]);
});
