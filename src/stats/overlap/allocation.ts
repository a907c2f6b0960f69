/**
 * Vocabulary allocation across the languages of a run: which language "owns" each token id.
 *
 * An id is owned by the language that uses it most, by relative frequency (its count over the
 * language's token total), not by raw count: raw counts would hand ids to whichever language has
 * the longest text or the most tokens, which is the very premium being measured. Ties (equal
 * relative frequencies, as doubles; e.g. 1/4 = 2/8) share the id equally: k tied languages get 1/k
 * each, so owned ids are fractional and sum to the number of ids the run uses.
 *
 * owned_share = owned ids / ids used by any language of the run (sums to 1 over the run's languages);
 * vocab_share = owned ids / the tokenizer's vocabulary size.
 */
import { idSpan, type SparseDistribution } from './distribution.js';

export interface Allocation {
  /** Per language: distinct ids it uses. */
  used: number[];
  /** Per language: ids it owns (fractional where tied). */
  owned: number[];
  /** Ids used by at least one language. */
  usedByAny: number;
}

export function allocateVocabulary(dists: readonly SparseDistribution[]): Allocation {
  const span = idSpan(dists);
  const best = new Float64Array(span);
  const ties = new Uint32Array(span);
  for (const d of dists) {
    for (let i = 0; i < d.ids.length; i++) {
      const id = d.ids[i]!;
      const p = d.counts[i]! / d.total;
      if (p > best[id]!) {
        best[id] = p;
        ties[id] = 1;
      } else if (p === best[id]) {
        ties[id]!++;
      }
    }
  }
  const owned = dists.map((d) => {
    let sum = 0;
    for (let i = 0; i < d.ids.length; i++) {
      const id = d.ids[i]!;
      if (d.counts[i]! / d.total === best[id]) sum += 1 / ties[id]!;
    }
    return sum;
  });
  let usedByAny = 0;
  for (let id = 0; id < span; id++) if (ties[id]! > 0) usedByAny++;
  return { used: dists.map((d) => d.ids.length), owned, usedByAny };
}
