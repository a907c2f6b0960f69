/**
 * Ordinary least squares with an intercept and any number of predictors: coefficients,
 * standard errors from σ²(XᵀX)⁻¹, t values, two-sided p-values and R².
 */
import { StatisticError } from '../errors.js';
import { studentTTwoSided } from './distributions.js';

export interface OlsTerm {
  name: string;
  estimate: number;
  stdError: number;
  t: number;
  p: number;
}

export interface OlsFit {
  terms: OlsTerm[];
  n: number;
  /** Residual degrees of freedom, n − (predictors + 1). */
  df: number;
  rSquared: number;
  adjRSquared: number;
  residuals: number[];
}

/** Inverts a small symmetric positive-definite matrix by Gauss–Jordan with partial pivoting. */
function invert(a: number[][]): number[][] {
  const k = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: k }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < 1e-12) {
      throw new StatisticError('predictors are collinear (XᵀX is singular)', { expected: 'linearly independent predictors' });
    }
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const div = m[col]![col]!;
    for (let j = 0; j < 2 * k; j++) m[col]![j]! /= div;
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = m[r]![col]!;
      if (f === 0) continue;
      for (let j = 0; j < 2 * k; j++) m[r]![j] = m[r]![j]! - f * m[col]![j]!;
    }
  }
  return m.map((row) => row.slice(k));
}

/**
 * Fits y = b0 + Σ b_j · x_j. `predictors` maps a name to its column (each as long as `y`).
 */
export function ols(y: readonly number[], predictors: Readonly<Record<string, readonly number[]>>): OlsFit {
  const names = ['(intercept)', ...Object.keys(predictors)];
  const n = y.length;
  const p = names.length;
  for (const [name, col] of Object.entries(predictors)) {
    if (col.length !== n) throw new StatisticError(`predictor ${name} has ${col.length} values, y has ${n}`, { field: name });
  }
  if (n <= p) {
    throw new StatisticError(`OLS with ${p} coefficients needs more than ${p} observations, got ${n}`, { expected: `n > ${p}` });
  }
  const cols = Object.values(predictors);
  const row = (i: number): number[] => [1, ...cols.map((c) => c[i] as number)];
  const xtx = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const xty = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) {
    const r = row(i);
    for (let a = 0; a < p; a++) {
      xty[a]! += r[a]! * (y[i] as number);
      for (let b = 0; b < p; b++) xtx[a]![b]! += r[a]! * r[b]!;
    }
  }
  const inv = invert(xtx);
  const beta = inv.map((ri) => ri.reduce((s, v, j) => s + v * xty[j]!, 0));
  const residuals = Array.from({ length: n }, (_, i) => (y[i] as number) - row(i).reduce((s, v, j) => s + v * beta[j]!, 0));
  const sse = residuals.reduce((s, e) => s + e * e, 0);
  const mean = y.reduce((s, v) => s + v, 0) / n;
  const sst = y.reduce((s, v) => s + (v - mean) ** 2, 0);
  const df = n - p;
  const sigma2 = sse / df;
  const terms = names.map((name, j) => {
    const stdError = Math.sqrt(sigma2 * inv[j]![j]!);
    const t = beta[j]! / stdError;
    return { name, estimate: beta[j]!, stdError, t, p: studentTTwoSided(t, df) };
  });
  const rSquared = sst === 0 ? NaN : 1 - sse / sst;
  return { terms, n, df, rSquared, adjRSquared: 1 - ((1 - rSquared) * (n - 1)) / df, residuals };
}
