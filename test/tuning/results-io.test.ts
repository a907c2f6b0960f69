import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendResult, loadResults } from '../../src/tuning/results-io.js';
import type { ResultRow } from '../../src/tuning/results.js';
import { isTokgapError } from '../../src/errors.js';

const row: ResultRow = {
  task: 'pos', language: 'en', method: 'prompt', setting: 'in-language', seed: 1, metric: 'accuracy',
  score: 0.5, n: 10, trainable_params: 256, total_params: 100000, steps: 2, wall_s: 1.5, backend: 'cpu', model: 'tiny',
};

test('append then load round-trips rows, one JSON line each', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-res-'));
  try {
    const file = join(dir, 'sub', 'results.jsonl');
    assert.deepEqual(loadResults(file), []);
    appendResult(file, row);
    appendResult(file, { ...row, language: 'de', score: 1, baseline: 0.25, word_token: 'last' });
    const text = readFileSync(file, 'utf8');
    assert.equal(text.split('\n').length, 3);
    assert.deepEqual(JSON.parse(text.split('\n')[0]!), row);
    // Rows from before `baseline` and `word_token` load too (both optional).
    assert.deepEqual(loadResults(file), [row, { ...row, language: 'de', score: 1, baseline: 0.25, word_token: 'last' }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad lines name file, line and field; bad rows are refused before writing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-res-'));
  try {
    const file = join(dir, 'r.jsonl');
    writeFileSync(file, `${JSON.stringify(row)}\n${JSON.stringify({ ...row, score: 1.5 })}\n`);
    assert.throws(() => loadResults(file), (e: unknown) => isTokgapError(e) && e.line === 2 && e.field === 'score' && e.file === file);
    writeFileSync(file, '{oops\n');
    assert.throws(() => loadResults(file), (e: unknown) => isTokgapError(e) && e.line === 1);
    assert.throws(() => appendResult(join(dir, 'x.jsonl'), { ...row, method: 'lora' as never }));
    writeFileSync(file, `${JSON.stringify({ ...row, baseline: -0.1 })}\n${JSON.stringify({ ...row, word_token: 'middle' })}\n`);
    assert.throws(() => loadResults(file), (e: unknown) => isTokgapError(e) && e.line === 1 && e.field === 'baseline');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a torn last line (killed writer) stays on its own line and is reported with its number', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-res-'));
  try {
    const file = join(dir, 'r.jsonl');
    writeFileSync(file, `${JSON.stringify(row)}\n{"task":"po`);
    appendResult(file, { ...row, seed: 2 });
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.equal(JSON.parse(lines[2]!).seed, 2);
    assert.throws(() => loadResults(file), (e: unknown) => isTokgapError(e) && e.line === 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
