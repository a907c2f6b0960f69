import { test } from 'node:test';
import assert from 'node:assert/strict';
import { holm } from '../../../src/correlation/stats/holm.js';

test('Holm by hand: sorted p × (m − k), running maximum, capped at 1', () => {
  // sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max-so-far 0.06
  const adj = holm([0.01, 0.04, 0.03, 0.005]);
  [0.03, 0.06, 0.06, 0.02].forEach((v, i) => assert.ok(Math.abs(adj[i]! - v) < 1e-15, `${i}: ${adj[i]}`));
  assert.deepEqual(holm([0.5, 0.9]), [1, 1]);
});

test('NaN p-values stay NaN and do not enlarge the family', () => {
  const adj = holm([0.01, NaN, 0.02]);
  assert.ok(Math.abs(adj[0]! - 0.02) < 1e-15);
  assert.ok(Number.isNaN(adj[1]!));
  assert.ok(Math.abs(adj[2]! - 0.02) < 1e-15);
});
