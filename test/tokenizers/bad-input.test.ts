import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenPath } from '../helpers/shared.js';
import { loadTokenizer } from '../../src/tokenizers/index.js';
import { isTokgapError, type TokgapError } from '../../src/errors.js';

const tmp = mkdtempSync(join(tmpdir(), 'tokgap-bad-'));

async function failure(spec: string): Promise<TokgapError> {
  try {
    await loadTokenizer(spec);
  } catch (e) {
    assert.ok(isTokgapError(e), `a TokgapError, got ${String(e)}`);
    return e;
  }
  assert.fail(`${spec} loaded`);
}

test('an unknown spec kind lists the valid kinds', async () => {
  const e = await failure('sentencepiece:foo.model');
  assert.equal(e.code, 'UNKNOWN_TOKENIZER');
  for (const kind of ['spm:', 'xglm:', 'hf:', 'tiktoken:', 'hub:', 'named:']) assert.ok(e.message.includes(kind), kind);
  assert.equal((await failure('not-a-tokenizer')).code, 'UNKNOWN_TOKENIZER');
});

test('a missing file is NOT_FOUND and names the file', async () => {
  for (const spec of [`hf:${tmp}/missing/tokenizer.json`, `spm:${tmp}/missing.model`]) {
    const e = await failure(spec);
    assert.equal(e.code, 'NOT_FOUND', spec);
    assert.ok(e.file?.startsWith(`${tmp}/missing`), e.message);
  }
});

test('a tokenizer.json with an unsupported model type names the file and model.type', async () => {
  const file = join(tmp, 'odd.json');
  writeFileSync(file, JSON.stringify({ version: '1.0', model: { type: 'CharLevel', vocab: {} } }));
  const e = await failure(`hf:${file}`);
  assert.equal(e.code, 'UNSUPPORTED_TOKENIZER');
  assert.equal(e.file, file);
  assert.equal(e.field, 'model.type');
  assert.match(e.message, /CharLevel/);
  assert.match(e.message, /Unigram, BPE, WordPiece/);
});

test('an unsupported component of a Unigram file names its field', async () => {
  const json = JSON.parse(readFileSync(goldenPath('xglm-format-udhr-unigram-8k/tokenizer.json'), 'utf8'));
  json.pre_tokenizer = { type: 'Fancy' };
  const file = join(tmp, 'fancy.json');
  writeFileSync(file, JSON.stringify(json));
  const e = await failure(`hf:${file}`);
  assert.equal(e.field, 'pre_tokenizer.type');
  assert.equal(e.file, file);
});

test('a normalizer regex JavaScript cannot compile names its field', async () => {
  const json = JSON.parse(readFileSync(goldenPath('xglm-format-udhr-unigram-8k/tokenizer.json'), 'utf8'));
  json.normalizer.normalizers[2].pattern = { Regex: '(?<broken' };
  const file = join(tmp, 'regex.json');
  writeFileSync(file, JSON.stringify(json));
  const e = await failure(`hf:${file}`);
  assert.equal(e.code, 'UNSUPPORTED_TOKENIZER');
  assert.equal(e.field, 'normalizer.normalizers[2].pattern');
});

test('corrupt JSON is BAD_INPUT naming the file and line', async () => {
  const file = join(tmp, 'corrupt.json');
  writeFileSync(file, '{\n  "model": {\n    "type": "Unigram",\n    oops\n}');
  const e = await failure(`hf:${file}`);
  assert.equal(e.code, 'BAD_INPUT');
  assert.equal(e.file, file);
  assert.equal(e.line, 4);
});

test('a Unigram vocab entry of the wrong shape names the entry', async () => {
  const file = join(tmp, 'vocab.json');
  writeFileSync(file, JSON.stringify({ model: { type: 'Unigram', unk_id: 0, vocab: [['<unk>', 0], ['a', 'high']] } }));
  const e = await failure(`hf:${file}`);
  assert.equal(e.code, 'BAD_INPUT');
  assert.equal(e.field, 'model.vocab[1][1]');
});

test('an unknown tiktoken name lists the known ones', async () => {
  const e = await failure('tiktoken:cl200k_base');
  assert.equal(e.code, 'UNKNOWN_TOKENIZER');
  assert.match(e.message, /cl100k_base, o200k_base, r50k_base, p50k_base/);
});

test('an unknown named tokenizer and a malformed hub repo are clear errors', async () => {
  assert.match((await failure('named:llama9')).message, /llama3/);
  const hub = await failure('hub:just-a-name');
  assert.equal(hub.code, 'INVALID_OPTION');
  assert.match(hub.message, /OWNER\/NAME/);
});
