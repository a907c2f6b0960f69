import { test } from 'node:test';
import assert from 'node:assert/strict';
import { permutationTest } from '../../../src/correlation/stats/permutation.js';
import { pearson } from '../../../src/correlation/stats/pearson.js';
import { spearman } from '../../../src/correlation/stats/spearman.js';
import { X7, Y7 } from './reference.js';

test('exact over all 7! = 5040 pairings; matches scipy.stats.permutation_test', () => {
  // Two-sided here means |r_perm| >= |r_obs|. scipy 1.10.1:
  // stats.permutation_test((X7,), lambda x: abs(stats.pearsonr(x, Y7).statistic),
  //   permutation_type='pairings', n_resamples=np.inf, alternative='greater').pvalue -> 0.0011904761904761906
  // (scipy's own alternative='two-sided' doubles the smaller tail instead: 0.002380952380952381.)
  const p = permutationTest(X7, Y7, pearson);
  assert.equal(p.exact, true);
  assert.equal(p.permutations, 5040);
  assert.ok(Math.abs(p.p - 0.0011904761904761906) < 1e-15); // = 6 / 5040
  // same call with abs(spearmanr) -> 0.006746031746031746 (= 34 / 5040)
  assert.ok(Math.abs(permutationTest(X7, Y7, spearman).p - 0.006746031746031746) < 1e-15);
});

test('hand-computed: n = 3, y = x gives |r| = 1 only for identity and reversal: p = 2/6', () => {
  const p = permutationTest([1, 2, 3], [1, 2, 3], pearson);
  assert.equal(p.permutations, 6);
  assert.ok(Math.abs(p.p - 2 / 6) < 1e-15);
});

test('Monte Carlo beyond the exact limit uses (b+1)/(m+1), is seeded and close to the exact value', () => {
  const mc = permutationTest(X7, Y7, pearson, { exactLimit: 100, resamples: 4000, seed: 3 });
  assert.equal(mc.exact, false);
  assert.equal(mc.permutations, 4000);
  assert.ok(Math.abs(mc.p - 6 / 5040) < 0.002, String(mc.p));
  assert.equal(permutationTest(X7, Y7, pearson, { exactLimit: 100, resamples: 4000, seed: 3 }).p, mc.p);
  // never zero: with m = 99 and a perfect correlation of 10 points, at least 1/100
  const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const mc2 = permutationTest(x, x, pearson, { resamples: 99, seed: 1 });
  assert.ok(mc2.p >= 1 / 100 && mc2.p <= 2 / 100);
});
