import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapInterval } from '../../../src/correlation/stats/bootstrap.js';
import { pearson } from '../../../src/correlation/stats/pearson.js';
import { quantile } from '../../../src/correlation/stats/quantile.js';

test('quantile matches numpy.percentile (linear) on hand values', () => {
  // numpy.percentile([1,2,3,4], [2.5, 50, 97.5]) -> [1.075, 2.5, 3.925]
  assert.ok(Math.abs(quantile([1, 2, 3, 4], 0.025) - 1.075) < 1e-12);
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.ok(Math.abs(quantile([1, 2, 3, 4], 0.975) - 3.925) < 1e-12);
});

test('Monte-Carlo percentile interval converges to the exact bootstrap distribution (all 5^5 resamples)', () => {
  const x = [1.2, 1.5, 1.9, 2.4, 3.1];
  const y = [0.1, -0.02, 0.05, -0.1, -0.15];
  // Exact bootstrap: enumerate every one of the 3125 index vectors.
  const exact: number[] = [];
  for (let code = 0; code < 5 ** 5; code++) {
    const idx = [0, 1, 2, 3, 4].map((k) => Math.floor(code / 5 ** k) % 5);
    const r = pearson(idx.map((i) => x[i]!), idx.map((i) => y[i]!));
    if (Number.isFinite(r)) exact.push(r);
  }
  exact.sort((a, b) => a - b);
  const ci = bootstrapInterval(x, y, pearson, { resamples: 20000, seed: 7 });
  assert.ok(Math.abs(ci.low - quantile(exact, 0.025)) < 0.03, `${ci.low} vs ${quantile(exact, 0.025)}`);
  assert.ok(Math.abs(ci.high - quantile(exact, 0.975)) < 0.03, `${ci.high} vs ${quantile(exact, 0.975)}`);
  // 5 of 3125 resamples repeat one language 5 times: undefined r, dropped (≈ 0.16%).
  assert.ok(ci.dropped > 0 && ci.dropped < 100);
  assert.equal(ci.valid + ci.dropped, 20000);
});

test('seeded: same seed same interval; a perfect line gives [1, 1]', () => {
  const x = [1, 2, 3, 4, 5, 6];
  const y = [0.3, 0.1, 0.5, 0.4, 0.9, 0.7];
  assert.deepEqual(bootstrapInterval(x, y, pearson, { resamples: 500, seed: 2 }), bootstrapInterval(x, y, pearson, { resamples: 500, seed: 2 }));
  const line = bootstrapInterval(x, x.map((v) => 2 * v + 1), pearson, { resamples: 300 });
  assert.ok(Math.abs(line.low - 1) < 1e-12 && Math.abs(line.high - 1) < 1e-12);
});
