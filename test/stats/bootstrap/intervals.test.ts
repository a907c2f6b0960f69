import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countSegment, emptyCounter, computeMetrics, analyzeTokenization, type TokenCounter } from '../../../src/stats/index.js';
import { UnitStatsBuilder, type UnitStats } from '../../../src/stats/unit-stats.js';
import { bootstrapLanguage, metricReplicates, resampleIndices, resampleKey } from '../../../src/stats/bootstrap/index.js';
import { METRIC_NAMES } from '../../../src/tables/tidy.js';
import type { Tokenizer } from '../../../src/tokenizers/types.js';
import { fakeTokenizer } from '../../helpers/fake-tokenizer.js';

/** Count lines as segments `line:1`, `line:2`, … with their per-unit statistics. */
function count(tok: Tokenizer, lines: string[]): { counter: TokenCounter; units: UnitStats } {
  const counter = emptyCounter();
  const builder = new UnitStatsBuilder();
  lines.forEach((text, i) => countSegment(counter, tok, { id: `line:${i + 1}`, text }, 'en', undefined, builder));
  return { counter, units: builder.finish() };
}

const close = (actual: number | undefined, expected: number, what: string): void => {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-12, `${what}: ${actual} ≠ ${expected}`);
};

// Every letter is one token (empty vocabulary). deu: "abcd" = 1 word, 4 tokens; "e f" = 2 words,
// 2 tokens. eng: "ab", "cd" = 2 tokens each. Units A = line 1, B = line 2.
const tok = fakeTokenizer({ vocabSize: 100 });
const deu = count(tok, ['abcd', 'e f']);
const eng = count(tok, ['ab', 'cd']);

test('per-unit sums add up to the counter; id counts are per unit', () => {
  assert.deepEqual(deu.units.ids, ['line:1', 'line:2']);
  assert.deepEqual([...deu.units.sums.tokens], [4, 2]);
  assert.deepEqual([...deu.units.sums.words], [1, 2]);
  assert.deepEqual([...deu.units.sums.wordTokens], [4, 2]);
  assert.deepEqual([...deu.units.idStart], [0, 4, 6]);
  assert.deepEqual([...deu.units.idCount], [1, 1, 1, 1, 1, 1]);
  assert.equal(deu.units.vocab.length, deu.counter.idCounts.size);
});

test('intervals by hand: resamples AA, AB, BB, BA of two units', () => {
  const indices = Int32Array.from([0, 0, 0, 1, 1, 1, 1, 0]);
  const { replicates, intervals } = bootstrapLanguage(deu.units, 'deu', { vocabSize: 100, alpha: 2.5, english: eng.units }, { resamples: 4, seed: 1 }, indices);
  // fertility: AA 8/2 = 4, AB 6/3 = 2, BB 4/4 = 1 → sorted [1, 2, 2, 4]; h = 3·0.025 = 0.075, 3·0.975 = 2.925.
  assert.deepEqual([...replicates.fertility], [4, 2, 1, 2]);
  close(intervals.fertility?.[0], 1 + 0.075 * 1, 'fertility low');
  close(intervals.fertility?.[1], 2 + 0.925 * 2, 'fertility high');
  // premium, paired with English's same lines: AA 8/4, AB 6/4, BB 4/4.
  assert.deepEqual([...replicates.premium], [2, 1.5, 1, 1.5]);
  close(intervals.premium?.[0], 1 + 0.075 * 0.5, 'premium low');
  close(intervals.premium?.[1], 1.5 + 0.925 * 0.5, 'premium high');
  // tokens: 8, 6, 4, 6.
  close(intervals.tokens?.[0], 4.15, 'tokens low');
  close(intervals.tokens?.[1], 7.85, 'tokens high');
  // Ids: AA has a, b, c, d twice each (uniform over 4: H = 2 bits, avg rank 1.5); AB six ids once
  // (H = log₂6, avg rank 2.5); BB e, f twice (H = 1, avg rank 0.5). Sorted H: [1, 2, log₂6, log₂6].
  const logV = Math.log2(100);
  const h6 = Math.log2(6);
  close(intervals.shannon_efficiency?.[0], (1 + 0.075 * (2 - 1)) / logV, 'shannon low');
  close(intervals.shannon_efficiency?.[1], h6 / logV, 'shannon high');
  // A uniform distribution has H_α = log₂ k for every α.
  close(intervals.renyi_efficiency?.[0], (1 + 0.075 * (2 - 1)) / logV, 'renyi low');
  close(intervals.renyi_efficiency?.[1], h6 / logV, 'renyi high');
  assert.deepEqual([...replicates.avg_rank], [1.5, 2.5, 0.5, 2.5]);
  close(intervals.avg_rank?.[0], 0.5 + 0.075 * 1, 'avg_rank low');
  close(intervals.avg_rank?.[1], 2.5, 'avg_rank high');
  close(intervals.vocab_use?.[0], 0.02 + 0.075 * 0.02, 'vocab_use low');
  close(intervals.vocab_use?.[1], 0.06, 'vocab_use high');
});

test('a segment English lacks adds to neither side of premium', () => {
  const engShort = count(tok, ['ab']);
  const { replicates } = bootstrapLanguage(deu.units, 'deu', { vocabSize: 100, alpha: 2.5, english: engShort.units }, { resamples: 3, seed: 1 }, Int32Array.from([0, 0, 0, 1, 1, 1]));
  // AA: 8/4; AB: 4/2 (B has no English line); BB: nothing aligned → undefined.
  assert.deepEqual([...replicates.premium].map((v) => (Number.isNaN(v) ? null : v)), [2, 2, null]);
});

test('the identity resample reproduces every point estimate', () => {
  const text = ['All human beings are born free.', 'They are endowed with reason, and conscience!', 'Everyone has rights: ž ß é.'];
  const t = fakeTokenizer({ vocab: ['are', 'with', 'and'], unknown: 'ž', bytes: 'ß' });
  const l = count(t, text);
  const e = count(t, [text[0]!.toUpperCase(), text[1]!, 'x']);
  const reps = metricReplicates(l.units, Int32Array.from([0, 1, 2]), 1, { vocabSize: 50, alpha: 2.5, english: e.units });
  const point = computeMetrics(l.counter, { vocabSize: 50, alpha: 2.5, english: e.counter });
  for (const metric of METRIC_NAMES) {
    const v = point[metric]!;
    assert.ok(Math.abs(reps[metric][0]! - v) <= 1e-12 * Math.max(1, Math.abs(v)), `${metric}: ${reps[metric][0]} vs ${v}`);
  }
});

test('draws are seeded per language: equal seeds repeat, other seeds and languages differ', () => {
  const a = resampleIndices(31, 50, resampleKey(1, 'deu'));
  assert.deepEqual(a, resampleIndices(31, 50, resampleKey(1, 'deu')));
  assert.notDeepEqual(a, resampleIndices(31, 50, resampleKey(2, 'deu')));
  assert.notDeepEqual(a, resampleIndices(31, 50, resampleKey(1, 'fra')));
  assert.ok(a.every((i) => i >= 0 && i < 31));
});

test('the job: value_low/value_high from the seeded draws, paired differences, fairness.csv', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-boot-'));
  writeFileSync(join(dir, 'deu.txt'), 'abcd\ne f\n');
  writeFileSync(join(dir, 'eng.txt'), 'ab\ncd\n');
  const outDir = join(dir, 'out');
  const resamples = 40;
  const r = await analyzeTokenization({
    tokenizers: ['fake:a', 'fake:b'], corpus: `text:${dir}`, langs: 'deu,eng', outDir, formats: ['csv'], bootstrap: resamples, bootstrapSeed: 7,
    loadTokenizer: (spec) => fakeTokenizer({ vocabSize: 100, vocab: spec === 'fake:b' ? ['abcd'] : [] }),
  });
  // By hand from the draws: k = how often line 1 was drawn; fertility (4k + 2(2−k)) / (k + 2(2−k)).
  const draws = resampleIndices(2, resamples, resampleKey(7, 'deu'));
  const fert: number[] = [];
  const saved: number[] = [];
  for (let b = 0; b < resamples; b++) {
    const k = (draws[2 * b] === 0 ? 1 : 0) + (draws[2 * b + 1] === 0 ? 1 : 0);
    fert.push((4 * k + 2 * (2 - k)) / (k + 2 * (2 - k)));
    saved.push(-3 * k);
  }
  const quantile = (values: number[], p: number): number => {
    const v = [...values].sort((x, y) => x - y);
    const h = (v.length - 1) * p;
    const lo = Math.floor(h);
    return v[lo]! + (h - lo) * (v[Math.min(lo + 1, v.length - 1)]! - v[lo]!);
  };
  const q = (p: number): number => quantile(fert, p);
  const row = r.rows.find((x) => x.tokenizer === 'fake:a' && x.language === 'deu' && x.metric === 'fertility')!;
  assert.equal(row.value, 2);
  close(row.value_low ?? undefined, q(0.025), 'job fertility low');
  close(row.value_high ?? undefined, q(0.975), 'job fertility high');
  assert.equal(r.bootstrap.resamples, resamples);
  // English's premium is 1 in every resample.
  const engPremium = r.rows.find((x) => x.tokenizer === 'fake:a' && x.language === 'eng' && x.metric === 'premium')!;
  assert.deepEqual([engPremium.value, engPremium.value_low, engPremium.value_high], [1, 1, 1]);
  // fake:b keeps "abcd" as one token: paired, each draw of line 1 saves exactly 3 tokens.
  const diff = r.differences.find((d) => d.language === 'deu' && d.metric === 'tokens')!;
  assert.equal(diff.baseline, 'fake:a');
  assert.equal(diff.tokenizer, 'fake:b');
  assert.equal(diff.difference, -3);
  close(diff.difference_low ?? undefined, quantile(saved, 0.025), 'difference low');
  close(diff.difference_high ?? undefined, quantile(saved, 0.975), 'difference high');
  const { readFileSync } = await import('node:fs');
  const manifest = JSON.parse(readFileSync(join(outDir, '.tokgap-outputs.json'), 'utf8')) as { files: string[] };
  assert.deepEqual(manifest.files.filter((f) => f.endsWith('.csv')).sort(), ['allocation.csv', 'differences.csv', 'fairness.csv', 'overlap.csv', 'tokenization.csv']);
  const csv = readFileSync(join(outDir, 'tokenization.csv'), 'utf8').split('\n')[0];
  assert.equal(csv, 'tokenizer,corpus,language,metric,value,word_source,value_low,value_high');
});

test('--bootstrap 0: intervals empty, no per-segment statistics; a later run with intervals recounts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-boot-'));
  writeFileSync(join(dir, 'deu.txt'), 'abcd\ne f\n');
  const opts = { tokenizers: ['fake'], corpus: `text:${dir}`, langs: 'deu', outDir: join(dir, 'out'), formats: ['csv' as const], loadTokenizer: () => fakeTokenizer() };
  const off = await analyzeTokenization({ ...opts, bootstrap: 0 });
  assert.ok(off.rows.every((x) => x.value_low === null && x.value_high === null));
  const on = await analyzeTokenization({ ...opts, bootstrap: 10 });
  assert.equal(on.computed, 1, 'a checkpoint without per-segment statistics is recounted');
  assert.ok(on.rows.find((x) => x.metric === 'fertility')!.value_low !== null);
  const again = await analyzeTokenization({ ...opts, bootstrap: 10 });
  assert.deepEqual([again.computed, again.resumed], [0, 1]);
  assert.deepEqual(again.rows, on.rows);
  await assert.rejects(analyzeTokenization({ ...opts, bootstrap: -1 }), /bootstrap/);
  await assert.rejects(analyzeTokenization({ ...opts, bootstrap: 1.5 }), /bootstrap/);
});

test('IntervalBook: a language bootstrapped before English gets the same paired premium at the end', async () => {
  const { IntervalBook } = await import('../../../src/stats/job/interval-book.js');
  const options = { resamples: 30, seed: 5 };
  const deuCount = { language: 'deu', wordSource: 'segmenter' as const, counter: deu.counter, units: deu.units };
  const engCount = { language: 'eng', wordSource: 'segmenter' as const, counter: eng.counter, units: eng.units };
  let englishKnown = false;
  const book = new IntervalBook({ vocabSizes: [100], alpha: 2.5, bootstrap: options, english: 'eng' }, () => (englishKnown ? engCount : undefined));
  book.add(0, deuCount);
  englishKnown = true;
  book.add(0, engCount);
  const late = book.replicatesOf(0, deuCount)!;
  const direct = bootstrapLanguage(deu.units, 'deu', { vocabSize: 100, alpha: 2.5, english: eng.units }, options).replicates;
  for (const metric of METRIC_NAMES) assert.deepEqual([...late[metric]], [...direct[metric]], metric);
  assert.equal(deuCount.units.idCount.length, 0, 'the sparse id rows are dropped once used');
});
