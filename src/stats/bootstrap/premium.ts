/** Premium on each resample alone, paired with English (for languages counted before English was). */
import type { UnitStats } from '../unit-stats.js';

/** Replicates of tokens(L) / tokens(English) over the drawn units English also has; NaN where none is drawn. */
export function premiumReplicates(units: UnitStats, english: UnitStats, indices: Int32Array, resamples: number): Float64Array {
  const byId = new Map(english.ids.map((id, u) => [id, english.sums.tokens[u]!]));
  const n = units.ids.length;
  const mineOf = new Float64Array(n);
  const theirsOf = new Float64Array(n);
  units.ids.forEach((id, u) => {
    const t = byId.get(id);
    if (t === undefined) return;
    mineOf[u] = units.sums.tokens[u]!;
    theirsOf[u] = t;
  });
  const out = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let mine = 0;
    let theirs = 0;
    for (let i = b * n, end = i + n; i < end; i++) {
      mine += mineOf[indices[i]!]!;
      theirs += theirsOf[indices[i]!]!;
    }
    out[b] = theirs > 0 ? mine / theirs : Number.NaN;
  }
  return out;
}
