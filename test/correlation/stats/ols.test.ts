import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ols } from '../../../src/correlation/stats/ols.js';
import { partialCorrelation } from '../../../src/correlation/stats/partial.js';
import { StatisticError } from '../../../src/correlation/errors.js';
import { ANSCOMBE_X, ANSCOMBE_Y1, X7, Y7, Z7 } from './reference.js';

const close = (a: number, b: number, tol = 1e-9): void => assert.ok(Math.abs(a - b) < tol, `${a} vs ${b}`);

test('Anscombe I: y = 3.00 + 0.500 x, R² = 0.67 (published); SEs from scipy.stats.linregress', () => {
  const fit = ols(ANSCOMBE_Y1, { x: ANSCOMBE_X });
  const [b0, b1] = fit.terms;
  assert.equal(b0!.estimate.toFixed(2), '3.00');
  assert.equal(b1!.estimate.toFixed(3), '0.500');
  assert.equal(fit.rSquared.toFixed(2), '0.67');
  // scipy 1.10.1 linregress: slope 0.5000909090909091, intercept 3.0000909090909103, r² 0.666542459508775,
  // stderr 0.11790550059563408, intercept_stderr 1.1247467908086437, pvalue 0.00216962887307879
  close(b1!.estimate, 0.5000909090909091);
  close(b0!.estimate, 3.0000909090909103);
  close(fit.rSquared, 0.666542459508775);
  close(b1!.stdError, 0.11790550059563408);
  close(b0!.stdError, 1.1247467908086437);
  close(b1!.p, 0.00216962887307879);
  assert.equal(fit.df, 9);
});

test('two predictors against numpy.linalg.lstsq + scipy.stats.t', () => {
  // numpy 1.24.2: X = [1, X7, Z7]; b = lstsq; se = sqrt(diag(s² (XᵀX)⁻¹)); p = 2 t.sf(|t|, 4)
  const fit = ols(Y7, { fertility: X7, log_tokens: Z7 });
  const b = [0.04732341105178746, -0.11370530034503903, 0.012252062283331143];
  const se = [0.08602837057301778, 0.026612278964950428, 0.01032646254821785];
  const t = [0.5500907518830785, -4.272663025019167, 1.1864723496668872];
  const p = [0.6115298591612905, 0.012922748632116919, 0.3010902599250375];
  fit.terms.forEach((term, j) => {
    close(term.estimate, b[j]!);
    close(term.stdError, se[j]!);
    close(term.t, t[j]!, 1e-7);
    close(term.p, p[j]!);
  });
  assert.deepEqual(fit.terms.map((x) => x.name), ['(intercept)', 'fertility', 'log_tokens']);
  close(fit.rSquared, 0.9319807745731209);
  close(fit.adjRSquared, 0.8979711618596813);
});

test('partial correlation controlling for log pretraining size (numpy residuals + scipy t, df = n - 3)', () => {
  const pc = partialCorrelation(X7, Y7, { log_tokens: Z7 });
  close(pc.r, -0.9056877789091423);
  close(pc.p, 0.012922748632116688);
  assert.equal(pc.df, 4);
  // The partial test and the OLS t-test of the same coefficient are the same test.
  close(pc.p, ols(Y7, { x: X7, z: Z7 }).terms[1]!.p);
});

test('bad input: collinear predictors and too few points are typed errors', () => {
  assert.throws(() => ols([1, 2, 3, 4], { a: [1, 2, 3, 4], b: [2, 4, 6, 8] }), StatisticError);
  assert.throws(() => ols([1, 2], { a: [1, 2] }), /needs more than 2 observations/);
});
