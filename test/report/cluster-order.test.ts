// The heatmap order is an average-linkage (UPGMA) clustering: the same merges and heights as
// scipy 1.17.1's `linkage(squareform(D), method='average')` on a fixed matrix (pasted below), and a
// leaf order in which every cluster is contiguous.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agnes, type Cluster } from 'ml-hclust';
import { clusterOrder, CLUSTER_LINKAGE } from '../../src/report/cluster-order.js';

// numpy.random.default_rng(7).uniform(0.1, 1, (7, 7)), upper triangle mirrored, rounded to 3 decimals.
const D = [
  [0.0, 0.907, 0.798, 0.303, 0.37, 0.886, 0.105], [0.907, 0.0, 0.521, 0.373, 0.351, 0.329, 0.501],
  [0.798, 0.521, 0.0, 0.813, 0.66, 0.99, 0.294], [0.303, 0.373, 0.813, 0.0, 0.563, 0.52, 0.925],
  [0.37, 0.351, 0.66, 0.563, 0.0, 0.273, 0.723], [0.886, 0.329, 0.99, 0.52, 0.273, 0.0, 0.892],
  [0.105, 0.501, 0.294, 0.925, 0.723, 0.892, 0.0],
];
// scipy: Z[:, 2] and the leaves of each merged cluster.
const SCIPY_HEIGHTS = [0.105, 0.273, 0.33999999999999997, 0.48533333333333334, 0.546, 0.7075833333333333];
const SCIPY_CLUSTERS = ['0,6', '4,5', '1,4,5', '1,3,4,5', '0,2,6', '0,1,2,3,4,5,6'];

function merges(c: Cluster, out: { leaves: string; height: number }[] = []): number[] {
  if (c.isLeaf) return [c.index];
  const leaves = c.children.flatMap((child) => merges(child, out)).sort((a, b) => a - b);
  out.push({ leaves: leaves.join(','), height: c.height });
  return leaves;
}

test('average linkage: the merges and heights scipy computes', () => {
  assert.equal(CLUSTER_LINKAGE, 'average');
  const found: { leaves: string; height: number }[] = [];
  merges(agnes(D.map((r) => [...r]), { method: CLUSTER_LINKAGE, isDistanceMatrix: true }), found);
  found.sort((a, b) => a.height - b.height);
  assert.deepEqual(found.map((m) => m.leaves), SCIPY_CLUSTERS);
  found.forEach((m, i) => assert.ok(Math.abs(m.height - SCIPY_HEIGHTS[i]!) < 1e-12, `${m.height} vs ${SCIPY_HEIGHTS[i]}`));
});

test('clusterOrder: a permutation in which every cluster is contiguous; NaN counts as the largest distance', () => {
  const order = clusterOrder(D.flat(), 7);
  assert.deepEqual([...order].sort(), [0, 1, 2, 3, 4, 5, 6]);
  for (const cluster of SCIPY_CLUSTERS) {
    const positions = cluster.split(',').map((l) => order.indexOf(Number(l))).sort((a, b) => a - b);
    assert.equal(positions[positions.length - 1]! - positions[0]!, positions.length - 1, `cluster ${cluster} in ${order}`);
  }
  // Language 3's distances undefined: it joins last, at one end.
  const m = D.map((r, i) => r.map((v, j) => (i !== j && (i === 3 || j === 3) ? Number.NaN : v)));
  const withNaN = clusterOrder(m.flat(), 7);
  assert.ok(withNaN[0] === 3 || withNaN[6] === 3, String(withNaN));
  assert.deepEqual(clusterOrder([0, 0.5, 0.5, 0], 2), [0, 1]);
});
