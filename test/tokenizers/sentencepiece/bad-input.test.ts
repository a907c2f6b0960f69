// Broken or foreign model files must fail with BAD_MODEL naming the file, never crash or hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenPath } from '../../helpers/shared.js';
import { SentencePieceModel, loadSentencePieceSpec, decodePrecompiledCharsmap } from '../../../src/tokenizers/sentencepiece/index.js';
import { isTokgapError } from '../../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'spm-bad-'));
const good = readFileSync(goldenPath('udhr-bpe-8k-bytefallback.model'));

function expectBadModel(fn: () => unknown, file: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(isTokgapError(err), String(err));
    assert.equal(err.code, 'BAD_MODEL');
    assert.equal(err.file, file);
    assert.ok(err.message.includes(file));
    return true;
  });
}

test('empty file', () => {
  const f = join(dir, 'empty.model');
  writeFileSync(f, '');
  expectBadModel(() => SentencePieceModel.fromFile(f), f);
});

test('truncated model (at several cut points)', () => {
  for (const cut of [1, 7, 100, 5000, Math.floor(good.length / 2), good.length - 3]) {
    const f = join(dir, `cut-${cut}.model`);
    writeFileSync(f, good.subarray(0, cut));
    expectBadModel(() => SentencePieceModel.fromFile(f), f);
  }
});

test('random bytes and a text file', () => {
  let seed = 12345;
  const rnd = new Uint8Array(4096).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
  const f = join(dir, 'random.model');
  writeFileSync(f, rnd);
  expectBadModel(() => SentencePieceModel.fromFile(f), f);
  const t = join(dir, 'text.model');
  writeFileSync(t, 'hello world\nthis is not a model\n');
  expectBadModel(() => SentencePieceModel.fromFile(t), t);
});

test('missing file and empty spec', () => {
  const f = join(dir, 'nope.model');
  expectBadModel(() => loadSentencePieceSpec(`spm:${f}`), f);
  assert.throws(() => loadSentencePieceSpec('spm:'), (e: unknown) => isTokgapError(e) && e.code === 'INVALID_OPTION');
});

test('fromParts rejects inconsistent parts', () => {
  const normalizer = { precompiledCharsmap: null, addDummyPrefix: true, removeExtraWhitespaces: true, escapeWhitespaces: true };
  const pieces = [{ piece: '<unk>', score: 0, type: 'unknown' as const }, { piece: 'a', score: -1, type: 'normal' as const }];
  assert.throws(() => SentencePieceModel.fromParts({ modelType: 'unigram', pieces, unkId: 1, byteFallback: false, normalizer }), /unk id 1/);
  assert.throws(() => SentencePieceModel.fromParts({ modelType: 'unigram', pieces: [...pieces, pieces[1]!], unkId: 0, byteFallback: false, normalizer }), /defined twice/);
  assert.throws(() => decodePrecompiledCharsmap('not base64!'), /base64/);
  assert.throws(() => SentencePieceModel.fromParts({ modelType: 'unigram', pieces, unkId: 0, byteFallback: false, normalizer: { ...normalizer, precompiledCharsmap: new Uint8Array([255, 255, 0, 0, 1, 2]) } }), /trie/);
});
