import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { xnliTask } from '../../src/tasks/xnli.js';
import { pawsxTask } from '../../src/tasks/pawsx.js';
import { wordAccuracy } from '../../src/tasks/pos.js';
import { getTask } from '../../src/tasks/registry.js';
import { alignWords, IGNORE_INDEX } from '../../src/tasks/token-align.js';
import { sequenceLogProbs } from '../../src/tuning/lm-score.js';
import { argmaxRows } from '../../src/tasks/evaluate.js';
import type { Encoding, Tokenizer } from '../../src/tokenizers/types.js';

test('XNLI and PAWS-X verbalisations follow XGLM’s published templates', () => {
  const ex = { sentence1: 'He is home', sentence2: 'He left', label: 'contradiction', line: 1 };
  assert.deepEqual(xnliTask.verbalize(ex), [
    'He is home, right? Yes, He left',
    'He is home, right? Also, He left',
    'He is home, right? No, He left',
  ]);
  assert.deepEqual(pawsxTask.verbalize({ ...ex, label: '1' }), ['He is home, right? No, He left', 'He is home, right? Yes, He left']);
  assert.equal(getTask('ner').metric, 'f1');
  assert.throws(() => getTask('squad'), /unknown task "squad"/);
});

test('POS accuracy over words (hand count: 4 of 5)', () => {
  assert.equal(wordAccuracy([['NOUN', 'VERB'], ['DET', 'NOUN', 'PUNCT']], [['NOUN', 'VERB'], ['DET', 'VERB', 'PUNCT']]), 0.8);
});

/** A whitespace tokenizer splitting words into pieces of at most 3 characters, with a leading control token. */
function fakeTokenizer(): Tokenizer {
  return {
    spec: 'fake', name: 'fake', format: 'sentencepiece', vocabSize: 1000, sourceFiles: [],
    encode(text, opts): Encoding {
      const ids: number[] = [];
      const offs: number[] = [];
      if (opts?.addSpecialTokens) { ids.push(2); offs.push(0, 0); }
      for (const m of text.matchAll(/\S+/g)) {
        const s = m.index!;
        ids.push(900); offs.push(s, s); // an empty-span "▁" before each word
        for (let i = 0; i < m[0].length; i += 3) { ids.push(10 + i); offs.push(s + i, Math.min(s + i + 3, s + m[0].length)); }
      }
      return { ids: Int32Array.from(ids), pieces: ids.map(String), kinds: new Uint8Array(ids.length), offsets: Uint32Array.from(offs) };
    },
    decode: () => '', idToPiece: String, kindOf: () => 0,
  };
}

test('first sub-token alignment: labels only on each word’s first piece', () => {
  // tokens: [</s>] [▁ Lon don] [▁ is] [▁ bigger]  → first pieces at 2, 5, 7
  const a = alignWords(fakeTokenizer(), ['London', 'is', 'bigger'], [5, 0, 3], { wordToken: 'first' });
  assert.deepEqual(Array.from(a.ids), [2, 900, 10, 13, 900, 10, 900, 10, 13]);
  assert.deepEqual(Array.from(a.wordFirstToken), [2, 5, 7]);
  assert.deepEqual(Array.from(a.labels), [-100, -100, 5, -100, -100, 0, -100, 3, -100]);
  const cut = alignWords(fakeTokenizer(), ['London', 'is', 'bigger'], [5, 0, 3], { maxLength: 6, wordToken: 'first' });
  assert.deepEqual(Array.from(cut.wordFirstToken), [2, 5, -1]);
  assert.equal(cut.labels.length, 6);
  assert.equal(IGNORE_INDEX, -100);
});

test('last sub-token alignment: labels on each word’s last piece; a word whose last piece is cut has none', () => {
  // tokens: [</s>] [▁ Lon don] [▁ is] [▁ big ger]  → last pieces at 3, 5, 8
  const a = alignWords(fakeTokenizer(), ['London', 'is', 'bigger'], [5, 0, 3], { wordToken: 'last' });
  assert.equal(a.wordToken, 'last');
  assert.deepEqual(Array.from(a.wordFirstToken), [2, 5, 7]);
  assert.deepEqual(Array.from(a.wordLastToken), [3, 5, 8]);
  assert.deepEqual(Array.from(a.labels), [-100, -100, -100, 5, -100, 0, -100, -100, 3]);
  // Cut after "big": "bigger" keeps its first piece (7) but loses its last one (8).
  const cut = alignWords(fakeTokenizer(), ['London', 'is', 'bigger'], [5, 0, 3], { maxLength: 8, wordToken: 'last' });
  assert.deepEqual(Array.from(cut.wordFirstToken), [2, 5, 7]);
  assert.deepEqual(Array.from(cut.wordLastToken), [3, 5, -1]);
  assert.deepEqual(Array.from(cut.labels), [-100, -100, -100, 5, -100, 0, -100, -100]);
});

test('a token reaching into the next word is that word’s first piece, not the previous word’s last', () => {
  // "ab cd" as [ab] [" c"] [d]: " c" starts in the space and overlaps "cd" only.
  const tok: Tokenizer = {
    spec: 'x', name: 'x', format: 'sentencepiece', vocabSize: 10, sourceFiles: [],
    encode: (): Encoding => ({ ids: Int32Array.of(1, 2, 3), pieces: ['ab', ' c', 'd'], kinds: new Uint8Array(3), offsets: Uint32Array.of(0, 2, 2, 4, 4, 5) }),
    decode: () => '', idToPiece: String, kindOf: () => 0,
  };
  const a = alignWords(tok, ['ab', 'cd'], [1, 2], { wordToken: 'last' });
  assert.deepEqual(Array.from(a.wordFirstToken), [0, 1]);
  assert.deepEqual(Array.from(a.wordLastToken), [0, 2]);
});

test('sequence log-probs: sum over real next tokens, by hand', () => {
  // V = 2, logits 0 everywhere except position 0 of seq 0 which prefers token 1 by ln 3 → p = 3/4.
  const logits = tf.tensor3d([
    [[0, Math.log(3)], [0, 0], [0, 0]],
    [[0, 0], [0, 0], [0, 0]],
  ]);
  const ids = tf.tensor2d([[0, 1, 0], [1, 0, 1]], undefined, 'int32');
  const mask = tf.tensor2d([[1, 1, 1], [1, 1, 0]], undefined, 'int32');
  const got = sequenceLogProbs(logits, ids, mask).arraySync();
  assert.ok(Math.abs(got[0]! - (Math.log(0.75) + Math.log(0.5))) < 1e-5);
  assert.ok(Math.abs(got[1]! - Math.log(0.5)) < 1e-5); // padding position not counted
  assert.deepEqual(argmaxRows([[-3, -1, -2], [-1, -1]]), [1, 0]);
});
