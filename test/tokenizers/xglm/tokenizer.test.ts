// XGLM conventions against the shared golden made by transformers (xglm-format-golden.json):
// through the golden tokenizer.json, and through an XGLM dir holding the unigram .model as
// sentencepiece.bpe.model (what HF XGLM checkpoints ship).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenPath } from '../../helpers/shared.js';
import { XglmTokenizer, loadXglmSpec } from '../../../src/tokenizers/xglm/index.js';
import { isTokgapError } from '../../../src/errors.js';

interface XRow { text: string; input_ids: number[]; tokens: string[] }
const xglm = JSON.parse(readFileSync(goldenPath('xglm-format-golden.json'), 'utf8')) as { vocab_size: number; langs: Record<string, XRow[]> };
const spm = JSON.parse(readFileSync(goldenPath('spm-golden.json'), 'utf8')) as { langs: Record<string, { unigram_ids: number[] }[]> };

const jsonDir = goldenPath('xglm-format-udhr-unigram-8k');
const modelDir = mkdtempSync(join(tmpdir(), 'xglm-dir-'));
copyFileSync(goldenPath('udhr-unigram-8k.model'), join(modelDir, 'sentencepiece.bpe.model'));

test('tokenizer.json path: input_ids and tokens equal transformers on every golden sentence', () => {
  const tok = loadXglmSpec(`xglm:${jsonDir}`);
  assert.equal(tok.vocabSize, xglm.vocab_size);
  assert.equal(tok.format, 'xglm');
  let n = 0;
  for (const [lang, rows] of Object.entries(xglm.langs)) {
    rows.forEach((row, i) => {
      const e = tok.encode(row.text, { addSpecialTokens: true });
      assert.deepEqual(Array.from(e.ids), row.input_ids, `${lang}[${i}]`);
      assert.deepEqual(e.pieces, row.tokens, `${lang}[${i}]`);
      n++;
    });
  }
  assert.equal(n, 204);
});

test('sentencepiece.bpe.model path: SentencePiece ids shifted (+1, unk 0→3) behind </s>', () => {
  const tok = XglmTokenizer.fromDir(modelDir);
  assert.equal(tok.vocabSize, 8008);
  let sameAsHf = 0;
  for (const [lang, rows] of Object.entries(xglm.langs)) {
    rows.forEach((row, i) => {
      const ids = Array.from(tok.encode(row.text, { addSpecialTokens: true }).ids);
      const shifted = [2, ...spm.langs[lang]![i]!.unigram_ids.map((id) => (id === 0 ? 3 : id + 1))];
      assert.deepEqual(ids, shifted, `${lang}[${i}]`);
      if (JSON.stringify(ids) === JSON.stringify(row.input_ids)) sameAsHf++;
    });
  }
  // One Bengali sentence differs: HF's Precompiled normaliser works per grapheme and leaves
  // ে + া decomposed, where sentencepiece composes them into ো (spm-golden agrees with us).
  assert.equal(sameAsHf, 203);
});

test('special tokens, ids, pieces and kinds of the XGLM layout', () => {
  const tok = XglmTokenizer.fromDir(modelDir);
  assert.deepEqual([0, 1, 2, 3].map((i) => tok.idToPiece(i)), ['<s>', '<pad>', '</s>', '<unk>']);
  assert.deepEqual([0, 1, 2, 3].map((i) => tok.kindOf(i)), [3, 3, 3, 1]);
  assert.equal(tok.idToPiece(4), '▁');
  assert.equal(tok.idToPiece(8001), '<madeupword0>');
  assert.equal(tok.idToPiece(8007), '<madeupword6>');
  assert.equal(tok.kindOf(8007), 3);
  assert.throws(() => tok.idToPiece(8008), (e: unknown) => isTokgapError(e));
  const plain = tok.encode('Hello world');
  const withSpecial = tok.encode('Hello world', { addSpecialTokens: true });
  assert.deepEqual(Array.from(withSpecial.ids), [2, ...plain.ids]);
  assert.deepEqual(Array.from(withSpecial.offsets.slice(0, 2)), [0, 0]);
  assert.equal(tok.decode(withSpecial.ids), 'Hello world');
});

test('a folder without a tokenizer is a clear error', () => {
  assert.throws(() => loadXglmSpec(`xglm:${tmpdir()}/definitely-not-here`), (e: unknown) => isTokgapError(e) && e.code === 'INVALID_OPTION');
});
