/** Rows in Redis: one per cell, the first kept; merged into a results file without duplicates. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestRedis } from '../helpers/redis.js';
import { allRows, mergeRows, openQueue, rowsOfCells, storeRows } from '../../src/queue/index.js';
import { appendResult, loadResults } from '../../src/tuning/results-io.js';
import type { ResultRow } from '../../src/tuning/results.js';

const row = (language: string, wall_s: number): ResultRow => ({
  task: 'pos', language, method: 'prompt', setting: 'in-language', seed: 1, metric: 'accuracy', score: 0.5, n: 2,
  trainable_params: 1, total_params: 2, steps: 3, wall_s, backend: 'wasm', model: 'm',
});

test('a cell done twice keeps its first row; merging into a results file that has some cells adds only the others, once', async (t) => {
  const redis = await startTestRedis(t);
  if (!redis) return;
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-rows-'));
  const connection = await openQueue(redis.url);
  try {
    assert.equal(await storeRows(connection.redis, [row('en', 1), row('de', 1)]), 2);
    // The retried attempt of a job whose first attempt finished after all.
    assert.equal(await storeRows(connection.redis, [row('en', 9)]), 0);
    assert.deepEqual((await rowsOfCells(connection.redis, [row('en', 0), row('fi', 0)])).map((r) => r?.wall_s), [1, undefined]);
    const file = join(dir, 'results.jsonl');
    appendResult(file, row('de', 5));
    const first = mergeRows(file, await allRows(connection.redis));
    assert.deepEqual([first.appended.map((r) => r.language), first.already], [['en'], 1]);
    assert.deepEqual(mergeRows(file, await allRows(connection.redis)).appended, []);
    assert.deepEqual(loadResults(file).map((r) => [r.language, r.wall_s]), [['de', 5], ['en', 1]]);
  } finally {
    await connection.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
