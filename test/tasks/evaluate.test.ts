import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodePairs, encodeTagged, padBatch } from '../../src/tasks/encode.js';
import { evaluatePairs, evaluateTagged } from '../../src/tasks/evaluate.js';
import { pawsxTask } from '../../src/tasks/pawsx.js';
import { nerTask } from '../../src/tasks/ner.js';
import type { Encoding, Tokenizer } from '../../src/tokenizers/types.js';

/** One id per whitespace word (its length), leading control id 2 with special tokens. */
const wordTok: Tokenizer = {
  spec: 'w', name: 'w', format: 'sentencepiece', vocabSize: 100, sourceFiles: [],
  encode(text, o): Encoding {
    const ids: number[] = o?.addSpecialTokens ? [2] : [];
    const offs: number[] = o?.addSpecialTokens ? [0, 0] : [];
    for (const m of text.matchAll(/\S+/g)) { ids.push(m[0].length); offs.push(m.index!, m.index! + m[0].length); }
    return { ids: Int32Array.from(ids), pieces: ids.map(String), kinds: new Uint8Array(ids.length), offsets: Uint32Array.from(offs) };
  },
  decode: () => '', idToPiece: String, kindOf: () => 0,
};

test('pair evaluation: the candidate with the higher log-prob wins (hand-made scorer)', async () => {
  const ex = [
    { sentence1: 'a b', sentence2: 'c', label: '1', line: 1 },
    { sentence1: 'a', sentence2: 'c d', label: '0', line: 2 },
    { sentence1: 'x', sentence2: 'y', label: '0', line: 3 },
  ];
  const enc = encodePairs(pawsxTask, ex, wordTok, 64);
  // "a b, right? Yes, c" → [2, 1, 2, 6, 4, 1]; the No/Yes word is at index 4 (lengths 3 vs 4).
  assert.deepEqual(Array.from(enc[0]!.candidates[1]!), [2, 1, 2, 6, 4, 1]);
  // Scorer that prefers "Yes," (id 4) everywhere → predicts label 1 for all: 1 of 3 right.
  const yes = (b: Int32Array[]): number[] => b.map((ids) => (ids.includes(4) ? -1 : -2));
  assert.deepEqual(await evaluatePairs(pawsxTask, enc, yes, 2), { score: 1 / 3, n: 3, predictions: [1, 1, 1] });
  assert.equal(encodePairs(pawsxTask, ex, wordTok, 3)[0]!.candidates[0]!.length, 3);
});

test('tagged evaluation maps first-token predictions back to words and scores entity F1', async () => {
  const sents = [{ words: ['New', 'York', 'is'], tags: ['B-LOC', 'I-LOC', 'O'], line: 1 }];
  const aligned = encodeTagged(nerTask, sents, wordTok, 64);
  assert.deepEqual(Array.from(aligned[0]!.labels), [-100, 5, 6, 0]);
  // Predict B-LOC at every position → words B-LOC B-LOC B-LOC: 3 entities, 0 right → F1 0.
  assert.deepEqual(await evaluateTagged(nerTask, sents, aligned, (b) => b.map((a) => Array.from(a.ids, () => 5)), 4), { score: 0, n: 1, predictions: [['B-LOC', 'B-LOC', 'B-LOC']] });
  // Predict the gold labels → F1 1.
  assert.deepEqual(await evaluateTagged(nerTask, sents, aligned, (b) => b.map(() => [0, 5, 6, 0]), 4), { score: 1, n: 1, predictions: [['B-LOC', 'I-LOC', 'O']] });
  assert.throws(() => encodeTagged(nerTask, [{ words: ['a'], tags: ['B-MISC'], line: 7 }], wordTok, 64), /B-MISC/);
});

test('padding: ids with pad id, mask, labels -100 on padding', () => {
  assert.deepEqual(padBatch([Int32Array.of(5, 6, 7), Int32Array.of(8)], 1), {
    ids: [[5, 6, 7], [8, 1, 1]],
    mask: [[1, 1, 1], [1, 0, 0]],
    labels: [[5, 6, 7], [8, -100, -100]],
  });
});
