import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeCorrelation } from '../../src/correlation/analyze.js';
import { holm } from '../../src/correlation/stats/holm.js';
import { resultRows, statRows } from './helpers.js';
import { X7, Y7 } from './stats/reference.js';

// PAWS-X's 7 languages, in the order of X7 / Y7 / Z7 (reference.ts).
const PAWSX = ['en', 'de', 'es', 'fr', 'ja', 'ko', 'zh'];
const FLORES = ['eng_Latn', 'deu_Latn', 'spa_Latn', 'fra_Latn', 'jpn_Jpan', 'kor_Hang', 'zho_Hans'];

test('end to end on 7 languages: joined on normalised codes, statistics equal the scipy references', () => {
  const results = resultRows('pawsx', PAWSX, Y7.map((y) => 0.5 + y), Y7.map(() => 0.5));
  const stats = statRows('fertility', FLORES, X7);
  const a = analyzeCorrelation(stats, results, { bootstrap: 500, targets: ['gap'] });
  assert.equal(a.correlations.length, 1);
  const c = a.correlations[0]!;
  assert.equal(c.n, 7);
  assert.equal(c.languages, 'de;en;es;fr;ja;ko;zh');
  // scipy 1.10.1 pearsonr / spearmanr (see stats/reference.ts)
  assert.ok(Math.abs(c.pearson - -0.9529128112077705) < 1e-9);
  assert.ok(Math.abs(c.spearman - -0.9285714285714288) < 1e-9);
  // exact permutation over 5040 pairings: 6/5040 (scipy permutation_test on |r|)
  assert.equal(c.perm_exact, true);
  assert.ok(Math.abs(c.p_perm - 6 / 5040) < 1e-12);
  // partial r controlling for ln(XGLM tokens_b): numpy residuals, scipy t (df 4)
  assert.ok(Math.abs(c.partial_r - -0.9056877789091423) < 1e-9);
  assert.ok(Math.abs(c.partial_p - 0.012922748632116688) < 1e-9);
  assert.ok(c.pearson_ci_low <= c.pearson && c.pearson <= c.pearson_ci_high);
  assert.equal(a.exclusions.length, 0);
  // a single test: Holm leaves it alone
  assert.equal(c.p_holm, c.p_perm);
  // regression gap ~ fertility + log_tokens_b: the numpy coefficients of stats/ols.test.ts
  const slope = a.regressions.find((r) => r.term === 'fertility')!;
  assert.ok(Math.abs(slope.estimate - -0.11370530034503903) < 1e-9);
  assert.ok(Math.abs(slope.std_error - 0.026612278964950428) < 1e-9);
});

test('Holm runs over metrics × tasks within one tokenizer and target', () => {
  const results = [
    ...resultRows('pawsx', PAWSX, Y7.map((y) => 0.5 + y), Y7.map(() => 0.5)),
    ...resultRows('xnli', PAWSX, Y7.map((y, i) => 0.4 + y * (i % 2 ? 1 : -1)), Y7.map(() => 0.4)),
  ];
  const stats = [...statRows('fertility', PAWSX, X7), ...statRows('premium', PAWSX, X7.map((x, i) => x * x + i))];
  const a = analyzeCorrelation(stats, results, { bootstrap: 200, targets: ['gap', 'prompt'] });
  const gapRows = a.correlations.filter((c) => c.target === 'gap');
  assert.equal(gapRows.length, 4);
  const adjusted = holm(gapRows.map((c) => c.p_perm));
  gapRows.forEach((c, i) => assert.equal(c.p_holm, adjusted[i]));
});

test('seeds: gap is averaged over seeds with its SD; tiers group the gap', () => {
  const results = [
    ...resultRows('pos', ['en', 'de', 'hi'], [0.9, 0.8, 0.6], [0.95, 0.9, 0.8], 1),
    ...resultRows('pos', ['en', 'de', 'hi'], [0.92, 0.78, 0.5], [0.95, 0.9, 0.8], 2),
  ];
  const a = analyzeCorrelation(statRows('fertility', ['en', 'de', 'hi'], [1.2, 1.5, 2.5]), results, { bootstrap: 100, targets: ['gap'] });
  const hi = a.summary.find((s) => s.language === 'hi')!;
  // gaps -0.2 and -0.3: mean -0.25, sample SD = 0.0707106...
  assert.ok(Math.abs(hi.gap - -0.25) < 1e-12);
  assert.ok(Math.abs(hi.gap_sd - Math.SQRT1_2 / 10) < 1e-12);
  assert.equal(hi.seeds, 2);
  assert.equal(hi.tier, 'T3');
  // en and de are both T1: en gaps -0.05, -0.03 (mean -0.04); de -0.1, -0.12 (mean -0.11) → -0.075
  const t1 = a.tiers.find((t) => t.tier === 'T1')!;
  assert.equal(t1.languages, 2);
  assert.ok(Math.abs(t1.gap_mean - -0.075) < 1e-12);
  // ordered by pretraining size: en, de, hi
  assert.deepEqual(a.summary.map((s) => s.language), ['en', 'de', 'hi']);
});

test('results of two models are analysed per model: each equals its model alone, and Holm stays within a model', () => {
  const a = resultRows('pawsx', PAWSX, Y7.map((y) => 0.5 + y), Y7.map(() => 0.5)).map((r) => ({ ...r, model: 'models/a' }));
  const b = resultRows('pawsx', PAWSX, X7.map((x) => 0.4 + x / 10), Y7.map(() => 0.45)).map((r) => ({ ...r, model: 'models/b', line: r.line + 20 }));
  const stats = statRows('fertility', FLORES, X7);
  const both = analyzeCorrelation(stats, [...a, ...b], { bootstrap: 200, targets: ['gap'] });
  assert.deepEqual(both.correlations.map((c) => c.model).sort(), ['models/a', 'models/b']);
  for (const [model, rows] of [['models/a', a], ['models/b', b]] as const) {
    const alone = analyzeCorrelation(stats, rows, { bootstrap: 200, targets: ['gap'] }).correlations[0]!;
    const within = both.correlations.find((c) => c.model === model)!;
    assert.deepEqual(within, alone);
    // One test per model family: Holm leaves it alone.
    assert.equal(within.p_holm, within.p_perm);
  }
  assert.deepEqual(both.summary.map((s) => s.model), [...Array(7).fill('models/a'), ...Array(7).fill('models/b')]);
  assert.deepEqual([...new Set(both.regressions.map((r) => r.model))].sort(), ['models/a', 'models/b']);
  assert.deepEqual([...new Set(both.tiers.map((r) => r.model))].sort(), ['models/a', 'models/b']);
});

test('a model column in any engine\'s CSV is read; the same cell twice within one model is still refused', async () => {
  const { fromResultsText } = await import('../../src/correlation/results-input.js');
  const rows = fromResultsText('task,language,method,score,model\npos,en,prompt,0.5,m1\npos,en,prompt,0.6,m2\npos,en,finetune,0.7,\n', 'csv', 'r.csv');
  assert.deepEqual(rows.map((r) => r.model), ['m1', 'm2', undefined]);
  const twice = [...resultRows('pawsx', PAWSX, Y7, Y7), ...resultRows('pawsx', PAWSX, Y7, Y7).map((r) => ({ ...r, line: r.line + 20 }))].map((r) => ({ ...r, model: 'm' }));
  assert.throws(() => analyzeCorrelation(statRows('fertility', FLORES, X7), twice), (e: any) => e.code === 'DUPLICATE_CELL' && /of m/.test(e.message) && e.line === 21);
});
