// The normaliser against hand-computed strings and alignments, using the nmt_nfkc charsmap of
// the golden unigram model (NFKC: halfwidth ｱ → ア, ① → 1, ﬁ → fi).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { goldenPath } from '../../helpers/shared.js';
import { parseModelProto } from '../../../src/tokenizers/sentencepiece/model-proto.js';
import { Normalizer } from '../../../src/tokenizers/sentencepiece/normalizer.js';
import { SentencePieceModel } from '../../../src/tokenizers/sentencepiece/index.js';

const parts = parseModelProto(readFileSync(goldenPath('udhr-unigram-8k.model')), 'unigram').parts;

function run(text: string, spec = parts.normalizer): { out: string; n2o: number[] } {
  const nz = new Normalizer(spec, [], 'test');
  const bytes = new TextEncoder().encode(text);
  const n = nz.normalize(bytes, bytes.length);
  return { out: new TextDecoder().decode(nz.out.subarray(0, n)), n2o: Array.from(nz.normToOrig.subarray(0, n + 1)) };
}

test('whitespace: leading/trailing dropped, runs collapsed, dummy prefix, ▁ escape', () => {
  const r = run('  ab   c  ');
  assert.equal(r.out, '▁ab▁c');
  // ▁(3 bytes)←2, a←2, b←3, ▁←4 (the first space of the run), c←7, end←8 (trailing spaces dropped).
  assert.deepEqual(r.n2o, [2, 2, 2, 2, 3, 4, 4, 4, 7, 8]);
});

test('whitespace options off keep the text as is', () => {
  const r = run(' a  b', { ...parts.normalizer, addDummyPrefix: false, removeExtraWhitespaces: false, escapeWhitespaces: false });
  assert.equal(r.out, ' a  b');
});

test('charsmap: NFKC rewrites with longest match', () => {
  assert.equal(run('ｱ①ﬁ').out, '▁ア1fi');
  // ﬁ (3 bytes at 6) → "fi": both bytes map to the ligature's start.
  assert.deepEqual(run('ﬁ').n2o, [0, 0, 0, 0, 0, 3]);
});

test('only whitespace normalizes to nothing and encodes to no tokens', () => {
  assert.equal(run('   ').out, '');
  const m = SentencePieceModel.fromFile(goldenPath('udhr-unigram-8k.model'));
  assert.equal(m.encode('  \u3000 ').ids.length, 0);
  assert.equal(m.encode('').ids.length, 0);
});

test('a lone surrogate is read as U+FFFD, like sentencepiece reads malformed UTF-8', () => {
  const m = SentencePieceModel.fromFile(goldenPath('udhr-bpe-8k-bytefallback.model'));
  const lone = m.encode('a\uD800b');
  const fffd = m.encode('a\uFFFDb');
  assert.deepEqual(Array.from(lone.ids), Array.from(fffd.ids));
  assert.deepEqual(lone.pieces, fffd.pieces);
  // The replacement covers the one UTF-16 unit of the lone surrogate.
  assert.deepEqual(Array.from(lone.offsets), Array.from(fffd.offsets));
});
