/**
 * One tokenizer's cross-language view of a run: the JSD matrix of the languages' token
 * distributions, who owns which ids, and the per-language metrics derived from them for the tidy
 * table (`owned_share`, `jsd_english`, `mean_jsd`).
 */
import type { AllocationRow, OverlapRow } from '../../tables/overlap.js';
import type { StatRow } from '../../tables/tidy.js';
import { allocateVocabulary } from './allocation.js';
import { sparseDistribution, type SparseDistribution } from './distribution.js';
import { jsdLoaded, loadScratch, newScratch, jsdMatrix } from './jsd.js';
import { idSpan } from './distribution.js';

/** The tidy-table metrics that need every language of the run, filled in after the per-language ones. */
export const OVERLAP_METRICS = ['owned_share', 'jsd_english', 'mean_jsd'] as const;
export type OverlapMetricName = (typeof OVERLAP_METRICS)[number];

export interface LanguageIdCounts {
  language: string;
  /** A `TokenCounter`'s `idCounts`, or `[id, count]` pairs. */
  idCounts: ReadonlyMap<number, number> | Iterable<readonly [number, number]>;
}

export interface TokenizerOverlap {
  tokenizer: string;
  languages: string[];
  /** n × n JSD in bits, row-major in `languages` order. */
  jsd: Float64Array;
  allocation: AllocationRow[];
  /** Per language, the metrics of OVERLAP_METRICS (null where undefined). */
  metrics: Map<string, Record<OverlapMetricName, number | null>>;
}

export interface OverlapInput {
  tokenizer: string;
  vocabSize: number;
  languages: readonly LanguageIdCounts[];
  /** English of the same corpus (for `jsd_english`), whether or not it is one of `languages`. */
  english?: LanguageIdCounts;
}

const orNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

export function tokenizerOverlap(input: OverlapInput): TokenizerOverlap {
  const languages = input.languages.map((l) => l.language);
  const dists = input.languages.map((l) => sparseDistribution(l.idCounts));
  const n = dists.length;
  const jsd = jsdMatrix(dists);
  const alloc = allocateVocabulary(dists);
  const allocation: AllocationRow[] = languages.map((language, i) => ({
    tokenizer: input.tokenizer,
    language,
    used_ids: alloc.used[i]!,
    owned_ids: alloc.owned[i]!,
    owned_share: alloc.usedByAny > 0 ? alloc.owned[i]! / alloc.usedByAny : null,
    vocab_share: input.vocabSize > 0 ? alloc.owned[i]! / input.vocabSize : null,
  }));
  const toEnglish = englishColumn(input, languages, dists, jsd);
  const metrics = new Map<string, Record<OverlapMetricName, number | null>>();
  languages.forEach((language, i) => {
    let sum = 0;
    let k = 0;
    for (let j = 0; j < n; j++) {
      const v = jsd[i * n + j]!;
      if (j !== i && Number.isFinite(v)) {
        sum += v;
        k++;
      }
    }
    metrics.set(language, { owned_share: allocation[i]!.owned_share, jsd_english: toEnglish[i]!, mean_jsd: k > 0 ? sum / k : null });
  });
  return { tokenizer: input.tokenizer, languages, jsd, allocation, metrics };
}

/** JSD of each language to English: from the matrix when English is a language of the run, else computed. */
function englishColumn(input: OverlapInput, languages: readonly string[], dists: readonly SparseDistribution[], jsd: Float64Array): (number | null)[] {
  if (!input.english) return languages.map(() => null);
  const n = languages.length;
  const at = languages.indexOf(input.english.language);
  if (at >= 0) return languages.map((_, i) => (i === at ? 0 : orNull(jsd[i * n + at]!)));
  const english = sparseDistribution(input.english.idCounts);
  const scratch = newScratch(idSpan([...dists, english]));
  loadScratch(scratch, english);
  return dists.map((d) => orNull(jsdLoaded(english, scratch, d)));
}

/** overlap.csv rows: each unordered pair once, in the run's language order. */
export function overlapRows(o: TokenizerOverlap): OverlapRow[] {
  const n = o.languages.length;
  const rows: OverlapRow[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) rows.push({ tokenizer: o.tokenizer, language_a: o.languages[i]!, language_b: o.languages[j]!, jsd: orNull(o.jsd[i * n + j]!) });
  }
  return rows;
}

/** Put each tokenizer's overlap metrics into the tidy rows that hold them (in place; rows of other metrics untouched). */
export function fillOverlapMetrics(rows: StatRow[], overlaps: readonly TokenizerOverlap[]): void {
  const byTokenizer = new Map(overlaps.map((o) => [o.tokenizer, o.metrics]));
  const names = new Set<string>(OVERLAP_METRICS);
  for (const row of rows) {
    if (!names.has(row.metric)) continue;
    const value = byTokenizer.get(row.tokenizer)?.get(row.language)?.[row.metric as OverlapMetricName];
    if (value !== undefined) row.value = value;
  }
}
