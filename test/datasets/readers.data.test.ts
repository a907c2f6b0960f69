import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dataPath } from '../helpers/shared.js';
import { fromConllu } from '../../src/datasets/conllu.js';
import { fromHeaderTsv, fromPairTsv, fromXnliJsonl } from '../../src/datasets/pairs.js';
import { fromTaggedTsv } from '../../src/datasets/tagged.js';
import { NER_TAGS, PAWSX_LABELS, UPOS_TAGS, XNLI_LABELS } from '../../src/datasets/types.js';

test('XNLI dev (shared) has 999 rows, 333 per label, first row as in the file', () => {
  const file = dataPath('xnli/en/dev.tsv');
  const rows = fromPairTsv(readFileSync(file, 'utf8'), file, XNLI_LABELS);
  assert.equal(rows.length, 999); // MANIFEST: de999
  for (const l of XNLI_LABELS) assert.equal(rows.filter((r) => r.label === l).length, 333);
  assert.deepEqual(rows[0], {
    sentence1: "And he said, Mama, I'm home.",
    sentence2: 'He called his mom as soon as the school bus dropped him off.',
    label: 'neutral',
    line: 1,
  });
});

test('PAN-X en dev has 700 sentences; first starts with Sioux Falls Arena (B/I-ORG)', () => {
  const file = dataPath('panx/en/dev.tsv');
  const sents = fromTaggedTsv(readFileSync(file, 'utf8'), file, NER_TAGS);
  assert.equal(sents.length, 700);
  assert.deepEqual(sents[0]!.words.slice(0, 3), ['Sioux', 'Falls', 'Arena']);
  assert.deepEqual(sents[0]!.tags.slice(0, 3), ['B-ORG', 'I-ORG', 'I-ORG']);
});

test('UD PUD en: 400 sentences, multiword ranges skipped, UPOS from column 4', () => {
  const file = dataPath('pos/ud_pud/en_pud-ud-test.conllu');
  const sents = fromConllu(readFileSync(file, 'utf8'), file, UPOS_TAGS);
  assert.equal(sents.length, 400);
  assert.deepEqual(sents[0]!.words.slice(0, 3), ['“', 'While', 'much']);
  assert.deepEqual(sents[0]!.tags.slice(0, 3), ['PUNCT', 'SCONJ', 'ADJ']);
  assert.equal(sents[0]!.line, 5);
});
