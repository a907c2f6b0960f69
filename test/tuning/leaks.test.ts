import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenPath } from '../helpers/shared.js';
import { loadTokenizer } from '../../src/tokenizers/load.js';
import { initBackend } from '../../src/tuning/backend.js';
import { FullFineTuningModel } from '../../src/tuning/methods/full/model.js';
import { LinearHead } from '../../src/tuning/heads/linear-head.js';
import { PromptTuningModel } from '../../src/tuning/methods/prompt-tuning/model.js';
import { AdamW } from '../../src/tuning/optim.js';
import { pretrain } from '../../src/tuning/pretrain.js';
import { XglmModel } from '../../src/tuning/xglm/model.js';

const MODEL = goldenPath('tiny-xglm');

/** Tensors left behind by `fn` (what it returns and keeps is freed by `cleanup` first). */
async function leaked<T>(fn: () => T | Promise<T>, cleanup: (value: T) => void = () => {}): Promise<number> {
  const before = tf.memory().numTensors;
  cleanup(await fn());
  return tf.memory().numTensors - before;
}

for (const backend of ['wasm', 'cpu'] as const) {
  test(`${backend}: loading the tiny model and disposing it leaves no tensor (35 parameters + positions)`, async () => {
    await initBackend(backend);
    const before = tf.memory().numTensors;
    const model = XglmModel.fromPretrained(MODEL);
    // Exactly the variables and the position table: no copy of the initial values stays behind.
    assert.equal(tf.memory().numTensors - before, model.parameters.size + 1);
    model.dispose();
    assert.equal(tf.memory().numTensors, before);
  });

  test(`${backend}: AdamW holds exactly two moments per parameter and frees them`, async () => {
    await initBackend(backend);
    const model = XglmModel.fromPretrained(MODEL);
    try {
      const before = tf.memory().numTensors;
      const opt = new AdamW(model.parameters, { lr: 1e-3 });
      assert.equal(tf.memory().numTensors - before, 2 * model.parameters.size);
      opt.dispose();
      assert.equal(tf.memory().numTensors, before);
    } finally {
      model.dispose();
    }
  });

  test(`${backend}: getState / setState of the train-loop adapter make no tensor per call`, async () => {
    await initBackend(backend);
    const model = XglmModel.fromPretrained(MODEL);
    const opt = new AdamW(model.parameters, { lr: 1e-3 });
    try {
      const adapter = opt.toTrainOptimizer();
      adapter.getState();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) adapter.getState();
      assert.equal(tf.memory().numTensors, before);
      const state = adapter.getState();
      assert.equal(state.get('step')!.dataSync()[0], 0);
      adapter.setState(state);
      assert.equal(tf.memory().numTensors, before);
    } finally {
      opt.dispose();
      model.dispose();
    }
  });

  test(`${backend}: prompt tuning with each init frees what it made`, async () => {
    await initBackend(backend);
    const model = XglmModel.fromPretrained(MODEL);
    try {
      for (const init of ['RANDOM', 'SAMPLE_VOCAB'] as const) {
        const n = await leaked(() => new PromptTuningModel(model, { num_virtual_tokens: 4, prompt_tuning_init: init }, { seed: 3 }), (p) => p.dispose());
        assert.equal(n, 0, init);
      }
    } finally {
      model.dispose();
    }
  });
}

test('pretrain (model, AdamW, loop, checkpoints) leaves no tensor behind', async () => {
  await initBackend('wasm');
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-leak-'));
  try {
    const corpus = join(dir, 'c.txt');
    writeFileSync(corpus, 'the cat sat on the mat\na dog ran in the park\nbirds sing at dawn\n'.repeat(4));
    const tokenizer = await loadTokenizer(`spm:${goldenPath('udhr-unigram-8k.model')}`);
    const n = await leaked(() => pretrain({ corpus, tokenizer, out: join(dir, 'm'), dModel: 16, layers: 1, heads: 2, ffn: 32, seqLen: 16, steps: 3, batchSize: 2 }));
    assert.equal(n, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('loading saved weights into a model (full fine-tuning, adapter, head) makes no stray tensor', async () => {
  await initBackend('wasm');
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-leak-'));
  const model = XglmModel.fromPretrained(MODEL);
  try {
    model.save(join(dir, 'ft'));
    assert.equal(await leaked(() => FullFineTuningModel.load(model, join(dir, 'ft'))), 0, 'full fine-tuning load');
    const prompt = new PromptTuningModel(model, { num_virtual_tokens: 3, prompt_tuning_init: 'RANDOM' });
    prompt.save(join(dir, 'pt'));
    prompt.dispose();
    assert.equal(await leaked(() => PromptTuningModel.load(model, join(dir, 'pt')), (p) => p.dispose()), 0, 'adapter load');
    const head = new LinearHead({ hiddenSize: 64, numLabels: 5 }, 1);
    head.save(join(dir, 'head'));
    head.dispose();
    assert.equal(await leaked(() => LinearHead.load(join(dir, 'head')), (h) => h.dispose()), 0, 'head load');
  } finally {
    model.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
