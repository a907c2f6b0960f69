/**
 * Jensen–Shannon divergence between two languages' token distributions (Limisiewicz et al. 2023
 * measure vocabulary overlap this way), in bits: log base 2, so 0 ≤ JSD ≤ 1, with 0 for identical
 * distributions and 1 for distributions with no id in common.
 *
 *   JSD(P, Q) = ½ KL(P ‖ M) + ½ KL(Q ‖ M),  M = ½ (P + Q)
 *
 * An id only P uses contributes ½ p log₂(p / (p/2)) = ½ p, so only the shared ids need logarithms:
 *
 *   JSD = ½ (P(ids Q lacks) + Q(ids P lacks)) + ½ Σ_shared [p log₂(2p/(p+q)) + q log₂(2q/(p+q))]
 *
 * The unshared masses are computed from integer counts, so identical distributions give exactly 0.
 */
import { idSpan, type SparseDistribution } from './distribution.js';

/**
 * JSD of `a` and `b` using `scratch`, a zeroed dense array at least `idSpan` long that holds `a`'s
 * counts by id while `b` is scanned (it is zeroed again before returning). The cost is |a| + |b|.
 */
export function _jsdWithScratch(a: SparseDistribution, b: SparseDistribution, scratch: Float64Array, aLoaded = false): number {
  if (a.total === 0 || b.total === 0) return Number.NaN;
  if (!aLoaded) for (let i = 0; i < a.ids.length; i++) scratch[a.ids[i]!] = a.counts[i]!;
  let sharedA = 0;
  let sharedB = 0;
  let sum = 0;
  for (let i = 0; i < b.ids.length; i++) {
    const ca = scratch[b.ids[i]!]!;
    if (ca === 0) continue;
    const cb = b.counts[i]!;
    sharedA += ca;
    sharedB += cb;
    const p = ca / a.total;
    const q = cb / b.total;
    const m = p + q;
    sum += p * Math.log2((2 * p) / m) + q * Math.log2((2 * q) / m);
  }
  if (!aLoaded) for (let i = 0; i < a.ids.length; i++) scratch[a.ids[i]!] = 0;
  const value = 0.5 * ((a.total - sharedA) / a.total + (b.total - sharedB) / b.total + sum);
  // Rounding can leave a few ulps outside [0, 1].
  return Math.min(1, Math.max(0, value));
}

/** JSD in bits of two distributions; NaN when either is empty. */
export function jensenShannon(a: SparseDistribution, b: SparseDistribution): number {
  return _jsdWithScratch(a, b, new Float64Array(idSpan([a, b])));
}

/**
 * The symmetric n × n JSD matrix (row-major, zero diagonal; NaN rows for empty distributions).
 * One dense scratch array of the largest id serves every pair, so memory is the sparse inputs
 * plus one vocabulary-sized vector.
 */
export function jsdMatrix(dists: readonly SparseDistribution[]): Float64Array {
  const n = dists.length;
  const out = new Float64Array(n * n);
  const scratch = new Float64Array(idSpan(dists));
  for (let i = 0; i < n; i++) {
    const a = dists[i]!;
    if (a.total === 0) {
      for (let j = 0; j < n; j++) out[i * n + j] = out[j * n + i] = Number.NaN;
      continue;
    }
    for (let k = 0; k < a.ids.length; k++) scratch[a.ids[k]!] = a.counts[k]!;
    for (let j = i + 1; j < n; j++) {
      const v = _jsdWithScratch(a, dists[j]!, scratch, true);
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
    for (let k = 0; k < a.ids.length; k++) scratch[a.ids[k]!] = 0;
  }
  return out;
}
