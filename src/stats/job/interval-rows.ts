/**
 * Step 5 of the job with intervals: each language's rows for every tokenizer, with bootstrap
 * intervals from the language's per-segment statistics, and the paired differences of every
 * tokenizer against the first. A language's draws are made once and shared by its tokenizers,
 * then dropped, so memory holds one language's resamples at a time.
 */
import { METRIC_NAMES, type MetricName, type StatRow } from '../../tables/tidy.js';
import { toStatRows } from '../rows.js';
import { bootstrapLanguage, intervalsOf, languageResamples, pairedDifferenceInterval, withIntervals, type ResampleOptions } from '../bootstrap/intervals.js';
import type { Replicates } from '../bootstrap/replicates.js';
import type { LanguageCount } from './process-language.js';

/** One row of `differences.csv`: metric(tokenizer) − metric(baseline) on one language, with its paired interval. */
export interface DifferenceRow {
  tokenizer: string;
  /** The first tokenizer of the run. */
  baseline: string;
  corpus: string;
  language: string;
  metric: MetricName;
  difference: number | null;
  difference_low: number | null;
  difference_high: number | null;
}

export interface IntervalRowsInput {
  tokenizers: readonly { spec: string; vocabSize: number }[];
  corpus: string;
  languages: readonly string[];
  english?: string;
  alpha: number;
  bootstrap: ResampleOptions;
  /** The count of tokenizer `ti` (index into `tokenizers`) on `language`. */
  count: (ti: number, language: string) => LanguageCount | undefined;
  /** Replicates made earlier (an `IntervalBook`); without it they are made here from the counts. */
  replicatesOf?: (ti: number, count: LanguageCount) => Replicates | undefined;
}

export function intervalRows(input: IntervalRowsInput): { rows: StatRow[]; differences: DifferenceRow[] } {
  const { tokenizers, bootstrap } = input;
  const perTokenizer: StatRow[][] = tokenizers.map(() => []);
  const differences: DifferenceRow[] = [];
  for (const language of input.languages) {
    let draws: Int32Array | undefined;
    const replicates: (Replicates | undefined)[] = [];
    const values: Map<MetricName, number | null>[] = [];
    tokenizers.forEach((t, ti) => {
      const c = input.count(ti, language)!;
      const english = input.english ? input.count(ti, input.english) : undefined;
      const rows = toStatRows(c.counter, { tokenizer: t.spec, corpus: input.corpus, language, wordSource: c.wordSource, vocabSize: t.vocabSize, alpha: input.alpha, english: english?.counter });
      values.push(new Map(rows.map((r) => [r.metric, r.value])));
      const made = bootstrap.resamples > 0 && input.replicatesOf ? input.replicatesOf(ti, c) : undefined;
      if (made) {
        perTokenizer[ti]!.push(...withIntervals(rows, intervalsOf(made, bootstrap.level)));
        replicates.push(made);
      } else if (bootstrap.resamples > 0 && c.units && !input.replicatesOf) {
        draws ??= languageResamples(c.units, language, bootstrap);
        const boot = bootstrapLanguage(c.units, language, { vocabSize: t.vocabSize, alpha: input.alpha, ...(english?.units ? { english: english.units } : {}) }, bootstrap, draws);
        perTokenizer[ti]!.push(...withIntervals(rows, boot.intervals));
        replicates.push(boot.replicates);
      } else {
        perTokenizer[ti]!.push(...withIntervals(rows, {}));
        replicates.push(undefined);
      }
    });
    for (let ti = 1; ti < tokenizers.length; ti++) {
      for (const metric of METRIC_NAMES) {
        const a = values[ti]!.get(metric) ?? null;
        const b = values[0]!.get(metric) ?? null;
        const difference = a === null || b === null ? null : a - b;
        const ra = replicates[ti]?.[metric];
        const rb = replicates[0]?.[metric];
        const interval = difference !== null && ra && rb ? pairedDifferenceInterval(ra, rb, bootstrap.level) : null;
        differences.push({
          tokenizer: tokenizers[ti]!.spec, baseline: tokenizers[0]!.spec, corpus: input.corpus, language, metric,
          difference, difference_low: interval ? interval[0] : null, difference_high: interval ? interval[1] : null,
        });
      }
    }
  }
  return { rows: perTokenizer.flat(), differences };
}
