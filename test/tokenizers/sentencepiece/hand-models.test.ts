// Tiny hand-made models through fromParts, with the expected segmentations worked out by hand
// from sentencepiece's rules (unigram_model.cc / bpe_model.cc), so each rule can fail alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SentencePieceModel, type PieceEntry, type SentencePieceParts } from '../../../src/tokenizers/sentencepiece/index.js';

const SPECIALS: PieceEntry[] = [
  { piece: '<unk>', score: 0, type: 'unknown' },
  { piece: '<s>', score: 0, type: 'control' },
  { piece: '</s>', score: 0, type: 'control' },
];

function model(modelType: 'unigram' | 'bpe', pieces: [string, number, PieceEntry['type']?][], byteFallback = false): SentencePieceModel {
  const all = [...SPECIALS, ...pieces.map(([piece, score, type]) => ({ piece, score, type: type ?? 'normal' }))];
  if (byteFallback) for (let b = 0; b < 256; b++) all.push({ piece: `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`, score: 0, type: 'byte' });
  const parts: SentencePieceParts = {
    modelType, pieces: all, unkId: 0, byteFallback,
    normalizer: { precompiledCharsmap: null, addDummyPrefix: true, removeExtraWhitespaces: true, escapeWhitespaces: true },
  };
  return SentencePieceModel.fromParts(parts, { name: 'hand' });
}

test('unigram: Viterbi picks the highest total score', () => {
  // ▁ab: [▁ab] = -5 vs [▁a][b] = -1 + -1 = -2 → [▁a][b].
  const m = model('unigram', [['▁', -3], ['▁a', -1], ['b', -1], ['▁ab', -5], ['a', -2]]);
  assert.deepEqual(m.encode('ab').pieces, ['▁a', 'b']);
  // Make ▁ab better: -1.5 > -2.
  const m2 = model('unigram', [['▁', -3], ['▁a', -1], ['b', -1], ['▁ab', -1.5], ['a', -2]]);
  assert.deepEqual(m2.encode('ab').pieces, ['▁ab']);
});

test('unigram: equal scores keep the path found first (shorter piece from the earlier start)', () => {
  // ▁ab: [▁a][b] = -2 and [▁ab] = -2. Pieces from start 0 are tried shortest first; ▁ab (end 3
  // bytes+2) is reached from start 0 directly, [▁a][b] from start 4 later → tie keeps [▁ab].
  const m = model('unigram', [['▁', -9], ['▁a', -1], ['b', -1], ['▁ab', -2]]);
  assert.deepEqual(m.encode('ab').pieces, ['▁ab']);
});

test('unigram: unknown characters score min - 10, adjacent ones merge into one token', () => {
  // min normal score -4 → unk = -14. "xy" not in vocab → ▁ then one merged unknown "xy".
  const m = model('unigram', [['▁', -1], ['a', -4]]);
  const e = m.encode('xy a');
  assert.deepEqual(e.pieces, ['▁', 'xy', '▁', 'a']);
  assert.deepEqual(Array.from(e.ids), [3, 0, 3, 4]);
  assert.deepEqual(Array.from(e.kinds), [0, 1, 0, 0]);
  // min - 10 is below every piece, so a covering piece always beats the unknown path:
  // ▁q (-30, now the min → unk -40): [▁q] = -30 > [▁][unk] = -1 - 40.
  const m2 = model('unigram', [['▁', -1], ['a', -4], ['▁q', -30]]);
  assert.deepEqual(m2.encode('q').pieces, ['▁q']);
});

test('unigram: a user-defined piece wins (length × max score − 0.1) and is not normalized away', () => {
  const m = model('unigram', [['▁', -1], ['<x>', 0, 'user_defined'], ['<', -1], ['x', -1], ['>', -1]]);
  assert.deepEqual(m.encode('a<x>').pieces.slice(-1), ['<x>']);
  assert.equal(m.kindOf(4), 0);
});

test('unigram: byte fallback turns the unknown run into UTF-8 byte pieces', () => {
  const m = model('unigram', [['▁', -1], ['a', -2]], true);
  assert.deepEqual(m.encode('aé').pieces, ['▁', 'a', '<0xC3>', '<0xA9>']);
});

test('bpe: merges by piece score; ties go to the leftmost pair', () => {
  // "abc": ab and bc both score -1 → leftmost (ab) first, then "ab"+"c" has no piece.
  const m = model('bpe', [['▁', -10], ['a', -10], ['b', -10], ['c', -10], ['ab', -1], ['bc', -1]]);
  assert.deepEqual(m.encode('abc').pieces, ['▁', 'ab', 'c']);
  // Higher score on bc wins over position.
  const m2 = model('bpe', [['▁', -10], ['a', -10], ['b', -10], ['c', -10], ['ab', -2], ['bc', -1]]);
  assert.deepEqual(m2.encode('abc').pieces, ['▁', 'a', 'bc']);
});

test('bpe: adjacent unknown characters without byte fallback come out as one unknown token', () => {
  // spm_encode does the same (checked in train-options.test.ts): "糖尿病" → one <unk>.
  const m = model('bpe', [['▁', -1], ['a', -2]]);
  const e = m.encode('aXY a');
  assert.deepEqual(e.pieces, ['▁', 'a', 'XY', '▁', 'a']);
  assert.deepEqual(Array.from(e.ids), [3, 4, 0, 3, 4]);
});

test('bpe: a merged UNUSED piece is split back into its parts', () => {
  // ab is unused: merged (score -1) then resegmented into a + b; abc is reachable through ab.
  const m = model('bpe', [['▁', -10], ['a', -10], ['b', -10], ['c', -10], ['ab', -1, 'unused'], ['abc', -2]]);
  assert.deepEqual(m.encode('ab').pieces, ['▁', 'a', 'b']);
  assert.deepEqual(m.encode('abc').pieces, ['▁', 'abc']);
});
