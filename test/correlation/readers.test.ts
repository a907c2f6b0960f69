import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readResults, readStatsTable } from '../../src/correlation/index.js';

function inDir(run: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-readers-'));
  try { run(dir); } finally { rmSync(dir, { recursive: true, force: true }); }
}

test('one statistics reader: lenient accepts own metrics, strict refuses them with file, line and field', () => inDir((dir) => {
  const file = join(dir, 'stats.csv');
  writeFileSync(file, 'tokenizer,corpus,language,metric,value,word_source\nx,udhr,007,fertility,1.5,segmenter\nx,udhr,eng,my_metric,NA,gold\n');
  assert.deepEqual(readStatsTable(file).map((r) => [r.language, r.metric, r.line]), [['007', 'fertility', 2], ['eng', 'my_metric', 3]]);
  assert.throws(() => readStatsTable(file, { strict: true }), (e: any) => e.code === 'BAD_INPUT' && e.file === file && e.line === 3 && e.field === 'metric');
  writeFileSync(file, 'tokenizer,corpus,language,metric,value,word_source\nx,udhr,eng,fertility,NA,gold\n');
  assert.deepEqual(readStatsTable(file, { strict: true }), [{ tokenizer: 'x', corpus: 'udhr', language: 'eng', metric: 'fertility', value: null, word_source: 'gold', value_low: null, value_high: null }]);
  // Arquero's column form reads the same in both modes.
  const json = join(dir, 'stats.json');
  writeFileSync(json, JSON.stringify({ data: { tokenizer: ['x'], corpus: ['udhr'], language: ['eng'], metric: ['premium'], value: [2], word_source: ['gold'] } }));
  assert.equal(readStatsTable(json, { strict: true })[0]!.value, 2);
  assert.equal(readStatsTable(json)[0]!.value, 2);
}));

test('one results reader: strict checks every ResultRow field, lenient takes any engine\'s rows', () => inDir((dir) => {
  const row = {
    task: 'xnli', language: 'en', method: 'prompt', setting: 'in-language', seed: 1, metric: 'accuracy', score: 0.5, n: 10,
    trainable_params: 1, total_params: 2, steps: 3, wall_s: 1, backend: 'wasm', model: 'm',
  };
  const file = join(dir, 'results.jsonl');
  assert.deepEqual(readResults(file, { strict: true }), [], 'a missing results file is empty');
  writeFileSync(file, `${JSON.stringify(row)}\n${JSON.stringify({ ...row, score: 1.5 })}\n`);
  assert.throws(() => readResults(file, { strict: true }), (e: any) => e.line === 2 && e.field === 'score' && /bad results row/.test(e.message));
  writeFileSync(file, `${JSON.stringify(row)}\n{oops\n`);
  assert.throws(() => readResults(file, { strict: true }), { message: new RegExp(`results\\.jsonl:2: results line is not valid JSON`) });
  writeFileSync(file, `${JSON.stringify(row)}\n`);
  assert.deepEqual(readResults(file, { strict: true }), [row]);
  const csv = join(dir, 'other.csv');
  writeFileSync(csv, 'task,language,method,score\nxnli,en,PT,0.25\n');
  assert.deepEqual(readResults(csv).map((r) => [r.method, r.score, r.seed, r.setting, r.line]), [['prompt', 0.25, 0, 'in-language', 2]]);
}));
