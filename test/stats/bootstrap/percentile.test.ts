import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentileInterval, quantileSorted } from '../../../src/stats/bootstrap/percentile.js';

test('quantiles interpolate linearly between order statistics (numpy\'s default)', () => {
  // h = (n − 1)·q: for [1, 2, 2, 3], q = 0.025 → h = 0.075 → 1 + 0.075·(2 − 1).
  assert.equal(quantileSorted([1, 2, 2, 3], 0.025), 1.075);
  assert.ok(Math.abs(quantileSorted([1, 2, 2, 3], 0.975) - 2.925) < 1e-15);
  assert.equal(quantileSorted([5], 0.3), 5);
  assert.equal(quantileSorted([0, 10], 0.5), 5);
});

test('intervals leave out undefined replicates and are null when none is defined', () => {
  assert.deepEqual(percentileInterval([3, Number.NaN, 1, 2, 2], 0.95)?.map((v) => Math.round(v * 1e12) / 1e12), [1.075, 2.925]);
  assert.equal(percentileInterval([Number.NaN, Number.NaN], 0.95), null);
  assert.equal(percentileInterval([], 0.95), null);
  assert.deepEqual(percentileInterval([4, 4, 4], 0.95), [4, 4]);
});
