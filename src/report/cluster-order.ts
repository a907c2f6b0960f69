/**
 * A display order for a distance matrix: the leaf order of an average-linkage (UPGMA)
 * agglomerative clustering, so that languages with similar token distributions sit side by side
 * and the heatmap shows blocks. ml-hclust's `agnes` does the clustering (Lance–Williams updates);
 * its leaf order is a depth-first walk of the tree, so a dendrogram drawn in it has no crossings.
 */
import { agnes } from 'ml-hclust';

export const CLUSTER_LINKAGE = 'average';

/**
 * Indices of `matrix` (n × n, symmetric, row-major) in cluster order. Undefined distances (NaN)
 * count as the largest distance seen, so an empty text ends up on its own at the edge.
 */
export function clusterOrder(matrix: ArrayLike<number>, n: number): number[] {
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  let max = 0;
  for (let i = 0; i < n * n; i++) if (Number.isFinite(matrix[i]!)) max = Math.max(max, matrix[i]!);
  const rows = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
    const v = matrix[i * n + j]!;
    return i === j ? 0 : Number.isFinite(v) ? v : max;
  }));
  return agnes(rows, { method: CLUSTER_LINKAGE, isDistanceMatrix: true }).indices();
}
