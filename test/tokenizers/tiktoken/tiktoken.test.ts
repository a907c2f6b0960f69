import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TiktokenTokenizer } from '../../../src/tokenizers/tiktoken/index.js';
import { TokenKind } from '../../../src/tokenizers/types.js';

// Ids published by OpenAI: tiktoken's README ("tiktoken is great!") and tests/test_simple_public.py.
test('cl100k_base matches the ids in tiktoken README and tests', async () => {
  const t = await TiktokenTokenizer.load('cl100k_base');
  assert.deepEqual(Array.from(t.encode('tiktoken is great!').ids), [83, 1609, 5963, 374, 2294, 0]);
  assert.deepEqual(Array.from(t.encode('hello world').ids), [15339, 1917]);
});

test('r50k_base (gpt2) matches tiktoken tests', async () => {
  const t = await TiktokenTokenizer.load('r50k_base');
  assert.deepEqual(Array.from(t.encode('hello world').ids), [31373, 995]);
  assert.equal(t.decode([31373, 995]), 'hello world');
});

test('o200k_base and p50k_base round-trip multilingual text; vocab size is tiktoken n_vocab', async () => {
  const text = 'Déclaration universelle 世界人权宣言 🤗 मानव';
  // tiktoken n_vocab: <|endofprompt|> is 200018 in o200k_base; p50k_base's <|endoftext|> is 50256.
  for (const [name, size, special] of [['o200k_base', 200019, 199999], ['p50k_base', 50281, 50256]] as const) {
    const t = await TiktokenTokenizer.load(name);
    assert.equal(t.decode(t.encode(text).ids), text, name);
    assert.equal(t.vocabSize, size, name);
    assert.equal(t.kindOf(special), TokenKind.Control);
    assert.equal(t.idToPiece(special), '<|endoftext|>');
  }
});

test('spans: concatenated spans cover the input; byte pieces of one character share its span', async () => {
  const t = await TiktokenTokenizer.load('r50k_base');
  const text = 'a 🤗 b';
  const e = t.encode(text);
  let covered = '';
  let last = -1;
  for (let i = 0; i < e.ids.length; i++) {
    const [s, end] = [e.offsets[2 * i], e.offsets[2 * i + 1]];
    assert.ok(s <= end && end <= text.length);
    if (s !== last) covered += text.slice(Math.max(s, covered.length), end);
    last = s;
  }
  assert.equal(covered, text);
  // r50k splits the 4-byte emoji into several tokens; those after the first share its 2-unit span.
  const emojiTokens = Array.from({ length: e.ids.length }, (_, i) => i).filter((i) => e.offsets[2 * i + 1] === 4 && e.offsets[2 * i] >= 1);
  assert.ok(emojiTokens.length >= 2, 'the emoji is split into byte tokens');
  assert.ok(e.pieces.some((p) => p.includes('<0x')), 'partial UTF-8 pieces are shown as <0xNN>');
});

test('special-token text is encoded as plain text and never as a Control id', async () => {
  const t = await TiktokenTokenizer.load('cl100k_base');
  const e = t.encode('<|endoftext|>');
  assert.ok(e.ids.length > 1);
  assert.ok(Array.from(e.kinds).every((k) => k === TokenKind.Normal));
  assert.equal(t.kindOf(100257), TokenKind.Control);
});
