import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as aq from 'arquero';
import { TIDY_COLUMNS, toTidyCSV, writeTidyTables } from '../../src/tables/write.js';
import type { StatRow } from '../../src/tables/tidy.js';

const rows: StatRow[] = [
  { tokenizer: 'spm:a, b', corpus: 'udhr', language: 'eng', metric: 'fertility', value: 1.5, word_source: 'segmenter', value_low: 1.25, value_high: 1.75 },
  { tokenizer: 'spm:a, b', corpus: 'udhr', language: 'eng', metric: 'premium', value: null, word_source: 'segmenter' },
  { tokenizer: 'spm:a, b', corpus: 'udhr', language: 'deu', metric: 'premium', value: Number.NaN, word_source: 'gold' },
];

test('CSV has exactly the tidy columns; undefined values are empty cells, never 0', () => {
  const csv = toTidyCSV(rows);
  const lines = csv.trim().split('\n');
  // The six contract columns, then the interval extension (empty where there is no interval).
  assert.equal(lines[0], 'tokenizer,corpus,language,metric,value,word_source,value_low,value_high');
  assert.equal(lines[1], '"spm:a, b",udhr,eng,fertility,1.5,segmenter,1.25,1.75');
  assert.equal(lines[2], '"spm:a, b",udhr,eng,premium,,segmenter,,');
  assert.equal(lines[3], '"spm:a, b",udhr,deu,premium,,gold,,');
});

test('CSV and JSON files read back to the same rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-tables-'));
  const files = writeTidyTables(dir, rows, ['csv', 'json']);
  assert.equal(files.csv, join(dir, 'tokenization.csv'));
  const fromCsv = aq.fromCSV(readFileSync(files.csv!, 'utf8')).objects() as Record<string, unknown>[];
  const fromJson = aq.fromJSON(readFileSync(files.json!, 'utf8')).objects() as Record<string, unknown>[];
  assert.deepEqual(aq.fromJSON(readFileSync(files.json!, 'utf8')).columnNames(), [...TIDY_COLUMNS]);
  for (const back of [fromCsv, fromJson]) {
    assert.equal(back.length, 3);
    assert.equal(back[0].value, 1.5);
    assert.deepEqual([back[0].value_low, back[0].value_high, back[1].value_low], [1.25, 1.75, null]);
    assert.equal(back[1].value, null);
    assert.equal(back[2].word_source, 'gold');
  }
});

test('an empty table still has the header', () => {
  assert.equal(toTidyCSV([]).trim(), 'tokenizer,corpus,language,metric,value,word_source,value_low,value_high');
});
