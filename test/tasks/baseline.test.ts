import { test } from 'node:test';
import assert from 'node:assert/strict';
import { majorityLabel, pairBaseline, taggedBaseline, taskBaseline } from '../../src/tasks/baseline.js';
import { nerTask } from '../../src/tasks/ner.js';
import { pawsxTask } from '../../src/tasks/pawsx.js';
import { posTask } from '../../src/tasks/pos.js';
import { xnliTask } from '../../src/tasks/xnli.js';

const pair = (label: string, line = 1) => ({ sentence1: 'a', sentence2: 'b', label, line });
const sent = (tags: string[], line = 1) => ({ words: tags.map((_, i) => `w${i}`), tags, line });

test('majority label: most frequent; ties and no data go to the earliest in label order', () => {
  assert.equal(majorityLabel(['b', 'a', 'b'], ['a', 'b']), 'b');
  assert.equal(majorityLabel(['b', 'a'], ['a', 'b']), 'a');
  assert.equal(majorityLabel([], ['a', 'b']), 'a');
});

test('pair baseline: the training set’s majority label, scored on the test set (hand counts)', () => {
  // Train: 3 × "1", 1 × "0" → predict "1"; test has 2 of 5 labelled "1" → 0.4.
  const train = [pair('1'), pair('1'), pair('0'), pair('1')];
  const test5 = [pair('0'), pair('1'), pair('0'), pair('1'), pair('0')];
  assert.equal(pairBaseline(pawsxTask, train, test5), 2 / 5);
  // XNLI: majority "contradiction" (2 of 3 train); test 1 of 4 contradiction → 0.25.
  const xTrain = [pair('contradiction'), pair('neutral'), pair('contradiction')];
  const xTest = [pair('entailment'), pair('neutral'), pair('contradiction'), pair('neutral')];
  assert.equal(taskBaseline(xnliTask, xTrain, xTest), 0.25);
  assert.equal(pairBaseline(pawsxTask, train, []), 0);
});

test('POS baseline: majority tag over training words, accuracy over test words (hand count)', () => {
  // Train words: NOUN ×3, VERB ×2, DET ×1 → NOUN. Test words: NOUN ×2 of 7 → 2/7.
  const train = [sent(['DET', 'NOUN', 'VERB']), sent(['NOUN', 'NOUN', 'VERB'])];
  const test7 = [sent(['PRON', 'VERB', 'NOUN']), sent(['DET', 'ADJ', 'NOUN', 'PUNCT'])];
  assert.equal(taggedBaseline(posTask, train, test7), 2 / 7);
  // The majority is the training set's, not the test set's (VERB would give 3/4 here).
  assert.equal(taggedBaseline(posTask, train, [sent(['VERB', 'VERB', 'VERB', 'NOUN'])]), 1 / 4);
});

test('NER baseline: all-O finds no entity, so F1 is 0 when gold has entities (seqeval zero_division)', () => {
  const test2 = [sent(['B-PER', 'I-PER', 'O']), sent(['O', 'O'])];
  assert.equal(taggedBaseline(nerTask, [], test2), 0);
  // No gold entity either: still 0 (nothing right), as entityF1 defines it.
  assert.equal(taggedBaseline(nerTask, [], [sent(['O'])]), 0);
});
