import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeCorrelation } from '../../src/correlation/analyze.js';
import { DuplicateCellError, ResultsInputError } from '../../src/correlation/errors.js';
import { fromResultsText, importResults } from '../../src/correlation/results-input.js';
import { fromStatsText } from '../../src/correlation/stats-input.js';
import { isTokgapError } from '../../src/errors.js';
import { resultRows, statRows } from './helpers.js';

const LANGS = ['en', 'de', 'fr', 'ja'];

test('languages on one side only are reported per task, never dropped silently', () => {
  const results = resultRows('xnli', ['en', 'de', 'fr', 'sw'], [0.5, 0.4, 0.45, 0.3], [0.8, 0.75, 0.76, 0.6]);
  const stats = statRows('fertility', ['eng_Latn', 'deu_Latn', 'fra_Latn', 'jpn_Jpan'], [1.2, 1.4, 1.3, 2.0]);
  const a = analyzeCorrelation(stats, results, { bootstrap: 50, targets: ['gap'] });
  const only = a.exclusions.map((e) => `${e.reason}:${e.language}`).sort();
  assert.deepEqual(only, ['only_in_results:sw', 'only_in_stats:ja']);
  assert.equal(a.correlations[0]!.n, 3);
});

test('NaN score and unknown language: left out with a reason and the line', () => {
  const text = [
    'task,language,method,score,seed',
    'pos,en,pt,0.9,1', 'pos,en,ft,0.95,1',
    'pos,de,pt,NaN,1', 'pos,de,ft,0.9,1',
    'pos,fr,pt,0.8,1', 'pos,fr,ft,0.9,1',
    'pos,ja,pt,0.6,1', 'pos,ja,ft,0.85,1',
    'pos,tlh,pt,0.1,1', 'pos,tlh,ft,0.2,1',
  ].join('\n');
  const results = fromResultsText(text, 'csv', 'r.csv');
  const a = analyzeCorrelation(statRows('fertility', LANGS, [1.2, 1.4, 1.3, 2.0]), results, { bootstrap: 50, targets: ['gap'] });
  const nan = a.exclusions.find((e) => e.reason === 'nan_score')!;
  assert.equal(nan.line, 4);
  assert.equal(nan.file, 'r.csv');
  assert.equal(a.exclusions.filter((e) => e.reason === 'unknown_language').length, 2);
  // de has FT but no usable PT: no gap for it
  assert.ok(a.exclusions.some((e) => e.reason === 'missing_pair' && e.language === 'de'));
  assert.equal(a.correlations[0]!.n, 3);
});

test('duplicate rows for one cell are a typed error naming both lines', () => {
  const text = 'task,language,method,score\npos,en,pt,0.9\npos,eng,prompt,0.8\n';
  const results = fromResultsText(text, 'csv', 'dup.csv');
  assert.throws(
    () => analyzeCorrelation(statRows('fertility', LANGS, [1, 2, 3, 4]), results),
    (e: unknown) => e instanceof DuplicateCellError && isTokgapError(e) && e.code === 'DUPLICATE_CELL' && /lines 2, 3/.test(e.message) && e.file === 'dup.csv',
  );
});

test('a task without statistics and fewer than 3 languages are reported', () => {
  const results = [
    ...resultRows('pawsx', ['en', 'de'], [0.6, 0.55], [0.9, 0.85]),
    ...resultRows('ner', ['my', 'qu', 'ht'], [0.3, 0.2, 0.1], [0.5, 0.4, 0.3]),
  ];
  const a = analyzeCorrelation(statRows('fertility', LANGS, [1.2, 1.4, 1.3, 2.0]), results, { bootstrap: 50, targets: ['gap'], tasks: ['pawsx', 'ner', 'xnli'] });
  const reasons = new Set(a.exclusions.map((e) => `${e.reason}:${e.task ?? ''}`));
  assert.ok(reasons.has('too_few_languages:pawsx'));
  assert.ok(reasons.has('task_missing_from_stats:ner'));
  assert.ok(reasons.has('task_not_in_results:xnli'));
  assert.equal(a.correlations.length, 0);
  assert.match(a.exclusions.find((e) => e.reason === 'too_few_languages')!.message, /2 language\(s\).*at least 3/);
});

test('import validation names the line and the field', () => {
  assert.throws(() => fromResultsText('task,language,method,score\npos,en,lora,0.5\n', 'csv', 'x.csv'),
    (e: unknown) => e instanceof ResultsInputError && e.line === 2 && e.field === 'method' && /unknown method "lora"/.test(e.message));
  assert.throws(() => fromResultsText('{"task":"pos","language":"en","method":"pt","score":"high"}\n', 'jsonl', 'x.jsonl'),
    (e: unknown) => e instanceof ResultsInputError && e.line === 1 && e.field === 'score');
  assert.throws(() => fromResultsText('[{"task":"pos","method":"pt","score":0.5}]', 'json', 'x.json'),
    (e: unknown) => e instanceof ResultsInputError && e.field === 'language' && e.file === 'x.json');
  assert.throws(() => fromResultsText('{"task":', 'jsonl', 'x.jsonl'), /invalid JSON line/);
  assert.throws(() => fromStatsText('tokenizer,corpus,language,metric,value\nx,c,en,fertility,abc\n', 'csv', 's.csv'),
    (e: unknown) => e instanceof ResultsInputError && e.line === 2 && e.field === 'value');
});

test('any engine: CSV, JSON and tokgap ResultRow JSONL give the same cells; aliases and defaults apply', () => {
  const csv = fromResultsText('language,task,method,score\nen,pos,prompt-tuning,0.5\n', 'csv');
  const json = fromResultsText('[{"language":"en","task":"pos","method":"PT","score":0.5}]', 'json');
  const jsonl = fromResultsText(JSON.stringify({ task: 'pos', language: 'en', method: 'prompt', setting: 'in-language', seed: 0, metric: 'accuracy', score: 0.5, n: 10, trainable_params: 1, total_params: 2, steps: 1, wall_s: 1, backend: 'cpu', model: 'm' }), 'jsonl');
  for (const rows of [csv, json, jsonl]) {
    const { line: _line, model: _model, ...rest } = rows[0]!;
    assert.deepEqual(rest, { task: 'pos', language: 'en', method: 'prompt', score: 0.5, seed: 0, setting: 'in-language' });
  }
  // The model is kept where a file names one (results of several models are analysed per model).
  assert.deepEqual([csv[0]!.model, json[0]!.model, jsonl[0]!.model], [undefined, undefined, 'm']);
  // a quoted CSV field with a comma
  const quoted = fromStatsText('tokenizer,corpus,language,metric,value\n"spm:a,b",udhr,en,fertility,\n', 'csv');
  assert.equal(quoted[0]!.tokenizer, 'spm:a,b');
  assert.equal(quoted[0]!.value, null);
});

test('an undefined statistic (null) is left out of that metric with a reason, not read as 0', () => {
  const results = resultRows('pos', LANGS, [0.5, 0.4, 0.45, 0.3], [0.8, 0.75, 0.76, 0.6]);
  const a = analyzeCorrelation(statRows('premium', LANGS, [1, null, 1.3, 2.1]), results, { bootstrap: 50, targets: ['gap'] });
  assert.ok(a.exclusions.some((e) => e.reason === 'null_value' && e.language === 'de'));
  assert.equal(a.correlations[0]!.n, 3);
});

test('a results file that is not UTF-8 is an error naming the file and line, not U+FFFD in a language code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-utf8-'));
  const file = join(dir, 'r.csv');
  // Line 3 carries a Latin-1 "é" (0xE9), invalid as UTF-8.
  writeFileSync(file, Buffer.concat([Buffer.from('task,language,method,score\npos,en,pt,0.9\npos,'), Buffer.from([0xe9]), Buffer.from('n,ft,0.8\n')]));
  assert.throws(() => importResults(file), (e: unknown) => isTokgapError(e) && e.code === 'BAD_INPUT' && e.file === file && e.line === 3);
  // A UTF-8 byte-order mark (as spreadsheets write) is not part of the first column name.
  writeFileSync(file, `\ufefftask,language,method,score\npos,en,pt,0.9\n`);
  assert.equal(importResults(file)[0]!.task, 'pos');
  rmSync(dir, { recursive: true });
});

test('a CSV row with the wrong number of fields is an error naming its line, not a missing value', () => {
  const stats = 'tokenizer,corpus,language,metric,value\nx,udhr,eng,fertility,1.2\nx,udhr,deu,fertility\nx,udhr,fra,fertility,1.3,extra\n';
  assert.throws(() => fromStatsText(stats, 'csv', 'stats.csv'), (e: unknown) =>
    isTokgapError(e) && e.code === 'BAD_INPUT' && e.file === 'stats.csv' && e.line === 3 && /row has 4 fields, the header has 5/.test(e.message));
  const results = 'language,task,method,score\nen,xnli,prompt,0.5,0.6\n';
  assert.throws(() => fromResultsText(results, 'csv', 'r.csv'), /r\.csv:2: row has 5 fields, the header has 4/);
  // A quoted comma is one field.
  assert.equal(fromStatsText('tokenizer,corpus,language,metric,value\n"a,b",udhr,eng,fertility,1.2\n', 'csv').length, 1);
});
