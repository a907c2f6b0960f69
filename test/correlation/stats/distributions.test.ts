import { test } from 'node:test';
import assert from 'node:assert/strict';
import { studentTCdf, studentTTwoSided } from '../../../src/correlation/stats/distributions.js';

// scipy 1.10.1: stats.t.cdf(t, df) and 2 * stats.t.sf(abs(t), df)
const CASES: [number, number, number, number][] = [
  [2.0, 5, 0.9490302605850709, 0.10193947882985828],
  [-1.3, 3, 0.14223375436394847, 0.28446750872789694],
  [4.24, 9, 0.9989128546859574, 0.0021742906280852103],
  [0.5, 1, 0.6475836176504333, 0.7048327646991336],
  [3.1, 30, 0.9979077575697246, 0.004184484860550749],
];

test('Student t CDF and two-sided p against scipy.stats.t', () => {
  for (const [t, df, cdf, two] of CASES) {
    assert.ok(Math.abs(studentTCdf(t, df) - cdf) < 1e-12, `cdf(${t}, ${df})`);
    assert.ok(Math.abs(studentTTwoSided(t, df) - two) < 1e-12, `p(${t}, ${df})`);
  }
});

test('hand values: t = 0 gives p = 1 and cdf 0.5; df = 1 is Cauchy', () => {
  assert.equal(studentTTwoSided(0, 4), 1);
  assert.ok(Math.abs(studentTCdf(0, 7) - 0.5) < 1e-15);
  // Cauchy: F(1) = 1/2 + atan(1)/pi = 0.75
  assert.ok(Math.abs(studentTCdf(1, 1) - 0.75) < 1e-12);
});
