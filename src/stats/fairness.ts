/**
 * A fairness summary per tokenizer across the languages of a run, from the tidy rows: how
 * unequally premiums (Petrov et al. 2023) are spread, the extremes, the share of languages that
 * pay more than twice English, and the median fertility.
 */
import type { StatRow } from '../tables/tidy.js';

/** Petrov et al. 2023 discuss languages whose premium exceeds 2 (twice English's tokens). */
export const PREMIUM_THRESHOLD = 2;

export interface FairnessRow {
  tokenizer: string;
  corpus: string;
  /** Languages of the run with rows for this tokenizer. */
  languages: number;
  /** Of those, languages with a premium (the population of the premium columns). */
  premium_languages: number;
  premium_gini: number | null;
  premium_max: number | null;
  premium_max_language: string | null;
  premium_min: number | null;
  premium_min_language: string | null;
  /** Share of `premium_languages` with premium > 2. */
  premium_above_2x_share: number | null;
  /** Median fertility over the languages that have one. */
  fertility_median: number | null;
}

/**
 * Gini coefficient Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄) of non-negative values, computed from the sorted
 * values as Σᵢ (2i − n − 1) x₍ᵢ₎ / (n Σ x), i from 1: 0 when all are equal, (n − 1)/n at most.
 * Null for no values or a zero sum.
 */
export function gini(values: readonly number[]): number | null {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  let total = 0;
  let weighted = 0;
  sorted.forEach((x, i) => {
    total += x;
    weighted += (2 * (i + 1) - n - 1) * x;
  });
  return n === 0 || total <= 0 ? null : weighted / (n * total);
}

/** The middle value, or the mean of the two middle values; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** One row per tokenizer × corpus, in first-seen order; ties for the extremes go to the first language. */
export function fairnessSummary(rows: readonly StatRow[]): FairnessRow[] {
  const groups = new Map<string, StatRow[]>();
  for (const row of rows) {
    const key = `${row.tokenizer}\u0000${row.corpus}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(row);
  }
  return [...groups.values()].map((group) => {
    const premiums = group.filter((r) => r.metric === 'premium' && finite(r.value)) as (StatRow & { value: number })[];
    const fertilities = group.filter((r) => r.metric === 'fertility' && finite(r.value)).map((r) => r.value as number);
    let max: (StatRow & { value: number }) | undefined;
    let min: (StatRow & { value: number }) | undefined;
    for (const p of premiums) {
      if (!max || p.value > max.value) max = p;
      if (!min || p.value < min.value) min = p;
    }
    const values = premiums.map((p) => p.value);
    return {
      tokenizer: group[0]!.tokenizer,
      corpus: group[0]!.corpus,
      languages: new Set(group.map((r) => r.language)).size,
      premium_languages: premiums.length,
      premium_gini: gini(values),
      premium_max: max?.value ?? null,
      premium_max_language: max?.language ?? null,
      premium_min: min?.value ?? null,
      premium_min_language: min?.language ?? null,
      premium_above_2x_share: premiums.length ? values.filter((v) => v > PREMIUM_THRESHOLD).length / premiums.length : null,
      fertility_median: median(fertilities),
    };
  });
}
