import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTorchCheckpoint } from '../../../src/tuning/checkpoint/torch/read.js';
import { openSafetensors } from '../../../src/tuning/safetensors/read.js';
import { toInt32 } from '../../../src/tuning/checkpoint/dtypes.js';
import { isTokgapError } from '../../../src/errors.js';
import { runPythonCode } from '../../helpers/torch.js';
import { TINY_DIR } from '../xglm/golden.js';
import { sameBytes, torchFixtures } from '../../helpers/torch-fixtures.js';

// Ground truth: torch.save itself wrote these files (test/fixtures/make_torch_checkpoints.py).

test('fp32 pytorch_model.bin: every tensor bit for bit equal to the safetensors original; lm_head stays tied', (t) => {
  const fx = torchFixtures(t);
  if (!fx) return;
  const original = openSafetensors(join(TINY_DIR, 'model.safetensors'));
  const bin = openTorchCheckpoint(join(fx, 'bin-fp32', 'pytorch_model.bin'));
  try {
    assert.deepEqual(bin.names().filter((n) => n !== 'lm_head.weight').sort(), original.names().sort());
    for (const name of original.names()) {
      assert.equal(bin.info(name)!.dtype, 'F32');
      assert.deepEqual(bin.info(name)!.shape, original.info(name)!.shape, name);
      assert.ok(sameBytes(bin.read(name).data, original.read(name).data), name);
    }
    const head = bin.info('lm_head.weight')!;
    const embed = bin.info('model.embed_tokens.weight')!;
    assert.equal(head.storage, embed.storage, 'one storage for the tied pair');
    assert.equal(head.storageOffset, embed.storageOffset);
    assert.deepEqual(head.stride, embed.stride);
    assert.ok(sameBytes(bin.read('lm_head.weight').data, original.read('model.embed_tokens.weight').data));
  } finally {
    bin.close();
    original.close();
  }
});

test('fp16 pytorch_model.bin equals the original rounded to fp16 independently (numpy), tie kept', (t) => {
  const fx = torchFixtures(t);
  if (!fx) return;
  const expected = openSafetensors(join(fx, 'fp16-expected.safetensors'));
  const bin = openTorchCheckpoint(join(fx, 'bin-fp16', 'pytorch_model.bin'));
  try {
    for (const name of expected.names()) {
      assert.equal(bin.info(name)!.dtype, 'F16');
      const got = bin.read(name).data as Float32Array;
      assert.ok(got instanceof Float32Array, 'widened to float32');
      assert.ok(sameBytes(got, expected.read(name).data), name);
    }
    assert.equal(bin.info('lm_head.weight')!.storage, bin.info('model.embed_tokens.weight')!.storage);
  } finally {
    bin.close();
    expected.close();
  }
});

test('strided views, shared storages at offsets, int64 past 2^31, int32, bool and bf16 read exactly', (t) => {
  const fx = torchFixtures(t);
  if (!fx) return;
  const expected = JSON.parse(readFileSync(join(fx, 'views.json'), 'utf8')) as Record<string, { shape: number[]; values?: number[]; int64?: string[] }>;
  const r = openTorchCheckpoint(join(fx, 'views.bin'));
  try {
    assert.deepEqual(r.names(), Object.keys(expected));
    for (const [name, e] of Object.entries(expected)) {
      const got = r.read(name);
      assert.deepEqual(got.shape, e.shape, name);
      if (e.int64) assert.deepEqual(Array.from(got.data as BigInt64Array), e.int64.map(BigInt), name);
      else assert.deepEqual(Array.from(got.data as Float32Array | Int32Array | Uint8Array, Number), e.values, name);
    }
    assert.equal(r.info('transposed')!.storage, r.info('base')!.storage, 'the view shares its base storage');
    assert.deepEqual(r.info('transposed')!.stride, [1, 5]);
    assert.equal(r.info('offset_a')!.storage, r.info('offset_b')!.storage);
    assert.deepEqual([r.info('offset_a')!.storageOffset, r.info('offset_b')!.storageOffset], [4, 20]);
    assert.equal(r.info('int64')!.dtype, 'I64');
    // 2^40 does not fit int32: an error naming the tensor, never a wrapped value.
    assert.throws(() => toInt32(r.read('int64'), 'int64', 'views.bin'), (e: unknown) => isTokgapError(e) && e.field === 'int64' && /1099511627776/.test(e.message));
  } finally {
    r.close();
  }
});

test('a pickle naming a global outside the state-dict list is refused by name', (t) => {
  const fx = torchFixtures(t);
  if (!fx) return;
  const file = join(fx, 'forbidden.bin');
  assert.throws(
    () => openTorchCheckpoint(file),
    (e: unknown) => isTokgapError(e) && e.code === 'UNSUPPORTED_CHECKPOINT' && /^(posix|os)\.system$/.test(e.field ?? '') && e.message.includes(`global ${e.field}`) && (e.file ?? '').startsWith(file),
  );
});

test('legacy (pre-1.6) .bin: a clear "convert it" error whose python one-liner works', (t) => {
  const fx = torchFixtures(t);
  if (!fx) return;
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-legacy-'));
  try {
    const file = join(dir, 'pytorch_model.bin');
    copyFileSync(join(fx, 'legacy.bin'), file);
    let command = '';
    assert.throws(() => openTorchCheckpoint(file), (e: unknown) => {
      if (!isTokgapError(e) || e.code !== 'UNSUPPORTED_CHECKPOINT' || e.file !== file || !/legacy/.test(e.message)) return false;
      command = /python3 -c "(.*)"/.exec(e.message)?.[1] ?? '';
      return command.includes('torch.save');
    });
    runPythonCode(command);
    const r = openTorchCheckpoint(file);
    const legacyExpected = JSON.parse(readFileSync(join(fx, 'views.json'), 'utf8')).base.values as number[];
    assert.deepEqual(Array.from(r.read('w').data as Float32Array), legacyExpected);
    r.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
