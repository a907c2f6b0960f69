import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../../src/tuning/backend.js';
import { loadSafetensors } from '../../../src/tuning/safetensors/read.js';
import { saveSafetensors } from '../../../src/tuning/safetensors/write.js';
import { XglmModel } from '../../../src/tuning/xglm/model.js';
import { Rng } from '../../../src/util/rng.js';
import { runPython } from '../../helpers/torch.js';
import { sameBytes, torchFixtures } from '../../helpers/torch-fixtures.js';
import { TINY_DIR } from '../xglm/golden.js';

/** Random bit patterns (every exponent, NaN and inf included) plus the rounding ties and edges. */
function hardFloats(): Float32Array {
  const rng = new Rng(11);
  const bits = new Uint32Array(200_000);
  for (let i = 0; i < bits.length; i++) bits[i] = Math.floor(rng.next() * 2 ** 32) >>> 0;
  const edges = [
    1 + 2 ** -11, 1 + 3 * 2 ** -11, 1 - 2 ** -12, 2 ** -24, 2 ** -25, 1.5 * 2 ** -25, 2 ** -26, 3 * 2 ** -25, 2 ** -14 - 2 ** -25,
    65504, 65519, 65520, 65536, -65520, 1 / 3, -0, 0, Infinity, -Infinity, NaN, 1 + 2 ** -8, 1 + 3 * 2 ** -8, 3.4e38, 1e-40, -1e-45,
  ];
  const out = new Float32Array(bits.length + edges.length);
  out.set(new Float32Array(bits.buffer));
  out.set(edges, bits.length);
  return out;
}

test('F16 and BF16 output rounds exactly as torch casts (python reads our files back)', (t) => {
  if (!torchFixtures(t)) return;
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-round-'));
  try {
    const tensors = { hard: { shape: [200_025], data: hardFloats() }, 'model.embed_tokens.weight': loadSafetensors(join(TINY_DIR, 'model.safetensors')).tensors.get('model.embed_tokens.weight')! };
    const files = ['f32', 'f16', 'bf16'].map((k) => join(dir, `${k}.safetensors`));
    saveSafetensors(files[0]!, tensors);
    saveSafetensors(files[1]!, tensors, { dtype: 'F16' });
    saveSafetensors(files[2]!, tensors, { dtype: 'BF16' });
    const result = JSON.parse(runPython('check_rounding.py', files)) as Record<string, number>;
    assert.deepEqual(result, { tensors: 2, values: 200_025 + 512 * 64, f16_mismatches: 0, bf16_mismatches: 0 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('XglmModel.save shards as HF does (names, index, total_size) and saves fp16 equal to numpy\'s rounding', async (t) => {
  const fx = torchFixtures(t);
  if (!fx) return;
  await initBackend('cpu');
  const model = XglmModel.fromPretrained(TINY_DIR);
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-shard-'));
  try {
    model.save(dir, { maxShardSize: 150_000 });
    const files = readdirSync(dir).sort();
    assert.deepEqual(files, ['config.json', 'model-00001-of-00003.safetensors', 'model-00002-of-00003.safetensors', 'model-00003-of-00003.safetensors', 'model.safetensors.index.json']);
    const index = JSON.parse(readFileSync(join(dir, 'model.safetensors.index.json'), 'utf8'));
    const original = loadSafetensors(join(TINY_DIR, 'model.safetensors')).tensors;
    assert.equal(index.metadata.total_size, [...original.values()].reduce((a, v) => a + v.data.byteLength, 0));
    assert.deepEqual(Object.keys(index.weight_map), [...original.keys()].sort());
    // Filled in parameter order (the 128 KiB embedding first), each shard within the limit.
    assert.equal(index.weight_map['model.embed_tokens.weight'], 'model-00001-of-00003.safetensors');
    for (const f of files.filter((n) => n.startsWith('model-'))) {
      const bytes = [...loadSafetensors(join(dir, f)).tensors.values()].reduce((a, v) => a + v.data.byteLength, 0);
      assert.ok(bytes <= 150_000, `${f} holds ${bytes} bytes`);
    }
    const again = XglmModel.fromPretrained(dir);
    for (const [name, v] of again.parameters) assert.ok(sameBytes(v.dataSync() as Float32Array, original.get(name)!.data), name);
    again.dispose();

    // Saving again as one file replaces the shards and the index (a stale index would be confusing).
    model.save(dir, { dtype: 'F16' });
    assert.deepEqual(readdirSync(dir).sort(), ['config.json', 'model.safetensors']);
    assert.equal(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).torch_dtype, 'float16');
    const half = loadSafetensors(join(dir, 'model.safetensors')).tensors;
    const expected = loadSafetensors(join(fx, 'fp16-expected.safetensors')).tensors;
    for (const [name, v] of half) {
      assert.equal(v.dtype, 'F16');
      assert.ok(sameBytes(v.data, expected.get(name)!.data), name);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    model.dispose();
  }
});
