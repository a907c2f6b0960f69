import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodePairs, encodeTagged } from '../../src/tasks/encode.js';
import { wordAccuracy } from '../../src/tasks/pos.js';
import { posTask } from '../../src/tasks/pos.js';
import { xnliTask } from '../../src/tasks/xnli.js';
import { isTokgapError } from '../../src/errors.js';
import type { Tokenizer } from '../../src/tokenizers/types.js';

const tok = { encode: () => ({ ids: new Int32Array(0), pieces: [], kinds: new Uint8Array(0), offsets: new Uint32Array(0) }) } as unknown as Tokenizer;
const taskError = (e: unknown): boolean => isTokgapError(e) && e.code === 'TASK_INPUT';

test('labels outside the task set name the source line', () => {
  assert.throws(() => encodePairs(xnliTask, [{ sentence1: 'a', sentence2: 'b', label: 'maybe', line: 12 }], tok, 8),
    (e: unknown) => taskError(e) && (e as { line?: number }).line === 12);
  assert.throws(() => encodeTagged(posTask, [{ words: ['a'], tags: ['NOUNX'], line: 3 }], tok, 8),
    (e: unknown) => taskError(e) && (e as { line?: number }).line === 3);
});

test('a word without any token (empty tokenization) is tagged wrong, not skipped', () => {
  const aligned = encodeTagged(posTask, [{ words: ['a'], tags: ['NOUN'], line: 1 }], tok, 8);
  assert.deepEqual(Array.from(aligned[0]!.wordFirstToken), [-1]);
  assert.throws(() => wordAccuracy([['NOUN']], [['NOUN', 'VERB']]), taskError);
});
