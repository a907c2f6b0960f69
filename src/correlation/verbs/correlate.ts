/**
 * Joined table → one correlation row per (tokenizer, corpus, metric, task, setting, target):
 * Pearson and Spearman with percentile-bootstrap intervals over languages, permutation p-values
 * (exact up to 8 languages), partial r controlling for log pretraining size, the fitted line,
 * and Holm's adjustment over metrics × tasks within each (tokenizer, corpus, setting, target).
 */
import { bootstrapInterval } from '../stats/bootstrap.js';
import { holm } from '../stats/holm.js';
import { ols } from '../stats/ols.js';
import { partialCorrelation } from '../stats/partial.js';
import { pearson, correlationPValue } from '../stats/pearson.js';
import { permutationTest } from '../stats/permutation.js';
import { spearman } from '../stats/spearman.js';
import { rank } from '../stats/rank.js';
import type { CorrelationRow, CorrelationTarget, Exclusion, JoinedRow } from '../types.js';
import { groupBy } from '../../util/group-by.js';

export interface CorrelateOptions {
  /** Bootstrap resamples (default 10,000). Also the Monte-Carlo permutation count. */
  bootstrap?: number;
  seed?: number;
  /** Targets to correlate with (default gap, prompt, finetune). */
  targets?: readonly CorrelationTarget[];
  /** Enumerate all permutations when n! ≤ this (default 8! = 40,320). */
  exactLimit?: number;
  /** Minimum number of languages (default 3; below it a correlation means nothing). */
  minLanguages?: number;
}

export const DEFAULT_TARGETS = ['gap', 'prompt', 'finetune'] as const satisfies readonly CorrelationTarget[];
/** Bootstrap resamples (and Monte-Carlo permutations) when none are asked for. */
export const DEFAULT_BOOTSTRAP = 10_000;

export function correlate(rows: readonly JoinedRow[], options: CorrelateOptions = {}): { rows: CorrelationRow[]; exclusions: Exclusion[] } {
  const resamples = options.bootstrap ?? DEFAULT_BOOTSTRAP;
  const seed = options.seed ?? 1;
  const minLanguages = Math.max(3, options.minLanguages ?? 3);
  const out: CorrelationRow[] = [];
  const exclusions: Exclusion[] = [];
  const groups = groupBy(rows, (r) => [r.tokenizer, r.corpus, r.metric, r.task, r.setting, r.model ?? ''].join('\u0000'));
  for (const list of groups.values()) {
    const g = list[0] as JoinedRow;
    const sorted = [...list].sort((a, b) => a.language.localeCompare(b.language));
    const n = sorted.length;
    if (n < minLanguages) {
      exclusions.push({
        reason: 'too_few_languages',
        message: `${g.metric} × ${g.task} (${g.tokenizer}${g.model !== undefined ? `, ${g.model}` : ''}): ${n} language(s), a correlation needs at least ${minLanguages}: not computed`,
        task: g.task, metric: g.metric,
      });
      continue;
    }
    const x = sorted.map((r) => r.value);
    const logTokens = sorted.map((r) => (r.tokens_b !== null && r.tokens_b > 0 ? Math.log(r.tokens_b) : NaN));
    const canControl = logTokens.every(Number.isFinite) && n >= 4;
    for (const target of options.targets ?? DEFAULT_TARGETS) {
      const y = sorted.map((r) => r[target]);
      const r = pearson(x, y);
      const pci = bootstrapInterval(x, y, pearson, { resamples, seed });
      const sci = bootstrapInterval(x, y, spearman, { resamples, seed });
      const perm = permutationTest(x, y, pearson, { resamples, seed, exactLimit: options.exactLimit });
      // Permuting y permutes its ranks: Spearman's permutation test is Pearson's on fixed ranks.
      const permS = permutationTest(rank(x), rank(y), pearson, { resamples, seed, exactLimit: options.exactLimit });
      let partial = { r: NaN, p: NaN };
      if (canControl) {
        try { partial = partialCorrelation(x, y, { log_tokens: logTokens }); } catch { /* collinear: leave NaN */ }
      }
      let slope = NaN;
      let intercept = NaN;
      if (Number.isFinite(r)) {
        const fit = ols(y, { value: x });
        intercept = fit.terms[0]!.estimate;
        slope = fit.terms[1]!.estimate;
      }
      out.push({
        tokenizer: g.tokenizer, corpus: g.corpus, metric: g.metric, task: g.task, setting: g.setting, ...(g.model !== undefined ? { model: g.model } : {}), target, n,
        languages: sorted.map((s) => s.language).join(';'),
        pearson: r, pearson_p: correlationPValue(r, n),
        pearson_ci_low: pci.low, pearson_ci_high: pci.high,
        spearman: spearman(x, y), spearman_ci_low: sci.low, spearman_ci_high: sci.high,
        p_perm: perm.p, p_perm_spearman: permS.p, perm_exact: perm.exact, p_holm: NaN,
        partial_r: partial.r, partial_p: partial.p, slope, intercept, bootstrap_resamples: resamples,
      });
    }
  }
  // Holm within each family: every metric × task tested for one tokenizer, corpus, setting, model, target.
  for (const family of groupBy(out, (r) => [r.tokenizer, r.corpus, r.setting, r.model ?? '', r.target].join('\u0000')).values()) {
    const adjusted = holm(family.map((r) => r.p_perm));
    family.forEach((r, i) => { r.p_holm = adjusted[i] as number; });
  }
  return { rows: out, exclusions };
}
