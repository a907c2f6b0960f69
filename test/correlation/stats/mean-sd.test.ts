import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanSd } from '../../../src/correlation/stats/mean-sd.js';

test('mean and sample SD by hand: 2, 4, 4, 4, 5, 5, 7, 9 → 5 and sqrt(32/7); one value → SD 0', () => {
  const [mean, sd] = meanSd([2, 4, 4, 4, 5, 5, 7, 9]);
  assert.equal(mean, 5);
  assert.ok(Math.abs(sd - Math.sqrt(32 / 7)) < 1e-12);
  assert.deepEqual(meanSd([3.5]), [3.5, 0]);
});
