// Every sentence of the shared spm-golden.json (made by sentencepiece 0.2 itself) must give
// identical ids AND pieces through our engine, for both golden models.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { goldenPath } from '../../helpers/shared.js';
import { SentencePieceModel, parseModelProto } from '../../../src/tokenizers/sentencepiece/index.js';

interface GoldenRow { text: string; unigram_ids: number[]; unigram_pieces: string[]; bpe_ids: number[]; bpe_pieces: string[] }
const golden = JSON.parse(readFileSync(goldenPath('spm-golden.json'), 'utf8')) as { langs: Record<string, GoldenRow[]> };

const MODELS = [
  ['unigram', 'udhr-unigram-8k.model'],
  ['bpe', 'udhr-bpe-8k-bytefallback.model'],
] as const;

for (const [kind, file] of MODELS) {
  test(`${file}: ids and pieces equal sentencepiece on all golden sentences`, () => {
    const model = SentencePieceModel.fromFile(goldenPath(file));
    let checked = 0;
    for (const [lang, rows] of Object.entries(golden.langs)) {
      rows.forEach((row, i) => {
        const e = model.encode(row.text);
        assert.deepEqual(Array.from(e.ids), row[`${kind}_ids`], `${lang}[${i}] ids`);
        assert.deepEqual(e.pieces, row[`${kind}_pieces`], `${lang}[${i}] pieces`);
        assert.deepEqual(Array.from(model.encodeIds(row.text)), row[`${kind}_ids`], `${lang}[${i}] encodeIds`);
        checked++;
      });
    }
    assert.equal(checked, 204);
  });

  test(`${file}: fromParts of the parsed proto encodes the same`, () => {
    const bytes = readFileSync(goldenPath(file));
    const parts = parseModelProto(bytes, file).parts;
    const a = SentencePieceModel.fromBuffer(bytes, file);
    const b = SentencePieceModel.fromParts(structuredClone(parts));
    for (const rows of Object.values(golden.langs)) {
      assert.deepEqual(Array.from(b.encode(rows[0]!.text).ids), Array.from(a.encode(rows[0]!.text).ids));
    }
  });
}

test('byte fallback pieces are kind Byte and unknowns kind Unknown', () => {
  const bpe = SentencePieceModel.fromFile(goldenPath('udhr-bpe-8k-bytefallback.model'));
  // U+1F600 is not in the UDHR vocabulary: 4 UTF-8 bytes F0 9F 98 80.
  const e = bpe.encode('a😀');
  const n = e.pieces.length;
  assert.deepEqual(e.pieces.slice(n - 4), ['<0xF0>', '<0x9F>', '<0x98>', '<0x80>']);
  assert.deepEqual(Array.from(e.kinds.slice(n - 4)), [2, 2, 2, 2]);
  // Every byte piece carries its character's span (UTF-16 [1, 3): a surrogate pair).
  assert.deepEqual(Array.from(e.offsets.slice(2 * (n - 4))), [1, 3, 1, 3, 1, 3, 1, 3]);
  // A run of two unknown characters: one unknown token split into bytes, each byte piece
  // spanning its own character.
  const two = bpe.encode('😀😁');
  assert.deepEqual(two.pieces.slice(-8), ['<0xF0>', '<0x9F>', '<0x98>', '<0x80>', '<0xF0>', '<0x9F>', '<0x98>', '<0x81>']);
  assert.deepEqual(Array.from(two.offsets.slice(-16)), [0, 2, 0, 2, 0, 2, 0, 2, 2, 4, 2, 4, 2, 4, 2, 4]);
  const uni = SentencePieceModel.fromFile(goldenPath('udhr-unigram-8k.model'));
  const u = uni.encode('a😀');
  assert.equal(u.kinds[u.kinds.length - 1], 1);
  assert.equal(u.pieces[u.pieces.length - 1], '😀');
  assert.equal(u.ids[u.ids.length - 1], 0);
});
