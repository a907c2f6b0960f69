/** Pearson's product-moment correlation, with its parametric two-sided p-value (t, df = n − 2). */
import { studentTTwoSided } from './distributions.js';

/** r of two equal-length samples; NaN when either has zero variance or n < 2. */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n !== y.length || n < 2) return NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) { mx += x[i] as number; my += y[i] as number; }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  const r = sxy / Math.sqrt(sxx * syy);
  return Math.max(-1, Math.min(1, r));
}

/** Two-sided p-value of r under H0: ρ = 0, from t = r·√(df / (1 − r²)). */
export function correlationPValue(r: number, n: number, controlled = 0): number {
  const df = n - 2 - controlled;
  if (!Number.isFinite(r) || df <= 0) return NaN;
  if (Math.abs(r) >= 1) return 0;
  return studentTTwoSided(r * Math.sqrt(df / (1 - r * r)), df);
}
