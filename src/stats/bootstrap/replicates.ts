/**
 * Every metric on each bootstrap resample of one language: the drawn units' sums make the
 * resampled counter, and the metric is computed from it. Ratio metrics go through the same metric
 * functions as the point estimates; the id-distribution metrics are computed from a histogram of
 * the resampled id counts (exactly the same definitions, without sorting a Map per resample).
 */
import { METRIC_NAMES, type MetricName } from '../../tables/tidy.js';
import { emptyCounter, type TokenCounter } from '../counter.js';
import * as m from '../metrics/index.js';
import { UNIT_SUM_FIELDS, type UnitStats } from '../unit-stats.js';

export interface ReplicateContext {
  vocabSize: number;
  alpha: number;
  /** English's units on the same parallel corpus, for premium; absent: premium has no replicates. */
  english?: UnitStats;
}

/** One Float64Array of `resamples` values per metric; NaN where the metric is undefined in a resample. */
export type Replicates = Record<MetricName, Float64Array>;

/** English tokens of each of L's units (same id), and whether English has that unit at all. */
function alignedEnglishTokens(units: UnitStats, english: UnitStats): { tokens: Float64Array; present: Uint8Array } {
  const byId = new Map(english.ids.map((id, u) => [id, english.sums.tokens[u]!]));
  const tokens = new Float64Array(units.ids.length);
  const present = new Uint8Array(units.ids.length);
  units.ids.forEach((id, u) => {
    const t = byId.get(id);
    if (t !== undefined) {
      tokens[u] = t;
      present[u] = 1;
    }
  });
  return { tokens, present };
}

const orNaN = (v: number | null): number => (v === null ? Number.NaN : v);

/** The id-distribution metrics of a resample, from its per-id counts (local ids). */
class DistributionScratch {
  private readonly counts: Int32Array;
  /** Local ids with a nonzero count, so clearing and summing skip the rest of the vocabulary. */
  private readonly touched: Int32Array;
  private nTouched = 0;
  private hist = new Int32Array(256);
  /** c·log₂c and c^α by count c, filled as counts grow. */
  private cLog2c = new Float64Array(0);
  private cPow = new Float64Array(0);

  constructor(private readonly units: UnitStats, private readonly alpha: number) {
    this.counts = new Int32Array(units.vocab.length);
    this.touched = new Int32Array(units.vocab.length);
  }

  /** Adds unit u's id counts `weight` times. */
  add(u: number, weight: number): void {
    const { idStart, idLocal, idCount } = this.units;
    const { counts, touched } = this;
    let t = this.nTouched;
    for (let e = idStart[u]!, end = idStart[u + 1]!; e < end; e++) {
      const l = idLocal[e]!;
      if (counts[l] === 0) touched[t++] = l;
      counts[l] += weight * idCount[e]!;
    }
    this.nTouched = t;
  }

  private tables(max: number): void {
    const from = this.cLog2c.length;
    if (max < from) return;
    const size = Math.max(max + 1, 2 * from);
    const cLog2c = new Float64Array(size);
    const cPow = new Float64Array(size);
    cLog2c.set(this.cLog2c);
    cPow.set(this.cPow);
    for (let c = Math.max(from, 1); c < size; c++) {
      cLog2c[c] = c * Math.log2(c);
      cPow[c] = c ** this.alpha;
    }
    this.cLog2c = cLog2c;
    this.cPow = cPow;
  }

  /** vocab_use, avg_rank, Rényi and Shannon efficiency of the counts added since the last call; then clears them. */
  take(vocabSize: number): [number, number, number, number] {
    const { counts, touched } = this;
    const distinct = this.nTouched;
    this.nTouched = 0;
    let hist = this.hist;
    let max = 0;
    let total = 0;
    for (let t = 0; t < distinct; t++) {
      const i = touched[t]!;
      const c = counts[i]!;
      counts[i] = 0;
      total += c;
      if (c > max) {
        max = c;
        if (c >= hist.length) {
          const grown = new Int32Array(Math.max(c + 1, 2 * hist.length));
          grown.set(hist);
          this.hist = hist = grown;
        }
      }
      hist[c]++;
    }
    if (total === 0) return [Number.NaN, Number.NaN, Number.NaN, Number.NaN];
    this.tables(max);
    const { cLog2c, cPow, alpha } = this;
    // Ids of equal count take consecutive ranks in any order, so avg_rank needs only the histogram.
    let rankSum = 0;
    let rank = 0;
    let sumCLogC = 0;
    let sumPow = 0;
    for (let c = max; c > 0; c--) {
      const h = hist[c]!;
      if (h === 0) continue;
      hist[c] = 0;
      rankSum += c * (h * rank + (h * (h - 1)) / 2);
      rank += h;
      sumCLogC += h * cLog2c[c]!;
      sumPow += h * cPow[c]!;
    }
    // H = log₂N − Σ c log₂c / N; H_α = (log₂ Σ c^α − α log₂ N) / (1 − α), both over counts c of N tokens.
    const shannon = Math.log2(total) - sumCLogC / total;
    const renyi = alpha === 1 ? shannon : (Math.log2(sumPow) - alpha * Math.log2(total)) / (1 - alpha);
    const logV = vocabSize >= 2 ? Math.log2(vocabSize) : Number.NaN;
    return [vocabSize > 0 ? distinct / vocabSize : Number.NaN, rankSum / total, renyi / logV, shannon / logV];
  }
}

/**
 * Replicates of every metric over `resamples` rows of `indices` (row-major, `units.ids.length`
 * per row). Premium is paired: each drawn unit adds its tokens in L and in English together, and
 * a unit English lacks adds to neither (the point estimate compares the segments both have).
 */
export function metricReplicates(units: UnitStats, indices: Int32Array, resamples: number, ctx: ReplicateContext): Replicates {
  const n = units.ids.length;
  const out = {} as Replicates;
  for (const name of METRIC_NAMES) out[name] = new Float64Array(resamples);
  const columns = UNIT_SUM_FIELDS.map((f) => units.sums[f]);
  const english = ctx.english ? alignedEnglishTokens(units, ctx.english) : undefined;
  const scratch = new DistributionScratch(units, ctx.alpha);
  const c: TokenCounter = emptyCounter();
  const sums = new Float64Array(columns.length);
  // A resample as multiplicities: unit u drawn w[u] times adds w[u] × its sums (one pass over the units drawn).
  const w = new Int32Array(n);
  for (let b = 0; b < resamples; b++) {
    w.fill(0);
    for (let i = b * n, end = i + n; i < end; i++) w[indices[i]!]++;
    sums.fill(0);
    let mine = 0;
    let theirs = 0;
    for (let u = 0; u < n; u++) {
      const k = w[u]!;
      if (k === 0) continue;
      for (let f = 0; f < columns.length; f++) sums[f] += k * columns[f]![u]!;
      if (english && english.present[u]) {
        mine += k * units.sums.tokens[u]!;
        theirs += k * english.tokens[u]!;
      }
      scratch.add(u, k);
    }
    UNIT_SUM_FIELDS.forEach((f, i) => (c[f] = sums[i]!));
    out.tokens[b] = c.tokens;
    out.words[b] = c.words;
    out.chars[b] = c.chars;
    out.bytes[b] = c.bytes;
    out.fertility[b] = orNaN(m.fertility(c));
    out.continued_words[b] = orNaN(m.continuedWords(c));
    out.single_token_words[b] = orNaN(m.singleTokenWords(c));
    out.unk_rate[b] = orNaN(m.unkRate(c));
    out.byte_fallback_rate[b] = orNaN(m.byteFallbackRate(c));
    out.chars_per_token[b] = orNaN(m.charsPerToken(c));
    out.bytes_per_token[b] = orNaN(m.bytesPerToken(c));
    out.premium[b] = english && theirs > 0 ? mine / theirs : Number.NaN;
    const [vocabUse, avgRank, renyi, shannon] = scratch.take(ctx.vocabSize);
    out.vocab_use[b] = vocabUse;
    out.avg_rank[b] = avgRank;
    out.renyi_efficiency[b] = renyi;
    out.shannon_efficiency[b] = shannon;
  }
  return out;
}
