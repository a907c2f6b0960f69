/**
 * Jensen–Shannon divergence between two languages' token distributions (Limisiewicz et al. 2023
 * measure vocabulary overlap this way), in bits: log base 2, so 0 ≤ JSD ≤ 1, with 0 for identical
 * distributions and 1 for distributions with no id in common.
 *
 *   JSD(P, Q) = ½ KL(P ‖ M) + ½ KL(Q ‖ M),  M = ½ (P + Q)
 *
 * An id only P uses contributes ½ p log₂(p / (p/2)) = ½ p, so only the shared ids need logarithms,
 * and with p·log₂p precomputed per language each shared id needs one:
 *
 *   JSD = ½ (P(ids Q lacks) + Q(ids P lacks)) + ½ Σ_shared [p log₂p + q log₂q − (p+q) log₂(p+q) + (p+q)]
 *
 * The unshared masses come from integer counts, so distributions without a shared id give exactly 1.
 */
import { idSpan, type SparseDistribution } from './distribution.js';

/** Dense by-id views of one distribution, reused for every partner of it. */
export interface Scratch {
  /** counts by id (0 = unused). */
  counts: Float64Array;
  p: Float64Array;
  plogp: Float64Array;
}

export function newScratch(span: number): Scratch {
  return { counts: new Float64Array(span), p: new Float64Array(span), plogp: new Float64Array(span) };
}

export function loadScratch(s: Scratch, a: SparseDistribution): void {
  for (let i = 0; i < a.ids.length; i++) {
    const id = a.ids[i]!;
    s.counts[id] = a.counts[i]!;
    s.p[id] = a.counts[i]! / a.total;
    s.plogp[id] = a.plogp[i]!;
  }
}

export function unloadScratch(s: Scratch, a: SparseDistribution): void {
  for (let i = 0; i < a.ids.length; i++) s.counts[a.ids[i]!] = 0;
}

/** JSD of `a` (already loaded into `s`) and `b`; the cost is |b|, plus one log per shared id. */
export function jsdLoaded(a: SparseDistribution, s: Scratch, b: SparseDistribution): number {
  if (a.total === 0 || b.total === 0) return Number.NaN;
  let sharedA = 0;
  let sharedB = 0;
  let sum = 0;
  const { ids, counts, plogp: hb, total } = b;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const ca = s.counts[id]!;
    if (ca === 0) continue;
    sharedA += ca;
    sharedB += counts[i]!;
    const pa = s.p[id]!;
    const pb = counts[i]! / total;
    // Equal probabilities contribute exactly 0 (so identical distributions give exactly 0).
    if (pa === pb) continue;
    const m = pa + pb;
    sum += s.plogp[id]! + hb[i]! - m * Math.log2(m) + m;
  }
  const value = 0.5 * ((a.total - sharedA) / a.total + (b.total - sharedB) / b.total + sum);
  // Rounding can leave a few ulps outside [0, 1].
  return Math.min(1, Math.max(0, value));
}

/** JSD in bits of two distributions; NaN when either is empty. */
export function jensenShannon(a: SparseDistribution, b: SparseDistribution): number {
  const s = newScratch(idSpan([a, b]));
  loadScratch(s, a);
  return jsdLoaded(a, s, b);
}

/**
 * The symmetric n × n JSD matrix (row-major, zero diagonal; NaN rows for empty distributions).
 * One set of dense scratch arrays of the largest id serves every pair, so memory is the sparse
 * inputs plus three vocabulary-sized vectors (6 MB for 256k ids).
 */
export function jsdMatrix(dists: readonly SparseDistribution[]): Float64Array {
  const n = dists.length;
  const out = new Float64Array(n * n);
  const s = newScratch(idSpan(dists));
  for (let i = 0; i < n; i++) {
    const a = dists[i]!;
    if (a.total === 0) {
      for (let j = 0; j < n; j++) out[i * n + j] = out[j * n + i] = Number.NaN;
      continue;
    }
    loadScratch(s, a);
    for (let j = i + 1; j < n; j++) {
      const v = jsdLoaded(a, s, dists[j]!);
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
    unloadScratch(s, a);
  }
  return out;
}
