import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_DATA_DIR, goldenPath } from '../helpers/shared.js';
import { fakeTokenizer } from '../helpers/fake-tokenizer.js';
import { initBackend } from '../../src/tuning/backend.js';
import { runGrid, type GridSpec } from '../../src/tuning/grid.js';
import { loadSafetensors } from '../../src/tuning/safetensors/read.js';
import { XglmModel } from '../../src/tuning/xglm/model.js';

// Prompt tuning through the real grid on the golden tiny model: the frozen weights get no
// gradient and no optimiser state, and a step allocates far less than the model's size.
const MODEL = goldenPath('tiny-xglm');

for (const task of ['pos', 'xnli'] as const) {
  test(`a ${task} prompt-tuning cell: optimiser state covers only the prompt${task === 'pos' ? ' and head' : ''}; a step does not grow memory by the model size`, async () => {
    await initBackend('wasm');
    const modelBytes = (() => {
      const m = XglmModel.fromPretrained(MODEL);
      const n = m.numParameters() * 4;
      m.dispose();
      return n;
    })();
    const dir = mkdtempSync(join(tmpdir(), 'tokgap-ptfrozen-'));
    try {
      const spec: GridSpec = { task, methods: ['prompt'], languages: ['en'], setting: 'in-language', seeds: [1], model: 'tiny' };
      const bytesAtStep: number[] = [];
      const kill = (i: { step: number }): void => {
        bytesAtStep[i.step] = tf.memory().numBytes;
        if (i.step === 3) throw new Error('stop here');
      };
      await assert.rejects(runGrid(spec, {
        modelDir: MODEL, tokenizer: fakeTokenizer({ vocabSize: 512 }), data: { dataDir: FIXTURE_DATA_DIR }, resultsFile: join(dir, 'r.jsonl'),
        steps: 6, batchSize: 2, maxTrain: 6, maxEval: 2, maxLength: 24, virtualTokens: 3, evalEvery: 100, checkpointEvery: 1, onStep: kill,
      }), /stop here/);
      // Steps 2 → 3 keep the same tensors alive: nothing like a gradient or moment per weight.
      const growth = bytesAtStep[3]! - bytesAtStep[2]!;
      assert.ok(Math.abs(growth) < modelBytes / 10, `step grew memory by ${growth} bytes; the model is ${modelBytes}`);
      // The checkpoint after step 2 holds exactly what the optimiser knows about.
      const ckpt = join(dir, 'r.jsonl.ckpt', readdirSync(join(dir, 'r.jsonl.ckpt'))[0]!);
      const file = readdirSync(ckpt).find((f) => f.endsWith('.safetensors'))!;
      const names = [...loadSafetensors(join(ckpt, file)).tensors.keys()].sort();
      const trained = task === 'pos' ? ['head.classifier.bias', 'head.classifier.weight', 'prompt_embeddings'] : ['prompt_embeddings'];
      assert.deepEqual(names.filter((n) => n.startsWith('param/')).map((n) => n.slice(6)).sort(), trained);
      const optim = names.filter((n) => n.startsWith('optim/') && /exp_avg/.test(n));
      assert.equal(optim.length, 2 * trained.length, optim.join(', '));
      assert.ok(optim.every((n) => trained.some((t) => n.includes(t.replace(/^head\./, '')))), optim.join(', '));
      assert.ok(!names.some((n) => /embed_tokens|layers\.|layer_norm/.test(n)), `no base-model weight in the checkpoint: ${names.join(', ')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
