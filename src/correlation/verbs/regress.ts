/**
 * Joined table → OLS of the target on each metric plus log pretraining tokens, per task:
 * target = b0 + b1 · metric + b2 · ln(tokens_b). One row per term, with SE, t, p and R².
 */
import { ols } from '../stats/ols.js';
import type { CorrelationTarget, JoinedRow, RegressionRow } from '../types.js';

export function regress(rows: readonly JoinedRow[], target: CorrelationTarget = 'gap'): RegressionRow[] {
  const groups = new Map<string, JoinedRow[]>();
  for (const r of rows) {
    const k = [r.tokenizer, r.corpus, r.metric, r.task, r.setting].join('\u0000');
    const list = groups.get(k);
    if (list) list.push(r); else groups.set(k, [r]);
  }
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
        tokenizer: g.tokenizer, corpus: g.corpus, task: g.task, setting: g.setting, target,
        model: `${target} ~ ${g.metric} + log_tokens_b`, term: term.name,
        estimate: term.estimate, std_error: term.stdError, t: term.t, p: term.p,
        n: fit.n, df: fit.df, r_squared: fit.rSquared, adj_r_squared: fit.adjRSquared,
      });
    }
  }
  return out;
}
