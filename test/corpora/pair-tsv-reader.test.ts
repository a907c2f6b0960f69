import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTsvPairs, parsePairTsv } from '../../src/corpora/index.js';
import { fromPairTsv } from '../../src/datasets/pairs.js';

const TEXT = 'A cat sat.\tA cat is sitting.\tentailment\n\nIt rains.\tIt is dry.\tcontradiction\n';

test('one pair-TSV reader: the corpus and the task data read the same rows and lines', () => {
  assert.deepEqual(parsePairTsv(TEXT, 'dev.tsv'), [
    { line: 1, sentence1: 'A cat sat.', sentence2: 'A cat is sitting.', label: 'entailment' },
    { line: 3, sentence1: 'It rains.', sentence2: 'It is dry.', label: 'contradiction' },
  ]);
  assert.deepEqual(fromPairTsv(TEXT, 'dev.tsv', ['entailment', 'neutral', 'contradiction']).map((r) => [r.line, r.sentence1, r.label]),
    [[1, 'A cat sat.', 'entailment'], [3, 'It rains.', 'contradiction']]);
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-pairs-'));
  try {
    mkdirSync(join(dir, 'en'));
    writeFileSync(join(dir, 'en', 'dev.tsv'), TEXT);
    const { segments } = openTsvPairs('xnli', dir).read('en');
    assert.deepEqual(segments.map((s) => [s.id, s.text]), [
      ['dev:1:premise', 'A cat sat.'], ['dev:1:hypothesis', 'A cat is sitting.'],
      ['dev:3:premise', 'It rains.'], ['dev:3:hypothesis', 'It is dry.'],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a line without three columns is an error of the reading stage, naming file and line', () => {
  assert.throws(() => parsePairTsv('a\tb\tneutral\na\tb\n', 'x.tsv'), (e: any) => e.code === 'BAD_INPUT' && e.line === 2 && e.file === 'x.tsv');
  assert.throws(() => fromPairTsv('a\tb\n', 'x.tsv', ['neutral']), (e: any) => e.code === 'DATASET_FORMAT' && e.line === 1 && /found 2/.test(e.message));
});
