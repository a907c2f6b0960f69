import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_DATA_DIR, goldenPath } from '../helpers/shared.js';
import { fakeTokenizer } from '../helpers/fake-tokenizer.js';
import { initBackend } from '../../src/tuning/backend.js';
import { runGrid, type GridSpec, type RunGridOptions } from '../../src/tuning/grid.js';

// The golden tiny model (vocab 512, d 64, 2 layers). A character-level tokenizer keeps every id
// far below 512 on a handful of rows.
const MODEL = goldenPath('tiny-xglm');

async function cellLeak(task: string, extra: Partial<RunGridOptions> = {}): Promise<number> {
  await initBackend('wasm');
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-gridmem-'));
  try {
    const spec: GridSpec = { task, methods: ['prompt', 'finetune'], languages: ['en'], setting: 'in-language', seeds: [1], model: 'tiny' };
    const options: RunGridOptions = {
      modelDir: MODEL, tokenizer: fakeTokenizer({ vocabSize: 512 }), data: { dataDir: FIXTURE_DATA_DIR }, resultsFile: join(dir, 'r.jsonl'),
      steps: 3, batchSize: 2, maxTrain: 4, maxEval: 2, maxLength: 24, virtualTokens: 2, evalEvery: 1, checkpointEvery: 1, ...extra,
    };
    const before = tf.memory().numTensors;
    const summary = await runGrid(spec, options);
    assert.equal(summary.rows.length, 2);
    return tf.memory().numTensors - before;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a POS grid cell (linear head, both methods, checkpoints and dev selection) frees every tensor it made', async () => {
  assert.equal(await cellLeak('pos'), 0);
});

test('an XNLI grid cell (LM verbaliser scoring, both methods) frees every tensor it made', async () => {
  assert.equal(await cellLeak('xnli'), 0);
});

test('a killed grid cell that resumes from its checkpoint frees every tensor too', async () => {
  await initBackend('wasm');
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-gridmem-'));
  try {
    const spec: GridSpec = { task: 'pos', methods: ['prompt'], languages: ['en'], setting: 'in-language', seeds: [2], model: 'tiny' };
    const options: RunGridOptions = {
      modelDir: MODEL, tokenizer: fakeTokenizer({ vocabSize: 512 }), data: { dataDir: FIXTURE_DATA_DIR }, resultsFile: join(dir, 'r.jsonl'),
      steps: 4, batchSize: 2, maxTrain: 4, maxEval: 2, maxLength: 24, virtualTokens: 2, evalEvery: 1, checkpointEvery: 1,
    };
    const before = tf.memory().numTensors;
    const kill = (i: { step: number }): void => {
      if (i.step === 3) throw new Error('killed');
    };
    await assert.rejects(runGrid(spec, { ...options, onStep: kill }), /killed/);
    assert.equal(tf.memory().numTensors - before, 0, 'after the kill');
    const resumed = await runGrid(spec, options);
    assert.equal(resumed.rows.length, 1);
    assert.equal(tf.memory().numTensors - before, 0, 'after the resumed run');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
