// The proto reader against the .vocab files spm_train wrote next to each model (piece and
// score per line) and the training options in the shared README (unigram / BPE + byte_fallback).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { goldenPath } from '../../helpers/shared.js';
import { parseModelProto } from '../../../src/tokenizers/sentencepiece/model-proto.js';

for (const [stem, type, fallback] of [['udhr-unigram-8k', 'unigram', false], ['udhr-bpe-8k-bytefallback', 'bpe', true]] as const) {
  test(`${stem}.model: pieces and scores equal ${stem}.vocab, spec fields as trained`, () => {
    const info = parseModelProto(readFileSync(goldenPath(`${stem}.model`)), stem);
    const vocab = readFileSync(goldenPath(`${stem}.vocab`), 'utf8').split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));
    assert.equal(info.parts.pieces.length, 8000);
    assert.equal(vocab.length, 8000);
    info.parts.pieces.forEach((p, i) => {
      assert.equal(p.piece, vocab[i]![0]);
      // .vocab prints scores with 6 significant digits.
      assert.ok(Math.abs(p.score - Number(vocab[i]![1])) <= 1e-5 * Math.max(1, Math.abs(p.score)), `${i}`);
    });
    assert.equal(info.parts.modelType, type);
    assert.equal(info.parts.byteFallback, fallback);
    assert.equal(info.parts.unkId, 0);
    assert.deepEqual([info.bosId, info.eosId, info.padId], [1, 2, -1]);
    assert.equal(info.normalizerName, 'nmt_nfkc');
    assert.deepEqual(info.parts.pieces.slice(0, 3).map((p) => p.type), ['unknown', 'control', 'control']);
    assert.equal(info.parts.pieces.filter((p) => p.type === 'byte').length, fallback ? 256 : 0);
    assert.equal(info.parts.normalizer.addDummyPrefix && info.parts.normalizer.removeExtraWhitespaces && info.parts.normalizer.escapeWhitespaces, true);
  });
}
