import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromSafetensors, loadSafetensors } from '../../../src/tuning/safetensors/read.js';
import { toSafetensors } from '../../../src/tuning/safetensors/write.js';
import { isTokgapError } from '../../../src/errors.js';
import { TINY_DIR, PROMPT_DIR, loadPeftGolden, loadXglmGolden } from '../xglm/golden.js';

// Ground truth: files written by HF's safetensors (Python) for the golden fixtures.
test('reads the HF-written tiny-xglm and PEFT adapter files', () => {
  const f = loadSafetensors(join(TINY_DIR, 'model.safetensors'));
  const names = [...f.tensors.keys()].sort();
  assert.deepEqual(names, [...loadXglmGolden().param_names].sort());
  assert.equal(f.metadata.format, 'pt');
  const e = f.tensors.get('model.embed_tokens.weight')!;
  assert.equal(e.dtype, 'F32');
  assert.deepEqual(e.shape, [512, 64]);
  // HF init zeroes the padding row (pad_token_id 1) and leaves others non-zero.
  assert.ok(e.data.slice(64, 128).every((x) => x === 0));
  assert.ok(e.data.slice(0, 64).some((x) => x !== 0));
  const ln = f.tensors.get('model.layers.0.final_layer_norm.weight')!;
  assert.ok(ln.data.every((x) => x === 1));
  const prompt = loadSafetensors(join(PROMPT_DIR, 'adapter_model.safetensors')).tensors.get('prompt_embeddings')!;
  assert.deepEqual(Array.from(prompt.data), loadPeftGolden().prompt_embeddings.flat().map((x) => Math.fround(x)));
});

test('writer → reader round trip, byte-identical on rewrite of an HF file', () => {
  const bytes = readFileSync(join(TINY_DIR, 'model.safetensors'));
  const parsed = fromSafetensors(bytes);
  const again = toSafetensors(parsed.tensors, parsed.metadata);
  // Same sorted names, same alignment rule as the Python writer: identical bytes.
  assert.deepEqual(Buffer.from(again).equals(bytes), true);
  const ints = fromSafetensors(toSafetensors({ a: { shape: [2, 2], data: Int32Array.of(1, -2, 3, 4) }, b: { shape: [], data: Float32Array.of(0.5) } }));
  assert.deepEqual(ints.tensors.get('a'), { dtype: 'I32', shape: [2, 2], data: Int32Array.of(1, -2, 3, 4) });
  assert.deepEqual(Array.from(ints.tensors.get('b')!.data), [0.5]);
});

test('widens F16 and BF16', () => {
  const header = JSON.stringify({ h: { dtype: 'F16', shape: [2], data_offsets: [0, 4] }, b: { dtype: 'BF16', shape: [1], data_offsets: [4, 6] } });
  const buf = Buffer.alloc(8 + header.length + 6);
  buf.writeBigUInt64LE(BigInt(header.length), 0);
  buf.write(header, 8);
  const at = 8 + header.length;
  buf.writeUInt16LE(0x3c00, at); // 1.0
  buf.writeUInt16LE(0xc000, at + 2); // -2.0
  buf.writeUInt16LE(0x3fc0, at + 4); // bf16 1.5
  const f = fromSafetensors(buf);
  assert.deepEqual(Array.from(f.tensors.get('h')!.data), [1, -2]);
  assert.deepEqual(Array.from(f.tensors.get('b')!.data), [1.5]);
});

test('bad input: truncated header, bad dtype, offsets outside the file — errors name the file and field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tokgap-st-'));
  try {
    const good = readFileSync(join(PROMPT_DIR, 'adapter_model.safetensors'));
    const cases: [string, Uint8Array, RegExp][] = [
      ['short.safetensors', good.subarray(0, 5), /header length|truncated/],
      ['cut.safetensors', good.subarray(0, 40), /truncated/],
      ['dtype.safetensors', Buffer.from(good.toString('latin1').replace('"F32"', '"Q8X"'), 'latin1'), /dtype/],
      ['data.safetensors', good.subarray(0, good.length - 4), /do not fit/],
    ];
    for (const [name, bytes, pattern] of cases) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      assert.throws(
        () => loadSafetensors(file),
        (e: unknown) => isTokgapError(e) && e.code === 'BAD_INPUT' && e.file === file && pattern.test(e.message),
        name,
      );
    }
    assert.throws(() => loadSafetensors(join(dir, 'missing.safetensors')), (e: unknown) => isTokgapError(e) && /missing/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
