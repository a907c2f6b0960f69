import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../../src/tuning/backend.js';
import { XglmModel } from '../../../src/tuning/xglm/model.js';
import { countXglmParameters, loadXglmConfig } from '../../../src/tuning/xglm/config.js';
import { isTokgapError } from '../../../src/errors.js';
import { TINY_DIR } from './golden.js';

test('save → fromPretrained round trip is identical and writes HF-format files', async () => {
  await initBackend('cpu');
  const model = XglmModel.fromPretrained(TINY_DIR);
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-xglm-'));
  try {
    model.save(dir);
    // HF wrote these same tensors with these names: our file must be byte-identical.
    assert.ok(readFileSync(join(dir, 'model.safetensors')).equals(readFileSync(join(TINY_DIR, 'model.safetensors'))));
    const cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    assert.equal(cfg.model_type, 'xglm');
    assert.equal(cfg.transformers_version, '5.17.0', 'unknown keys pass through');
    const again = XglmModel.fromPretrained(dir);
    const ids = tf.tensor2d([[2, 5, 9, 100]], undefined, 'int32');
    const a = tf.tidy(() => model.forward({ inputIds: ids }).logits.dataSync());
    const b = tf.tidy(() => again.forward({ inputIds: ids }).logits.dataSync());
    assert.deepEqual(Array.from(a), Array.from(b));
    again.dispose();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  model.dispose();
});

test('random init follows HF: N(0, init_std) weights, zero biases, unit LayerNorms, zero padding row; counts match', async () => {
  await initBackend('cpu');
  const config = loadXglmConfig(TINY_DIR);
  const m = XglmModel.random(config, 3);
  assert.equal(m.numParameters(), countXglmParameters(config));
  // Hand count for vocab 512, d 64, 2 layers, ffn 128: 512·64 + 2·(4·(64·64+64) + 4·64 + 128·64+128 + 64·128+64) + 2·64
  assert.equal(m.numParameters(), 32768 + 2 * (16640 + 256 + 8320 + 8256) + 128);
  const e = m.param('model.embed_tokens.weight').dataSync();
  assert.ok(e.slice(64, 128).every((x) => x === 0));
  let sq = 0;
  for (const x of e) sq += x * x;
  const std = Math.sqrt(sq / (e.length - 64));
  assert.ok(Math.abs(std - 0.02) < 0.002, `std ${std}`);
  assert.ok(m.param('model.layers.1.fc1.bias').dataSync().every((x) => x === 0));
  assert.ok(m.param('model.layer_norm.weight').dataSync().every((x) => x === 1));
  const same = XglmModel.random(config, 3);
  assert.deepEqual(Array.from(same.param('model.layers.0.fc2.weight').dataSync()), Array.from(m.param('model.layers.0.fc2.weight').dataSync()));
  m.dispose();
  same.dispose();
});

test('bad checkpoints: missing tensor, wrong shape, bad config name the file and field', async () => {
  await initBackend('cpu');
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-xglm-bad-'));
  try {
    copyFileSync(join(TINY_DIR, 'model.safetensors'), join(dir, 'model.safetensors'));
    const cfg = JSON.parse(readFileSync(join(TINY_DIR, 'config.json'), 'utf8'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...cfg, ffn_dim: 96 }));
    assert.throws(() => XglmModel.fromPretrained(dir), (e: unknown) => isTokgapError(e) && e.code === 'CHECKPOINT_MISMATCH' && e.field === 'model.layers.0.fc1.weight' && /model\.safetensors$/.test(e.file ?? ''));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...cfg, num_layers: 3 }));
    assert.throws(() => XglmModel.fromPretrained(dir), (e: unknown) => isTokgapError(e) && e.code === 'CHECKPOINT_MISMATCH' && e.field?.startsWith('model.layers.2.') === true);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...cfg, attention_heads: 5 }));
    assert.throws(() => XglmModel.fromPretrained(dir), (e: unknown) => isTokgapError(e) && e.field === 'attention_heads' && /config\.json$/.test(e.file ?? ''));
    const long = XglmModel.fromPretrained(TINY_DIR);
    assert.throws(
      () => tf.tidy(() => long.forward({ inputIds: tf.zeros([1, 65], 'int32') as tf.Tensor2D }).logits),
      (e: unknown) => isTokgapError(e) && e.field === 'inputIds' && /max_position_embeddings = 64/.test(e.message),
    );
    long.dispose();
    writeFileSync(join(dir, 'config.json'), '{ nope');
    assert.throws(() => XglmModel.fromPretrained(dir), (e: unknown) => isTokgapError(e) && e.code === 'BAD_INPUT');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
