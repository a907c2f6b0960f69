import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fairnessSummary, gini, median } from '../../src/stats/fairness.js';
import type { MetricName, StatRow } from '../../src/tables/tidy.js';

const row = (tokenizer: string, language: string, metric: MetricName, value: number | null): StatRow => ({ tokenizer, corpus: 'udhr', language, metric, value, word_source: 'segmenter' });

test('Gini by hand: equal values 0; all on one (n − 1)/n; [1, 2, 3, 4] = Σ|xi − xj| / (2n²x̄) = 20 / 80', () => {
  assert.equal(gini([1, 1, 1]), 0);
  assert.equal(gini([0, 0, 1]), 2 / 3);
  assert.equal(gini([4, 1, 3, 2]), 0.25);
  assert.equal(gini([5]), 0);
  assert.equal(gini([]), null);
  assert.equal(gini([0, 0]), null);
});

test('median: middle value, or the mean of the two middle values', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([]), null);
});

test('fairness summary per tokenizer, by hand', () => {
  const rows: StatRow[] = [
    ...[['eng', 1, 1.2], ['deu', 1.5, 1.4], ['hin', 2.5, 2], ['mya', 4, 3], ['xxx', null, null], ['tie', 2, null]].flatMap(([l, p, f]) => [
      row('A', l as string, 'premium', p as number | null),
      row('A', l as string, 'fertility', f as number | null),
    ]),
    row('B', 'eng', 'premium', null),
    row('B', 'eng', 'fertility', 1.5),
  ];
  const [a, b] = fairnessSummary(rows);
  // Premiums [1, 1.5, 2, 2.5, 4]: the 10 pairwise gaps sum to 14, so G = 2 · 14 / (2 · 5² · 2.2) = 14 / 55.
  assert.equal(a!.tokenizer, 'A');
  assert.equal(a!.languages, 6);
  assert.equal(a!.premium_languages, 5);
  assert.ok(Math.abs(a!.premium_gini! - 14 / 55) < 1e-15);
  assert.deepEqual([a!.premium_max, a!.premium_max_language, a!.premium_min, a!.premium_min_language], [4, 'mya', 1, 'eng']);
  // Strictly above 2: hin and mya (a premium of exactly 2 does not count).
  assert.equal(a!.premium_above_2x_share, 2 / 5);
  // Fertilities [1.2, 1.4, 2, 3] → (1.4 + 2) / 2.
  assert.equal(a!.fertility_median, 1.7);
  assert.deepEqual([b!.premium_gini, b!.premium_max, b!.premium_max_language, b!.premium_above_2x_share, b!.fertility_median], [null, null, null, null, 1.5]);
});
