/**
 * Joined table → OLS of the target on each metric plus log pretraining tokens, per task and model:
 * target = b0 + b1 · metric + b2 · ln(tokens_b). One row per term, with SE, t, p and R².
 */
import { ols } from '../stats/ols.js';
import type { CorrelationTarget, JoinedRow, RegressionRow } from '../types.js';
import { groupBy } from '../../util/group-by.js';

export function regress(rows: readonly JoinedRow[], target: CorrelationTarget = 'gap'): RegressionRow[] {
  const groups = groupBy(rows, (r) => [r.tokenizer, r.corpus, r.metric, r.task, r.setting, r.model ?? ''].join('\u0000'));
  const out: RegressionRow[] = [];
  for (const list of groups.values()) {
    const usable = list.filter((r) => r.tokens_b !== null && r.tokens_b > 0);
    if (usable.length < 4) continue; // 3 coefficients need ≥ 4 points for any residual df
    const g = usable[0] as JoinedRow;
    let fit;
    try {
      fit = ols(usable.map((r) => r[target]), { [g.metric]: usable.map((r) => r.value), log_tokens_b: usable.map((r) => Math.log(r.tokens_b as number)) });
    } catch {
      continue; // collinear predictors: nothing to report
    }
    for (const term of fit.terms) {
      out.push({
        tokenizer: g.tokenizer, corpus: g.corpus, task: g.task, setting: g.setting, ...(g.model !== undefined ? { model: g.model } : {}), target,
        formula: `${target} ~ ${g.metric} + log_tokens_b`, term: term.name,
        estimate: term.estimate, std_error: term.stdError, t: term.t, p: term.p,
        n: fit.n, df: fit.df, r_squared: fit.rSquared, adj_r_squared: fit.adjRSquared,
      });
    }
  }
  return out;
}

/**
 * One fit per (tokenizer, corpus, task, setting, model) with several metrics at once:
 * target = b0 + Σ b_m · metric_m + b · ln(tokens_b). Only languages with every predictor enter.
 */
export function regressMany(rows: readonly JoinedRow[], metrics: readonly string[], target: CorrelationTarget = 'gap', controlSize = true): RegressionRow[] {
  const groups = new Map<string, Map<string, { row: JoinedRow; values: Map<string, number> }>>();
  for (const r of rows) {
    if (!metrics.includes(r.metric)) continue;
    const k = [r.tokenizer, r.corpus, r.task, r.setting, r.model ?? ''].join('\u0000');
    let byLang = groups.get(k);
    if (!byLang) groups.set(k, (byLang = new Map()));
    let entry = byLang.get(r.language);
    if (!entry) byLang.set(r.language, (entry = { row: r, values: new Map() }));
    entry.values.set(r.metric, r.value);
  }
  const out: RegressionRow[] = [];
  for (const byLang of groups.values()) {
    const usable = [...byLang.values()].filter((e) => metrics.every((m) => e.values.has(m)) && (!controlSize || (e.row.tokens_b ?? 0) > 0));
    const k = metrics.length + (controlSize ? 1 : 0) + 1;
    if (usable.length <= k) continue;
    const predictors: Record<string, number[]> = {};
    for (const m of metrics) predictors[m] = usable.map((e) => e.values.get(m) as number);
    if (controlSize) predictors['log_tokens_b'] = usable.map((e) => Math.log(e.row.tokens_b as number));
    let fit;
    try {
      fit = ols(usable.map((e) => e.row[target]), predictors);
    } catch {
      continue;
    }
    const g = (usable[0] as { row: JoinedRow }).row;
    const formula = `${target} ~ ${Object.keys(predictors).join(' + ')}`;
    for (const term of fit.terms) {
      out.push({
        tokenizer: g.tokenizer, corpus: g.corpus, task: g.task, setting: g.setting, ...(g.model !== undefined ? { model: g.model } : {}), target, formula, term: term.name,
        estimate: term.estimate, std_error: term.stdError, t: term.t, p: term.p, n: fit.n, df: fit.df, r_squared: fit.rSquared, adj_r_squared: fit.adjRSquared,
      });
    }
  }
  return out;
}
