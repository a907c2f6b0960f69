import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCorrelation } from '../../src/correlation/analyze.js';
import { resultRows, statRows } from './helpers.js';
import { X7, Y7 } from './stats/reference.js';

const PAWSX = ['en', 'de', 'es', 'fr', 'ja', 'ko', 'zh'];
const W7 = [0.9, 1.0, 1.3, 1.1, 1.6, 1.5, 1.9];

test('several predictors at once: gap ~ fertility + premium + ln(tokens_b) matches numpy lstsq + scipy t', () => {
  // numpy 1.24.2: X = [1, X7, W7, ln tokens_b(en, de, es, fr, ja, ko, zh)]; b = lstsq(X, Y7);
  // se = sqrt(diag(s² (XᵀX)⁻¹)), df = 3; p = 2 · scipy.stats.t.sf(|t|, 3)
  const b = [0.0844150341299415, -0.16763625996673712, 0.062466324835585334, 0.006070616865990819];
  const se = [0.06603539354686129, 0.032551692170920916, 0.030043052518163398, 0.008190485752181478];
  const p = [0.29106413298358563, 0.014192752897342705, 0.12909789399683144, 0.5123299306294196];
  const results = resultRows('pawsx', PAWSX, Y7.map((y) => 0.5 + y), Y7.map(() => 0.5));
  const stats = [...statRows('fertility', PAWSX, X7), ...statRows('premium', PAWSX, W7)];
  const a = analyzeCorrelation(stats, results, { bootstrap: 50, targets: ['gap'], predictors: ['fertility', 'premium'] });
  const model = a.regressions.filter((r) => r.formula === 'gap ~ fertility + premium + log_tokens_b');
  assert.deepEqual(model.map((r) => r.term), ['(intercept)', 'fertility', 'premium', 'log_tokens_b']);
  model.forEach((r, j) => {
    assert.ok(Math.abs(r.estimate - b[j]!) < 1e-9, `${r.term} b`);
    assert.ok(Math.abs(r.std_error - se[j]!) < 1e-9, `${r.term} se`);
    assert.ok(Math.abs(r.p - p[j]!) < 1e-8, `${r.term} p`);
  });
  assert.ok(Math.abs(model[0]!.r_squared - 0.9721353915122412) < 1e-9);
  assert.equal(model[0]!.df, 3);
  // and the one-metric models are still there
  assert.ok(a.regressions.some((r) => r.formula === 'gap ~ fertility + log_tokens_b'));
});
