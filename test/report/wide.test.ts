import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finiteOrNull, tokenizerLabels, toWideRows } from '../../src/report/wide.js';
import { LANGUAGES, rowsAB } from './fixtures.js';

test('tidy rows pivot to one record per tokenizer × language, NaN and null kept as null', () => {
  const wide = toWideRows(rowsAB(), LANGUAGES);
  assert.equal(wide.length, 12);
  const thaA = wide.find((w) => w.tokenizer === 'spm-a' && w.language === 'tha')!;
  assert.equal(thaA.values.fertility, null);
  assert.equal(thaA.values.tokens, 500);
  assert.equal(thaA.values.premium, 5);
  const grc = wide.find((w) => w.language === 'grc')!;
  assert.equal(grc.latitude, null);
  assert.equal(grc.name, 'Ancient Greek');
  assert.equal(wide.find((w) => w.language === 'eng')!.codes, 'iso639_3: eng, bcp47: en');
  assert.equal(finiteOrNull(NaN), null);
  assert.equal(finiteOrNull(0), 0);
});

test('a language without metadata shows its code and unknown groups', () => {
  const [w] = toWideRows([{ tokenizer: 't', corpus: 'c', language: 'xyz', metric: 'fertility', value: 2, word_source: 'gold' }], []);
  assert.equal(w!.name, 'xyz');
  assert.equal(w!.script, 'unknown');
  assert.equal(w!.tier, 'unknown');
  assert.equal(w!.latitude, null);
});

test('tokenizer specs get short display names, unless two would clash', () => {
  const labels = tokenizerLabels([
    'spm:/work/shared/fixtures/golden/udhr-unigram-8k.model',
    'hf:/x/xglm-format-udhr-unigram-8k/tokenizer.json',
    'tiktoken:o200k_base',
    'xglm:facebook/xglm-564M',
    'spm:/a/m.model',
    'spm:/b/m.model',
  ]);
  assert.deepEqual([...labels.values()], ['udhr-unigram-8k', 'xglm-format-udhr-unigram-8k', 'tiktoken:o200k_base', 'xglm-564M', 'spm:/a/m.model', 'spm:/b/m.model']);
});
