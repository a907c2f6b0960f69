import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linearLr } from '../../src/tuning/schedule.js';

test('linear warmup/decay matches hand-computed values (base 1e-3, warmup 4, total 10)', () => {
  const s = { baseLr: 1e-3, warmupSteps: 4, totalSteps: 10 };
  const got = [0, 1, 2, 3, 4, 5, 7, 9, 10, 12].map((t) => linearLr(t, s));
  const want = [0, 0.25e-3, 0.5e-3, 0.75e-3, 1e-3, (5 / 6) * 1e-3, (3 / 6) * 1e-3, (1 / 6) * 1e-3, 0, 0];
  got.forEach((g, i) => assert.ok(Math.abs(g - want[i]!) < 1e-15, `step ${i}: ${g} vs ${want[i]}`));
  assert.equal(linearLr(0, { baseLr: 1, warmupSteps: 0, totalSteps: 4 }), 1);
});
