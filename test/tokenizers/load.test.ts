import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultTokenizerChoice, defaultTokenizerSpec, parseTokenizerSpec } from '../../src/tokenizers/index.js';

test('spec strings parse to their kind; bare names and paths are recognised', () => {
  assert.deepEqual(parseTokenizerSpec('spm:a/b.model'), { kind: 'spm', path: 'a/b.model' });
  assert.deepEqual(parseTokenizerSpec('xglm:/models/xglm'), { kind: 'xglm', dir: '/models/xglm' });
  assert.deepEqual(parseTokenizerSpec('hf:/x/tokenizer.json'), { kind: 'hf', path: '/x/tokenizer.json' });
  assert.deepEqual(parseTokenizerSpec('tiktoken:o200k_base'), { kind: 'tiktoken', name: 'o200k_base' });
  assert.deepEqual(parseTokenizerSpec('hub:facebook/xglm-564M'), { kind: 'hub', ref: { repo: 'facebook/xglm-564M', revision: 'main' } });
  assert.deepEqual(parseTokenizerSpec('hub:facebook/xglm-564M@v1.0'), { kind: 'hub', ref: { repo: 'facebook/xglm-564M', revision: 'v1.0' } });
  assert.deepEqual(parseTokenizerSpec('named:llama3'), { kind: 'named', name: 'llama3' });
  assert.deepEqual(parseTokenizerSpec('o200k_base'), { kind: 'tiktoken', name: 'o200k_base' });
  assert.deepEqual(parseTokenizerSpec('llama3'), { kind: 'named', name: 'llama3' });
  assert.deepEqual(parseTokenizerSpec('m/udhr.model'), { kind: 'spm', path: 'm/udhr.model' });
  assert.deepEqual(parseTokenizerSpec('m/tokenizer.json'), { kind: 'hf', path: 'm/tokenizer.json' });
});

test('default tokenizer: o200k_base unless XGLM is already in the HF cache, and it says why', () => {
  const home = mkdtempSync(join(tmpdir(), 'tokgap-default-'));
  const none = defaultTokenizerChoice({ HF_HOME: home });
  assert.equal(none.spec, 'tiktoken:o200k_base');
  assert.match(none.reason, /not in the HF cache/);
  const repo = join(home, 'hub', 'models--facebook--xglm-564M');
  const commit = 'f'.repeat(40);
  mkdirSync(join(repo, 'refs'), { recursive: true });
  mkdirSync(join(repo, 'snapshots', commit), { recursive: true });
  writeFileSync(join(repo, 'refs', 'main'), commit);
  writeFileSync(join(repo, 'snapshots', commit, 'sentencepiece.bpe.model'), '');
  const cached = defaultTokenizerChoice({ HF_HOME: home });
  assert.equal(cached.spec, 'hub:facebook/xglm-564M');
  assert.match(cached.reason, /found in the HF cache/);
  assert.equal(defaultTokenizerSpec({ HF_HOME: home }), 'hub:facebook/xglm-564M');
});

test('outputs record one canonical spec per tokenizer, however it was typed', async () => {
  const { canonicalTokenizerSpec, loadTokenizer } = await import('../../src/tokenizers/load.js');
  assert.equal(canonicalTokenizerSpec('o200k_base'), 'tiktoken:o200k_base');
  assert.equal(canonicalTokenizerSpec('tiktoken:o200k_base'), 'tiktoken:o200k_base');
  assert.equal(canonicalTokenizerSpec('models/./m.model'), 'spm:models/m.model');
  assert.equal(canonicalTokenizerSpec('spm:models//m.model'), 'spm:models/m.model');
  assert.equal(canonicalTokenizerSpec('hub:facebook/xglm-564M@main'), 'hub:facebook/xglm-564M');
  assert.equal(canonicalTokenizerSpec('hub:facebook/xglm-564M@v1'), 'hub:facebook/xglm-564M@v1');
  assert.equal(canonicalTokenizerSpec('xglm:some/dir/'), 'xglm:some/dir');
  assert.equal((await loadTokenizer('o200k_base')).spec, 'tiktoken:o200k_base');
});
