import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_DATA_DIR, goldenPath } from '../helpers/shared.js';
import { fakeTokenizer } from '../helpers/fake-tokenizer.js';
import { initBackend } from '../../src/tuning/backend.js';
import { runGrid, type RunGridOptions } from '../../src/tuning/grid.js';
import { loadResults } from '../../src/tuning/results-io.js';

// Every row carries the task's baseline on its own test examples and, for POS/NER, the word token.
let dir = '';
before(async () => {
  await initBackend('wasm');
  dir = mkdtempSync(join(tmpdir(), 'tokgap-baseline-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const options = (resultsFile: string, extra: Partial<RunGridOptions> = {}): RunGridOptions => ({
  modelDir: goldenPath('tiny-xglm'), tokenizer: fakeTokenizer({ vocabSize: 512 }), data: { dataDir: FIXTURE_DATA_DIR }, resultsFile,
  steps: 1, batchSize: 2, maxTrain: 8, maxEval: 2, maxLength: 48, virtualTokens: 2, ...extra,
});

test('POS rows: majority tag of the training sentences used, scored on the test words (hand count)', async () => {
  const file = join(dir, 'pos.jsonl');
  await runGrid({ task: 'pos', methods: ['prompt'], languages: ['en'], setting: 'in-language', seeds: [1], model: 'tiny' }, options(file, { wordToken: 'last' }));
  // The first 8 sentences of XTREME udpos en train: NOUN 25, PROPN 22, ADP 22 → NOUN. The first 2
  // sentences of en PUD test have 53 words, 8 of them NOUN (counted by hand from the CoNLL-U).
  const [row] = loadResults(file);
  assert.equal(row!.baseline, 8 / 53);
  assert.equal(row!.word_token, 'last');
});

test('NER rows: all-O has F1 0 on a test set with entities; the default word token is recorded', async () => {
  const file = join(dir, 'ner.jsonl');
  await runGrid({ task: 'ner', methods: ['finetune'], languages: ['en'], setting: 'in-language', seeds: [1], model: 'tiny' }, options(file));
  const [row] = loadResults(file);
  assert.equal(row!.baseline, 0);
  assert.equal(row!.word_token, 'first');
});

test('pair rows carry a baseline and no word token', async () => {
  const file = join(dir, 'pawsx.jsonl');
  await runGrid({ task: 'pawsx', methods: ['prompt'], languages: ['en'], setting: 'in-language', seeds: [1], model: 'tiny' }, options(file, { maxTrain: 4, maxEval: 4 }));
  const [row] = loadResults(file);
  assert.equal(typeof row!.baseline, 'number');
  assert.ok(row!.baseline! >= 0 && row!.baseline! <= 1);
  assert.equal(row!.word_token, undefined);
});
