import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UnigramModel } from '../../../src/tokenizers/hf-json/models/unigram.js';

const chars = (s: string): string[] => [...s];
const run = (m: UnigramModel, s: string): [number, number, number][] => m.tokenize(chars(s)).map((t) => [t.id, t.start, t.end]);

test('best path by total log-probability', () => {
  // "ab": a+b = -3 beats ab = -4.
  const m = new UnigramModel(['<unk>', 'a', 'b', 'ab'], [0, -1.5, -1.5, -4], 0, false);
  assert.deepEqual(run(m, 'ab'), [[1, 0, 1], [2, 1, 2]]);
});

test('a tie keeps the candidate found first (earlier start, then shorter piece), as the HF crate does', () => {
  // "ab" = -2 ties a + b = -1 + -1; "ab" is found from start 0 before b from start 1.
  const m = new UnigramModel(['<unk>', 'a', 'b', 'ab'], [0, -1, -1, -2], 0, false);
  assert.deepEqual(run(m, 'ab'), [[3, 0, 2]]);
});

test('adjacent unknown characters fuse into one <unk> token', () => {
  const m = new UnigramModel(['<unk>', 'a'], [0, -1], 0, false);
  assert.deepEqual(run(m, 'xya z'), [[0, 0, 2], [1, 2, 3], [0, 3, 5]]);
});

test('byte fallback spells an unknown character as its UTF-8 bytes, all sharing its span', () => {
  const m = new UnigramModel(['<unk>', 'a', '<0xC3>', '<0xA9>'], [0, -1, -2, -2], 0, true);
  assert.deepEqual(run(m, 'aé'), [[1, 0, 1], [2, 1, 2], [3, 1, 2]]);
});
