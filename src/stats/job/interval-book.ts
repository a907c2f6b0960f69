/**
 * Bootstrap replicates made as the counts arrive, so the resampling of one language overlaps the
 * counting of the next in the worker threads instead of running after all of them. Premium needs
 * English's counts: a language that arrives before English gets its premium replicates at the end
 * (`replicatesOf`). Once bootstrapped, a count's sparse id rows are dropped; the per-segment sums
 * that premium needs stay.
 */
import { metricReplicates, type Replicates } from '../bootstrap/replicates.js';
import { languageResamples, type ResampleOptions } from '../bootstrap/intervals.js';
import { premiumReplicates } from '../bootstrap/premium.js';
import type { UnitStats } from '../unit-stats.js';
import type { LanguageCount } from './process-language.js';

interface Entry {
  replicates: Replicates;
  /** False until premium was paired with English. */
  premium: boolean;
}

export class IntervalBook {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly o: { vocabSizes: readonly number[]; alpha: number; bootstrap: ResampleOptions; english?: string },
    /** The English count of tokenizer `ti`, once it is known. */
    private readonly englishOf: (ti: number) => LanguageCount | undefined,
  ) {}

  private key = (ti: number, language: string): string => `${ti}\u0000${language}`;

  /** Bootstrap tokenizer `ti`'s count now (premium too when English's count is there). */
  add(ti: number, count: LanguageCount): void {
    const units = count.units;
    if (this.o.bootstrap.resamples === 0 || !units) return;
    const english = count.language === this.o.english ? count : this.englishOf(ti);
    const ctx = { vocabSize: this.o.vocabSizes[ti]!, alpha: this.o.alpha, ...(english?.units ? { english: english.units } : {}) };
    const replicates = metricReplicates(units, languageResamples(units, count.language, this.o.bootstrap), this.o.bootstrap.resamples, ctx);
    this.entries.set(this.key(ti, count.language), { replicates, premium: english?.units !== undefined || this.o.english === undefined });
    count.units = withoutIdRows(units);
  }

  /** The replicates of tokenizer `ti` on `language`, premium completed; undefined without intervals. */
  replicatesOf(ti: number, count: LanguageCount): Replicates | undefined {
    const entry = this.entries.get(this.key(ti, count.language));
    if (!entry) return undefined;
    const english = this.englishOf(ti)?.units;
    if (!entry.premium && english && count.units) {
      entry.replicates.premium = premiumReplicates(count.units, english, languageResamples(count.units, count.language, this.o.bootstrap), this.o.bootstrap.resamples);
      entry.premium = true;
    }
    return entry.replicates;
  }
}

/** The per-segment sums without the sparse id rows (premium needs only ids and token sums). */
function withoutIdRows(units: UnitStats): UnitStats {
  return { ...units, vocab: new Int32Array(0), idStart: new Int32Array(units.ids.length + 1), idLocal: new Int32Array(0), idCount: new Int32Array(0) };
}
