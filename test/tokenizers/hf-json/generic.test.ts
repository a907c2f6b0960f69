import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadHfJson } from '../../../src/tokenizers/hf-json/index.js';
import { TokenKind } from '../../../src/tokenizers/types.js';

/** A hand-made GPT-2 style byte-level BPE: every id below can be checked by applying the merges by hand. */
function byteLevelFile(): string {
  const vocab = { h: 0, e: 1, l: 2, o: 3, 'Ġ': 4, w: 5, r: 6, d: 7, he: 8, ll: 9, hell: 10, hello: 11, 'Ġw': 12, '<|endoftext|>': 13 };
  const json = {
    version: '1.0',
    added_tokens: [{ id: 13, content: '<|endoftext|>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: null,
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false, byte_fallback: false, vocab, merges: ['h e', 'l l', 'he ll', 'hell o', 'Ġ w'] },
  };
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-hf-'));
  const file = join(dir, 'tokenizer.json');
  writeFileSync(file, JSON.stringify(json));
  return file;
}

test('byte-level BPE goes through the HF library: ids from the merges, spans from the token bytes', () => {
  const tok = loadHfJson(byteLevelFile());
  const e = tok.encode('hello world');
  assert.deepEqual(Array.from(e.ids), [11, 12, 3, 6, 2, 7]);
  assert.deepEqual(e.pieces, ['hello', 'Ġw', 'o', 'r', 'l', 'd']);
  assert.deepEqual(Array.from(e.offsets), [0, 5, 5, 7, 7, 8, 8, 9, 9, 10, 10, 11]);
  assert.equal(tok.decode(e.ids), 'hello world');
  assert.equal(tok.vocabSize, 14);
});

test('an added special token in the text is Control and spans its own characters', () => {
  const tok = loadHfJson(byteLevelFile());
  const e = tok.encode('hello<|endoftext|>');
  assert.deepEqual(Array.from(e.ids), [11, 13]);
  assert.deepEqual(Array.from(e.kinds), [TokenKind.Normal, TokenKind.Control]);
  assert.deepEqual(Array.from(e.offsets), [0, 5, 5, 18]);
});
