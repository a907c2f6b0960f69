import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../src/tuning/backend.js';
import { PromptTuningConfigSchema, parsePromptTuningConfig } from '../../../src/tuning/methods/prompt-tuning/config.js';
import { PromptTuningModel } from '../../../src/tuning/methods/prompt-tuning/model.js';
import { XglmModel, causalLmLoss } from '../../../src/tuning/xglm/model.js';
import { isTokgapError } from '../../../src/errors.js';
import type { Tokenizer } from '../../../src/tokenizers/types.js';
import { PROMPT_DIR, TINY_DIR, loadPeftGolden, relL2 } from '../xglm/golden.js';

// Ground truth: HF PEFT 0.21 prompt tuning on tiny-xglm (fixtures/golden/make_golden.py).
const golden = loadPeftGolden();

for (const backend of ['cpu', 'wasm'] as const) {
  test(`PEFT adapter reproduces PEFT's logits, loss and prompt gradient on ${backend}`, async () => {
    await initBackend(backend);
    const base = XglmModel.fromPretrained(TINY_DIR);
    const pt = PromptTuningModel.load(base, PROMPT_DIR);
    assert.equal(pt.totalVirtualTokens, 4);
    assert.ok(relL2(pt.promptEmbeddings, golden.prompt_embeddings) === 0);
    assert.equal(pt.numTrainableParameters(), 4 * 64);
    assert.ok(base.variables().every((v) => !v.trainable), 'base frozen');
    const ids = tf.tensor2d(golden.input_ids, undefined, 'int32');
    const mask = tf.tensor2d(golden.attention_mask, undefined, 'int32');
    const labels = tf.tidy(() => pt.extendLabels(tf.where(tf.equal(mask, 0), tf.fill(mask.shape, -100, 'int32'), ids) as tf.Tensor2D));
    const { value, grads } = tf.variableGrads(() => {
      const out = pt.forward({ inputIds: ids, attentionMask: mask });
      assert.deepEqual(out.logits.shape, [2, 14, 512]);
      const r = relL2(out.logits, golden.logits);
      assert.ok(r < 1e-4, `logits rel ${r}`);
      return causalLmLoss(out.logits, labels);
    }, pt.trainableVariables());
    const loss = value.dataSync()[0];
    assert.ok(Math.abs(loss - golden.loss) < 1e-5, `loss ${loss} vs ${golden.loss}`);
    const g = grads[pt.promptEmbeddings.name];
    const r = relL2(g, golden.prompt_grad);
    assert.ok(r < 1e-4, `prompt grad rel ${r}`);
    assert.deepEqual(Object.keys(grads), [pt.promptEmbeddings.name]);
    tf.dispose([ids, mask, labels, value, grads]);
    pt.dispose();
    base.dispose();
  });
}

test('adapter save → load round trip is identical, and the file is what PEFT writes', async () => {
  await initBackend('cpu');
  const base = XglmModel.fromPretrained(TINY_DIR);
  const pt = new PromptTuningModel(base, { num_virtual_tokens: 3, prompt_tuning_init: 'SAMPLE_VOCAB' }, { seed: 7 });
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-pt-'));
  try {
    pt.save(dir);
    const again = PromptTuningModel.load(base, dir);
    assert.deepEqual(Array.from(again.promptEmbeddings.dataSync()), Array.from(pt.promptEmbeddings.dataSync()));
    assert.deepEqual(again.config.num_virtual_tokens, 3);
    const cfg = JSON.parse(readFileSync(join(dir, 'adapter_config.json'), 'utf8'));
    assert.equal(cfg.peft_type, 'PROMPT_TUNING');
    assert.equal(cfg.token_dim, 64);
    // PEFT's own adapter config keys all appear in ours.
    const peftKeys = Object.keys(JSON.parse(readFileSync(join(PROMPT_DIR, 'adapter_config.json'), 'utf8'))).filter((k) => k !== 'peft_version');
    for (const k of peftKeys) assert.ok(k in cfg, `missing ${k}`);
    again.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  pt.dispose();
  base.dispose();
});

test('config validates like PEFT: TEXT init needs init text and a tokenizer', () => {
  const bad = (data: unknown, field: string): void => {
    assert.throws(
      () => parsePromptTuningConfig(data),
      (e: unknown) => isTokgapError(e) && e.field === field,
    );
  };
  bad({ num_virtual_tokens: 4, prompt_tuning_init: 'TEXT', prompt_tuning_init_text: 'hi' }, 'tokenizer_name_or_path');
  bad({ num_virtual_tokens: 4, prompt_tuning_init: 'TEXT', tokenizer_name_or_path: 'xglm:x' }, 'prompt_tuning_init_text');
  bad({ num_virtual_tokens: 4, tokenizer_kwargs: { a: 1 } }, 'tokenizer_kwargs');
  bad({ num_virtual_tokens: 0 }, 'num_virtual_tokens');
  const ok = parsePromptTuningConfig({ num_virtual_tokens: 4 });
  assert.equal(ok.prompt_tuning_init, 'RANDOM');
  // JSON round trip.
  assert.deepEqual(PromptTuningConfigSchema.parse(JSON.parse(JSON.stringify(ok))), ok);
});

test('TEXT init embeds the init text, repeated to fill the virtual tokens, as PEFT does', async () => {
  await initBackend('cpu');
  const base = XglmModel.fromPretrained(TINY_DIR);
  const tokenizer = { encode: () => ({ ids: Int32Array.from([2, 17]) }) } as unknown as Tokenizer;
  const pt = new PromptTuningModel(
    base,
    { num_virtual_tokens: 5, prompt_tuning_init: 'TEXT', prompt_tuning_init_text: 'x', tokenizer_name_or_path: 'stub' },
    { tokenizer },
  );
  const expected = tf.tidy(() => base.embed(tf.tensor2d([[2, 17, 2, 17, 2]], [1, 5], 'int32')));
  assert.deepEqual(Array.from(pt.promptEmbeddings.dataSync()), Array.from(expected.dataSync()));
  assert.throws(
    () => new PromptTuningModel(base, { num_virtual_tokens: 5, prompt_tuning_init: 'TEXT', prompt_tuning_init_text: 'x', tokenizer_name_or_path: 'stub' }),
    (e: unknown) => isTokgapError(e) && e.field === 'tokenizer',
  );
  expected.dispose();
  pt.dispose();
  base.dispose();
});
