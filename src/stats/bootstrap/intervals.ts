/**
 * 95% bootstrap intervals of one language's metrics (percentile method): resample the language's
 * units (segments: sentences, UDHR articles) with replacement, recompute every metric on each
 * resample, and take the 2.5th and 97.5th percentiles.
 */
import type { MetricName, StatRow } from '../../tables/tidy.js';
import type { UnitStats } from '../unit-stats.js';
import { BOOTSTRAP_LEVEL } from './options.js';
import { percentileInterval } from './percentile.js';
import { metricReplicates, type ReplicateContext, type Replicates } from './replicates.js';
import { resampleIndices, resampleKey } from './resample.js';

export interface ResampleOptions {
  /** Resamples; 0 turns intervals off. */
  resamples: number;
  seed: number;
  /** Coverage (default 0.95). */
  level?: number;
}

export type MetricIntervals = Partial<Record<MetricName, [number, number] | null>>;

export interface LanguageBootstrap {
  replicates: Replicates;
  intervals: MetricIntervals;
}

/** The draws every tokenizer of `language` shares (`units` fixes n; any tokenizer's units will do). */
export function languageResamples(units: UnitStats, language: string, options: ResampleOptions): Int32Array {
  return resampleIndices(units.ids.length, options.resamples, resampleKey(options.seed, language));
}

export function intervalsOf(replicates: Replicates, level = BOOTSTRAP_LEVEL): MetricIntervals {
  const out: MetricIntervals = {};
  for (const [metric, values] of Object.entries(replicates) as [MetricName, Float64Array][]) out[metric] = percentileInterval(values, level);
  return out;
}

/** Replicates and intervals of one tokenizer × language; pass `indices` to reuse a language's draws. */
export function bootstrapLanguage(units: UnitStats, language: string, ctx: ReplicateContext, options: ResampleOptions, indices = languageResamples(units, language, options)): LanguageBootstrap {
  const replicates = metricReplicates(units, indices, options.resamples, ctx);
  return { replicates, intervals: intervalsOf(replicates, options.level) };
}

/** The interval of a − b over paired replicates (same resamples, e.g. two tokenizers on one language). */
export function pairedDifferenceInterval(a: Float64Array, b: Float64Array, level = BOOTSTRAP_LEVEL): [number, number] | null {
  const diff = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) diff[i] = a[i]! - b[i]!;
  return percentileInterval(diff, level);
}

/**
 * Rows with `value_low` / `value_high` filled from `intervals`; both stay null where the value is
 * undefined or the metric has no interval.
 */
export function withIntervals(rows: readonly StatRow[], intervals: MetricIntervals): StatRow[] {
  return rows.map((row) => {
    const interval = row.value === null ? null : (intervals[row.metric] ?? null);
    return { ...row, value_low: interval ? interval[0] : null, value_high: interval ? interval[1] : null };
  });
}
