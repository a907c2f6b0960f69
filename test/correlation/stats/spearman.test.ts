import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spearman } from '../../../src/correlation/stats/spearman.js';
import { rank } from '../../../src/correlation/stats/rank.js';
import { X7, Y7 } from './reference.js';

test('published example: IQ vs hours of TV, rho = -29/165 (Wikipedia, "Spearman\'s rank correlation coefficient")', () => {
  const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
  const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
  assert.ok(Math.abs(spearman(iq, tv) - -29 / 165) < 1e-12);
});

test('ties get average ranks; matches scipy.stats.spearmanr', () => {
  assert.deepEqual(rank([10, 20, 20, 30, 40, 40, 40]), [1, 2.5, 2.5, 4, 6, 6, 6]);
  // scipy 1.10.1 stats.spearmanr([1,2,2,3,4,4,4,5],[2,1,3,3,5,4,6,7]).statistic -> 0.9200335844703181
  assert.ok(Math.abs(spearman([1, 2, 2, 3, 4, 4, 4, 5], [2, 1, 3, 3, 5, 4, 6, 7]) - 0.9200335844703181) < 1e-12);
  // scipy 1.10.1 stats.spearmanr(X7, Y7).statistic -> -0.9285714285714288 (= 1 - 6*108/336)
  assert.ok(Math.abs(spearman(X7, Y7) - -0.9285714285714288) < 1e-12);
});

test('ranking above 64 values (sort path) agrees with the hand rule: value v of 0..6, ten times each → rank 10v + 5.5', () => {
  const values = Array.from({ length: 70 }, (_, i) => (i * 3) % 7);
  rank(values).forEach((r, i) => assert.equal(r, 10 * values[i]! + 5.5));
  const small = values.slice(0, 14); // counting path: each value twice → rank 2v + 1.5
  rank(small).forEach((r, i) => assert.equal(r, 2 * small[i]! + 1.5));
});
