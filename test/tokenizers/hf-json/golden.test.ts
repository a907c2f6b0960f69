import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { goldenPath } from '../../helpers/shared.js';
import { loadHfJson } from '../../../src/tokenizers/hf-json/index.js';
import { TokenKind } from '../../../src/tokenizers/types.js';

interface GoldenRow { text: string; input_ids: number[]; tokens: string[] }
const golden = JSON.parse(readFileSync(goldenPath('xglm-format-golden.json'), 'utf8')) as { vocab_size: number; special: Record<string, number>; langs: Record<string, GoldenRow[]> };
const tok = loadHfJson(goldenPath('xglm-format-udhr-unigram-8k/tokenizer.json'));

test('hf tokenizer.json (XGLM conventions) reproduces transformers on every golden line: ids and tokens', () => {
  let lines = 0;
  for (const [lang, rows] of Object.entries(golden.langs)) {
    rows.forEach((row, i) => {
      const e = tok.encode(row.text, { addSpecialTokens: true });
      assert.deepEqual(Array.from(e.ids), row.input_ids, `${lang}[${i}] ids`);
      assert.deepEqual(e.pieces, row.tokens, `${lang}[${i}] tokens`);
      lines++;
    });
  }
  assert.equal(lines, 204);
});

test('the crate applies the charsmap per grapheme: Bengali ে + া stays two tokens (SentencePiece would compose ো)', () => {
  const row = golden.langs.ben[0];
  const e = tok.encode(row.text, { addSpecialTokens: true });
  assert.ok(e.pieces.includes('ে') && !e.pieces.includes('ো'));
});

test('without special tokens the leading </s> is absent; vocab size and special ids match transformers', () => {
  const row = golden.langs.eng[0];
  assert.deepEqual(Array.from(tok.encode(row.text).ids), row.input_ids.slice(1));
  assert.equal(tok.vocabSize, golden.vocab_size);
  for (const [piece, id] of Object.entries(golden.special)) assert.equal(tok.idToPiece(id), piece);
  assert.equal(tok.kindOf(golden.special['</s>']), TokenKind.Control);
  assert.equal(tok.kindOf(golden.special['<unk>']), TokenKind.Unknown);
  assert.equal(tok.kindOf(8001), TokenKind.Control, '<madeupword0>');
});

test('offsets point back into the original text', () => {
  const text = '  Universal  Declaration 『x』';
  const e = tok.encode(text);
  const spans: string[] = [];
  for (let i = 0; i < e.ids.length; i++) spans.push(text.slice(e.offsets[2 * i], e.offsets[2 * i + 1]));
  // Each piece, with ▁ read as a space, is its span once leading spaces are trimmed.
  e.pieces.forEach((p, i) => {
    if (e.kinds[i] === TokenKind.Normal) assert.equal(spans[i].trimStart(), p.replaceAll('\u2581', ' ').trimStart(), `token ${i}`);
  });
  assert.deepEqual(spans.filter((_, i) => e.kinds[i] === TokenKind.Unknown), ['『', '』']);
});

test('decode inverts encode on text the normalizer leaves alone', () => {
  for (const row of golden.langs.eng) assert.equal(tok.decode(tok.encode(row.text, { addSpecialTokens: true }).ids), row.text);
});
