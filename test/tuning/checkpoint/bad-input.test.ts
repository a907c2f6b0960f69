import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../../src/tuning/backend.js';
import { saveSafetensorsSharded } from '../../../src/tuning/safetensors/write.js';
import { XglmModel } from '../../../src/tuning/xglm/model.js';
import { isTokgapError } from '../../../src/errors.js';
import { TINY_DIR } from '../xglm/golden.js';
import { torchFixtures } from '../../helpers/torch-fixtures.js';

function copyOf(fx: string, folder: string): string {
  const dir = mkdtempSync(join(tmpdir(), `tokgap-bad-${folder}-`));
  cpSync(join(fx, folder), dir, { recursive: true });
  return dir;
}

test('a truncated shard (safetensors or .bin) is an error naming the shard', async (t) => {
  const fx = torchFixtures(t);
  if (!fx) return;
  await initBackend('cpu');
  for (const [folder, shard] of [['st-sharded', 'model-00002-of-00003.safetensors'], ['bin-sharded', 'pytorch_model-00002-of-00002.bin'], ['bin-fp32', 'pytorch_model.bin']] as const) {
    const dir = copyOf(fx, folder);
    try {
      const file = join(dir, shard);
      truncateSync(file, statSync(file).size - 100);
      assert.throws(() => XglmModel.fromPretrained(dir), (e: unknown) => isTokgapError(e) && e.code === 'BAD_INPUT' && (e.file ?? '').startsWith(file) && /truncated/.test(e.message), folder);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('an index naming a missing shard is an error naming the index, the tensor and the shard', async (t) => {
  const fx = torchFixtures(t);
  if (!fx) return;
  for (const [folder, shard, index] of [['st-sharded', 'model-00003-of-00003.safetensors', 'model.safetensors.index.json'], ['bin-sharded', 'pytorch_model-00001-of-00002.bin', 'pytorch_model.bin.index.json']] as const) {
    const dir = copyOf(fx, folder);
    try {
      rmSync(join(dir, shard));
      const map = JSON.parse(readFileSync(join(dir, index), 'utf8')).weight_map as Record<string, string>;
      const first = Object.keys(map).find((k) => map[k] === shard)!;
      assert.throws(
        () => XglmModel.fromPretrained(dir),
        (e: unknown) => isTokgapError(e) && e.file === join(dir, index) && e.field === `weight_map.${first}` && e.message.includes(shard) && /missing/.test(e.message),
        folder,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('tensors disagreeing with config.json are listed in one error: file, tensor, expected vs found', async (t) => {
  const fx = torchFixtures(t);
  if (!fx) return;
  await initBackend('cpu');
  for (const folder of ['st-sharded', 'bin-fp32']) {
    const dir = copyOf(fx, folder);
    try {
      const cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...cfg, ffn_dim: 96 }));
      assert.throws(() => XglmModel.fromPretrained(dir), (e: unknown) => {
        if (!isTokgapError(e) || e.code !== 'CHECKPOINT_MISMATCH' || e.field !== 'model.layers.0.fc1.weight') return false;
        // 2 layers × fc1.weight, fc1.bias, fc2.weight: all listed, each with its file and both shapes.
        assert.match(e.message, /6 mis-shaped/);
        assert.match(e.message, /model\.layers\.1\.fc2\.weight in .*: shape \[64,128\], expected \[64,96\] from config\.json/);
        return folder === 'bin-fp32' ? e.file === join(dir, 'pytorch_model.bin') : /model-0000\d-of-00003\.safetensors$/.test(e.file ?? '');
      }, folder);
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...cfg, num_layers: 3 }));
      assert.throws(() => XglmModel.fromPretrained(dir), (e: unknown) => isTokgapError(e) && e.code === 'CHECKPOINT_MISMATCH' && /16 missing/.test(e.message) && e.field === 'model.layers.2.self_attn.k_proj.weight');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const empty = mkdtempSync(join(tmpdir(), 'tokgap-noweights-'));
  writeFileSync(join(empty, 'config.json'), readFileSync(join(TINY_DIR, 'config.json')));
  assert.throws(() => XglmModel.fromPretrained(empty), (e: unknown) => isTokgapError(e) && e.code === 'NOT_FOUND' && /pytorch_model\.bin/.test(e.message));
  rmSync(empty, { recursive: true, force: true });
});

test('through the model loader too: a forbidden pickle global and a legacy .bin are refused by name', async (t) => {
  const fx = torchFixtures(t);
  if (!fx) return;
  await initBackend('cpu');
  for (const [source, pattern] of [['forbidden.bin', /global (posix|os)\.system/], ['legacy.bin', /legacy.*python3 -c/]] as const) {
    const dir = mkdtempSync(join(tmpdir(), 'tokgap-bad-bin-'));
    try {
      cpSync(join(fx, source), join(dir, 'pytorch_model.bin'));
      cpSync(join(TINY_DIR, 'config.json'), join(dir, 'config.json'));
      assert.throws(() => XglmModel.fromPretrained(dir), (e: unknown) => isTokgapError(e) && e.code === 'UNSUPPORTED_CHECKPOINT' && (e.file ?? '').startsWith(join(dir, 'pytorch_model.bin')) && pattern.test(e.message), source);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('a write that fails midway leaves nothing half-written and the earlier save intact', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-failwrite-'));
  try {
    const tensor = (k: number) => ({ shape: [1000], kind: 'float32' as const, data: () => new Float32Array(1000).fill(k) });
    const ok = new Map([['a', tensor(1)], ['b', tensor(2)], ['c', tensor(3)]]);
    saveSafetensorsSharded(dir, ok, { maxShardSize: 5000 });
    const before = readdirSync(dir).sort();
    assert.deepEqual(before, ['model-00001-of-00003.safetensors', 'model-00002-of-00003.safetensors', 'model-00003-of-00003.safetensors', 'model.safetensors.index.json']);
    const snapshot = before.map((f) => readFileSync(join(dir, f)));
    const failing = new Map([
      ['a', tensor(7)],
      ['b', { shape: [1000], kind: 'float32' as const, data: (): Float32Array => { throw new Error('disk full (simulated)'); } }],
      ['c', tensor(9)],
    ]);
    assert.throws(() => saveSafetensorsSharded(dir, failing, { maxShardSize: 5000 }), /disk full/);
    assert.deepEqual(readdirSync(dir).sort(), before, 'no temp files left, no new files');
    before.forEach((f, k) => assert.ok(readFileSync(join(dir, f)).equals(snapshot[k]!), f));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
