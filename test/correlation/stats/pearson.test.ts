import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pearson, correlationPValue } from '../../../src/correlation/stats/pearson.js';
import { ANSCOMBE_X, ANSCOMBE_Y1, X7, Y7 } from './reference.js';

test('Anscombe I: r = 0.816 (published), p from scipy.stats.pearsonr', () => {
  const r = pearson(ANSCOMBE_X, ANSCOMBE_Y1);
  assert.equal(r.toFixed(3), '0.816');
  // scipy 1.10.1 stats.pearsonr(x, y1) -> (0.81642051634484, 0.002169628873078783)
  assert.ok(Math.abs(r - 0.81642051634484) < 1e-12);
  assert.ok(Math.abs(correlationPValue(r, 11) - 0.002169628873078783) < 1e-10);
});

test('7-point example against scipy.stats.pearsonr', () => {
  // scipy 1.10.1 stats.pearsonr(X7, Y7) -> (-0.9529128112077705, 0.0009008793212145767)
  const r = pearson(X7, Y7);
  assert.ok(Math.abs(r - -0.9529128112077705) < 1e-12);
  assert.ok(Math.abs(correlationPValue(r, 7) - 0.0009008793212145767) < 1e-10);
});

test('hand-computed: perfect lines and zero variance', () => {
  assert.equal(pearson([1, 2, 3], [2, 4, 6]), 1);
  assert.equal(pearson([1, 2, 3], [3, 2, 1]), -1);
  // x = (1,2,3), y = (1,3,2): Sxy = 1, Sxx = Syy = 2 -> r = 0.5
  assert.ok(Math.abs(pearson([1, 2, 3], [1, 3, 2]) - 0.5) < 1e-15);
  assert.ok(Number.isNaN(pearson([1, 1, 1], [1, 2, 3])));
  assert.ok(Number.isNaN(pearson([1], [1])));
});
