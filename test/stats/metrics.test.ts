// Every metric computed by hand on a small text with the fake tokenizer (ids and spans are known).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyCounter } from '../../src/stats/counter.js';
import { countSegment } from '../../src/stats/count.js';
import { computeMetrics, toStatRows } from '../../src/stats/rows.js';
import { METRIC_NAMES } from '../../src/tables/tidy.js';
import { fakeTokenizer } from '../helpers/fake-tokenizer.js';

const V = 100;
const tok = fakeTokenizer({ vocab: ['the', 'cat', 'sat', 'on'], vocabSize: V, unknown: '☃', bytes: '€' });

// "the cat sat on zzz." → the | cat | sat | on | z z z | .   = 8 tokens; words: the cat sat on zzz (5)
function english() {
  const c = emptyCounter();
  countSegment(c, tok, { id: 's1', text: 'the cat sat on zzz.' }, 'en');
  return c;
}

test('counts: tokens, words, chars, bytes', () => {
  const m = computeMetrics(english(), { vocabSize: V, alpha: 2.5 });
  assert.equal(m.tokens, 8);
  assert.equal(m.words, 5);
  assert.equal(m.chars, 19);
  assert.equal(m.bytes, 19);
});

test('fertility, continued and single-token words', () => {
  const m = computeMetrics(english(), { vocabSize: V, alpha: 2.5 });
  assert.equal(m.fertility, 7 / 5); // the period is not in a word
  assert.equal(m.continued_words, 1 / 5);
  assert.equal(m.single_token_words, 4 / 5);
});

test('chars and bytes per token count code points and UTF-8 bytes', () => {
  const c = emptyCounter();
  // "été" = é t é: é is not in the vocab so 3 tokens; 3 code points, 5 bytes; "€" = 3 byte tokens, 3 bytes.
  countSegment(c, tok, { id: 'x', text: 'été €' }, 'fr');
  const m = computeMetrics(c, { vocabSize: V, alpha: 2.5 });
  assert.equal(m.tokens, 6);
  assert.equal(m.chars, 5);
  assert.equal(m.bytes, 5 + 1 + 3);
  assert.equal(m.chars_per_token, 5 / 6);
  assert.equal(m.bytes_per_token, 9 / 6);
  assert.equal(m.byte_fallback_rate, 3 / 6);
  assert.equal(m.unk_rate, 0);
});

test('unknown and byte-fallback rates are separate', () => {
  const c = emptyCounter();
  countSegment(c, tok, { id: 'x', text: 'the ☃ €' }, 'en');
  const m = computeMetrics(c, { vocabSize: V, alpha: 2.5 });
  assert.equal(m.tokens, 5); // the, <unk>, 3 bytes
  assert.equal(m.unk_rate, 1 / 5);
  assert.equal(m.byte_fallback_rate, 3 / 5);
});

test('vocab use, average rank, Shannon and Rényi efficiency', () => {
  const m = computeMetrics(english(), { vocabSize: V, alpha: 2.5 });
  // ids: the, cat, sat, on, z (×3), . → 6 distinct; p sorted = 3/8, then five × 1/8
  assert.equal(m.vocab_use, 6 / V);
  assert.equal(m.avg_rank, (1 + 2 + 3 + 4 + 5) / 8);
  const h = -(3 / 8) * Math.log2(3 / 8) - 5 * (1 / 8) * Math.log2(1 / 8);
  assert.ok(Math.abs(m.shannon_efficiency! - h / Math.log2(V)) < 1e-12);
  const h25 = Math.log2((3 / 8) ** 2.5 + 5 * (1 / 8) ** 2.5) / (1 - 2.5);
  assert.ok(Math.abs(m.renyi_efficiency! - h25 / Math.log2(V)) < 1e-12);
  const m3 = computeMetrics(english(), { vocabSize: V, alpha: 3 });
  const h3 = Math.log2((3 / 8) ** 3 + 5 * (1 / 8) ** 3) / (1 - 3);
  assert.ok(Math.abs(m3.renyi_efficiency! - h3 / Math.log2(V)) < 1e-12);
  // Rényi entropy never exceeds Shannon entropy for α > 1.
  assert.ok(m.renyi_efficiency! < m.shannon_efficiency!);
});

test('premium uses only segments both languages have', () => {
  const en = emptyCounter();
  countSegment(en, tok, { id: 'a', text: 'the cat' }, 'en'); // 2 tokens
  countSegment(en, tok, { id: 'b', text: 'on' }, 'en'); // 1 token
  const xx = emptyCounter();
  countSegment(xx, tok, { id: 'a', text: 'der katze' }, 'de'); // 3 + 5 = 8 tokens
  countSegment(xx, tok, { id: 'c', text: 'extra text' }, 'de'); // no English counterpart
  const m = computeMetrics(xx, { vocabSize: V, alpha: 2.5, english: en });
  assert.equal(m.premium, 8 / 2);
  assert.equal(computeMetrics(en, { vocabSize: V, alpha: 2.5, english: en }).premium, 1);
  assert.equal(computeMetrics(xx, { vocabSize: V, alpha: 2.5 }).premium, null);
});

test('undefined metrics are null, never 0', () => {
  const m = computeMetrics(emptyCounter(), { vocabSize: V, alpha: 2.5 });
  for (const k of ['fertility', 'unk_rate', 'chars_per_token', 'avg_rank', 'shannon_efficiency'] as const) assert.equal(m[k], null, k);
});

test('control tokens are never counted', () => {
  const c = emptyCounter();
  const special = { ...tok, encode: (t: string) => tok.encode(t, { addSpecialTokens: true }) };
  countSegment(c, special, { id: 's', text: 'the cat' }, 'en');
  assert.equal(c.tokens, 2);
  assert.equal(c.idCounts.has(0), false);
  assert.equal(c.wordTokens, 2);
});

test('toStatRows gives one row per metric in METRIC_NAMES order', () => {
  const rows = toStatRows(english(), { tokenizer: 't', corpus: 'c', language: 'eng', wordSource: 'segmenter', vocabSize: V, alpha: 2.5 });
  assert.deepEqual(rows.map((r) => r.metric), [...METRIC_NAMES]);
  assert.ok(rows.every((r) => r.tokenizer === 't' && r.corpus === 'c' && r.language === 'eng' && r.word_source === 'segmenter'));
  assert.equal(rows.find((r) => r.metric === 'premium')!.value, null);
});
