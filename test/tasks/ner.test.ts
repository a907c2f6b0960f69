import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityF1, extractEntities } from '../../src/tasks/ner.js';
import { isTokgapError } from '../../src/errors.js';

test('IOB2 chunks, seqeval default mode (hand-worked)', () => {
  assert.deepEqual(extractEntities(['B-PER', 'I-PER', 'O', 'B-LOC']), [
    { type: 'PER', start: 0, end: 2 },
    { type: 'LOC', start: 3, end: 4 },
  ]);
  // A stray I- opens an entity; a type change splits; B after B splits.
  assert.deepEqual(extractEntities(['O', 'I-ORG', 'I-ORG', 'I-LOC', 'B-LOC', 'B-LOC']), [
    { type: 'ORG', start: 1, end: 3 },
    { type: 'LOC', start: 3, end: 4 },
    { type: 'LOC', start: 4, end: 5 },
    { type: 'LOC', start: 5, end: 6 },
  ]);
  assert.deepEqual(extractEntities(['O', 'O']), []);
});

test('entity F1 by hand: 3 gold, 3 predicted, 1 exact match → F1 1/3; 2 of 2 right → 0.8', () => {
  const gold = [['B-PER', 'I-PER', 'O', 'B-LOC'], ['O', 'B-ORG']];
  const pred = [['B-PER', 'I-PER', 'O', 'B-ORG'], ['B-ORG', 'O']];
  // gold entities: PER[0,2) LOC[3,4) in s0; ORG[1,2) in s1 = 3 gold. pred: PER[0,2) ORG[3,4) ORG[0,1) = 3.
  // matches: PER only → P = 1/3, R = 1/3, F1 = 1/3.
  assert.ok(Math.abs(entityF1(gold, pred) - 1 / 3) < 1e-12);
  const pred2 = [['B-PER', 'I-PER', 'O', 'O'], ['O', 'B-ORG']];
  // pred2: PER, ORG = 2, both right → P = 1, R = 2/3, F1 = 0.8.
  assert.ok(Math.abs(entityF1(gold, pred2) - 0.8) < 1e-12);
  // Partial span is wrong: I-PER cut short.
  assert.equal(entityF1([['B-PER', 'I-PER']], [['B-PER', 'O']]), 0);
  assert.equal(entityF1(gold, gold), 1);
});

test('mismatched shapes are a typed error', () => {
  assert.throws(() => entityF1([['O']], [['O', 'O']]), (e: unknown) => isTokgapError(e) && e.code === 'TASK_INPUT');
  assert.throws(() => entityF1([['O']], []), (e: unknown) => isTokgapError(e) && e.code === 'TASK_INPUT');
});
