/**
 * Partial correlation of x and y controlling for covariates: Pearson's r of the OLS residuals,
 * with the t-test on n − 2 − k degrees of freedom (k covariates).
 */
import { ols } from './ols.js';
import { pearson, correlationPValue } from './pearson.js';

export interface PartialCorrelation {
  r: number;
  p: number;
  df: number;
}

export function partialCorrelation(
  x: readonly number[],
  y: readonly number[],
  covariates: Readonly<Record<string, readonly number[]>>,
): PartialCorrelation {
  const k = Object.keys(covariates).length;
  const df = x.length - 2 - k;
  if (df <= 0) return { r: NaN, p: NaN, df };
  const rx = ols(x, covariates).residuals;
  const ry = ols(y, covariates).residuals;
  const r = pearson(rx, ry);
  return { r, p: correlationPValue(r, x.length, k), df };
}
