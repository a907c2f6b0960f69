// Owned vocabulary share on a hand-made case, ties split equally, and the per-language metrics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocateVocabulary, fillOverlapMetrics, jensenShannon, overlapRows, sparseDistribution, tokenizerOverlap } from '../../../src/stats/overlap/index.js';
import type { StatRow } from '../../../src/tables/tidy.js';

const pairs = (c: Record<number, number>) => Object.entries(c).map(([id, n]) => [Number(id), n] as const);

// A: ids 0,1 at ½ each; B: 1 at ¼, 2 at ¾; C: 0 ¼, 1 ¼, 2 ½; D: 3 at 1; E: 3 at 1 (2 tokens).
// id 0: A (½ > ¼); id 1: A (½ > ¼ = ¼); id 2: B (¾ > ½); id 3: D and E tie at 1 → ½ each.
// Ids used by the run: 4. Owned shares: A 2/4, B 1/4, C 0, D ⅛, E ⅛.
// By raw counts E would own id 3 outright (2 tokens > 1); by relative frequency D and E tie.
const CASE = { A: { 0: 2, 1: 2 }, B: { 1: 1, 2: 3 }, C: { 0: 1, 1: 1, 2: 2 }, D: { 3: 1 }, E: { 3: 2 } };

test('owned ids by relative frequency, ties shared', () => {
  const a = allocateVocabulary(Object.values(CASE).map((c) => sparseDistribution(pairs(c))));
  assert.deepEqual(a.owned, [2, 1, 0, 0.5, 0.5]);
  assert.deepEqual(a.used, [2, 2, 3, 1, 1]);
  assert.equal(a.usedByAny, 4);
});

test('tokenizerOverlap: allocation rows, JSD to English (not one of the languages), mean JSD', () => {
  const o = tokenizerOverlap({
    tokenizer: 't', vocabSize: 10,
    languages: Object.entries(CASE).map(([language, c]) => ({ language, idCounts: pairs(c) })),
    english: { language: 'eng', idCounts: pairs({ 0: 1, 1: 1 }) },
  });
  assert.deepEqual(o.allocation.map((r) => [r.language, r.owned_ids, r.owned_share, r.vocab_share]), [
    ['A', 2, 0.5, 0.2], ['B', 1, 0.25, 0.1], ['C', 0, 0, 0], ['D', 0.5, 0.125, 0.05], ['E', 0.5, 0.125, 0.05],
  ]);
  assert.equal(o.allocation.reduce((s, r) => s + r.owned_share!, 0), 1);
  // English has A's distribution: JSD 0; D and E share no id with it: 1.
  const m = (l: string) => o.metrics.get(l)!;
  assert.equal(m('A').jsd_english, 0);
  assert.equal(m('D').jsd_english, 1);
  assert.equal(m('E').jsd_english, 1);
  const d = (x: Record<number, number>) => sparseDistribution(pairs(x));
  assert.ok(Math.abs(m('B').jsd_english! - jensenShannon(d(CASE.A), d(CASE.B))) < 1e-15);
  // D and E are the same distribution (JSD 0) and disjoint from A, B, C (JSD 1 each): mean (1+1+1+0)/4.
  assert.equal(m('D').mean_jsd, 0.75);
  assert.deepEqual(overlapRows(o).slice(0, 2).map((r) => [r.language_a, r.language_b]), [['A', 'B'], ['A', 'C']]);
  assert.equal(overlapRows(o).length, 10);
  assert.equal(overlapRows(o).find((r) => r.language_a === 'D' && r.language_b === 'E')!.jsd, 0);
});

test('English among the languages: its own JSD is 0; without English the metric is undefined', () => {
  const withEnglish = tokenizerOverlap({ tokenizer: 't', vocabSize: 10, languages: [{ language: 'eng', idCounts: pairs(CASE.A) }, { language: 'x', idCounts: pairs(CASE.B) }], english: { language: 'eng', idCounts: pairs(CASE.A) } });
  assert.equal(withEnglish.metrics.get('eng')!.jsd_english, 0);
  assert.equal(withEnglish.metrics.get('x')!.jsd_english, withEnglish.jsd[1]);
  const without = tokenizerOverlap({ tokenizer: 't', vocabSize: 10, languages: [{ language: 'x', idCounts: pairs(CASE.B) }] });
  assert.deepEqual(without.metrics.get('x'), { owned_share: 1, jsd_english: null, mean_jsd: null });
});

test('fillOverlapMetrics sets only the overlap rows of the matching tokenizer and language', () => {
  const o = tokenizerOverlap({ tokenizer: 't', vocabSize: 10, languages: [{ language: 'A', idCounts: pairs(CASE.A) }, { language: 'B', idCounts: pairs(CASE.B) }] });
  const row = (tokenizer: string, language: string, metric: StatRow['metric']): StatRow => ({ tokenizer, corpus: 'c', language, metric, value: null, word_source: 'segmenter' });
  const rows = [row('t', 'A', 'owned_share'), row('t', 'B', 'mean_jsd'), row('t', 'A', 'fertility'), row('other', 'A', 'owned_share')];
  fillOverlapMetrics(rows, [o]);
  // A owns ids 0 and 1 of the three the run uses (id 1: ½ > ¼); B owns id 2.
  assert.deepEqual(rows.map((r) => r.value), [2 / 3, o.jsd[1], null, null]);
});
