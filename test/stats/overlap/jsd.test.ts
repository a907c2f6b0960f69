// Jensen–Shannon divergence in bits: symmetry, bounds [0, 1], hand-computed values, and the
// sparse formula against the textbook definition on dense vectors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jensenShannon, jsdMatrix, sparseDistribution } from '../../../src/stats/overlap/index.js';

const dist = (counts: Record<number, number>) => sparseDistribution(Object.entries(counts).map(([id, n]) => [Number(id), n] as const));

/** The definition, on dense probability vectors: ½ KL(P‖M) + ½ KL(Q‖M), M = (P+Q)/2, log base 2. */
function denseJsd(p: number[], q: number[]): number {
  const kl = (a: number[], m: number[]) => a.reduce((s, v, i) => (v > 0 ? s + v * Math.log2(v / m[i]!) : s), 0);
  const m = p.map((v, i) => (v + q[i]!) / 2);
  return 0.5 * kl(p, m) + 0.5 * kl(q, m);
}

/** A seeded random sparse count vector over `span` ids (mulberry32). */
function randomCounts(seed: number, span: number, density: number): Record<number, number> {
  let t = seed >>> 0;
  const rand = () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
  const out: Record<number, number> = {};
  for (let id = 0; id < span; id++) if (rand() < density) out[id] = 1 + Math.floor(rand() * 50);
  return out;
}

test('hand-computed values', () => {
  // P = (½, ½), Q = (1, 0): M = (¾, ¼); KL(P‖M) = ½ log₂(2/3) + ½ log₂ 2 = 0.2075187…, KL(Q‖M) = log₂(4/3) = 0.4150375…
  assert.ok(Math.abs(jensenShannon(dist({ 0: 1, 1: 1 }), dist({ 0: 5 })) - 0.5 * (0.5 * Math.log2(2 / 3) + 0.5 + Math.log2(4 / 3))) < 1e-15);
  assert.ok(Math.abs(jensenShannon(dist({ 0: 1, 1: 1 }), dist({ 0: 5 })) - 0.31127812445913283) < 1e-15);
  // P = (¼, ¾), Q = (¾, ¼): M uniform; each KL = ¼ log₂ ½ + ¾ log₂ 1.5 = 0.1887218755…
  assert.ok(Math.abs(jensenShannon(dist({ 7: 1, 9: 3 }), dist({ 7: 3, 9: 1 })) - (-0.25 + 0.75 * Math.log2(1.5))) < 1e-15);
  // Counts are normalised: the same shape at another size is the same distribution.
  assert.equal(jensenShannon(dist({ 0: 1, 1: 3 }), dist({ 0: 100, 1: 300 })), 0);
});

test('bounds: 0 for the same distribution, exactly 1 for disjoint supports, in [0, 1] otherwise', () => {
  const a = dist(randomCounts(1, 500, 0.3));
  assert.equal(jensenShannon(a, a), 0);
  assert.equal(jensenShannon(dist({ 0: 4, 1: 1 }), dist({ 2: 1, 3: 9 })), 1);
  for (let s = 0; s < 20; s++) {
    const v = jensenShannon(dist(randomCounts(2 * s + 1, 300, 0.2)), dist(randomCounts(2 * s + 2, 300, 0.2)));
    assert.ok(v >= 0 && v <= 1, String(v));
  }
  assert.ok(Number.isNaN(jensenShannon(dist({}), dist({ 0: 1 }))), 'an empty text has no distribution');
});

test('symmetric, and equal to the dense definition on random sparse distributions', () => {
  for (let s = 0; s < 25; s++) {
    const ca = randomCounts(100 + s, 400, 0.1 + 0.03 * s);
    const cb = randomCounts(200 + s, 400, 0.4 - 0.01 * s);
    const a = dist(ca);
    const b = dist(cb);
    const ab = jensenShannon(a, b);
    assert.ok(Math.abs(ab - jensenShannon(b, a)) < 1e-15);
    const dense = (c: Record<number, number>) => {
      const v = new Array<number>(400).fill(0);
      const total = Object.values(c).reduce((x, y) => x + y, 0);
      for (const [id, n] of Object.entries(c)) v[Number(id)] = n / total;
      return v;
    };
    assert.ok(Math.abs(ab - denseJsd(dense(ca), dense(cb))) < 1e-12, `seed ${s}: ${ab} vs ${denseJsd(dense(ca), dense(cb))}`);
  }
});

test('the matrix is symmetric with a zero diagonal and matches the pairwise values', () => {
  const dists = [1, 2, 3, 4, 5].map((s) => dist(randomCounts(s, 250, 0.25)));
  const n = dists.length;
  const m = jsdMatrix(dists);
  for (let i = 0; i < n; i++) {
    assert.equal(m[i * n + i], 0);
    for (let j = 0; j < n; j++) {
      assert.equal(m[i * n + j], m[j * n + i]);
      if (i !== j) assert.ok(Math.abs(m[i * n + j]! - jensenShannon(dists[i]!, dists[j]!)) < 1e-15);
    }
  }
});
