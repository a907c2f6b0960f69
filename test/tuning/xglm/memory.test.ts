import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXglmConfig } from '../../../src/tuning/xglm/config.js';
import { assertFitsMemory, estimateMemoryBytes } from '../../../src/tuning/xglm/memory.js';
import { WASM_MEMORY_LIMIT_BYTES } from '../../../src/tuning/backend.js';
import { isTokgapError } from '../../../src/errors.js';

// XGLM-564M's shape (reference/xglm.md): 24 layers, d 1024, 16 heads, ffn 4096, vocab 256008.
const xglm564m = parseXglmConfig({ vocab_size: 256008, d_model: 1024, num_layers: 24, attention_heads: 16, ffn_dim: 4096 });

test('parameter bytes of XGLM-564M: 564M float32 parameters', () => {
  const est = estimateMemoryBytes(xglm564m, { mode: 'forward', batchSize: 1, seqLen: 16 });
  // The model card's "564M": embeddings 262.1M + 24 × 12.6M layers ≈ 564.4M.
  assert.ok(Math.abs(est.params / 4 - 564.4e6) < 1e6, `${est.params / 4}`);
});

test('full fine-tuning of XGLM-564M is refused on wasm with a clear error; a tiny model passes', () => {
  assert.throws(
    () => assertFitsMemory(xglm564m, { mode: 'finetune', batchSize: 8, seqLen: 128 }, WASM_MEMORY_LIMIT_BYTES, 'wasm'),
    (e: unknown) => isTokgapError(e) && e.code === 'MODEL_TOO_LARGE' && /wasm holds at most 3\.90 GB/.test(e.message),
  );
  const tiny = parseXglmConfig({ vocab_size: 512, d_model: 64, num_layers: 2, attention_heads: 4, ffn_dim: 128 });
  const est = assertFitsMemory(tiny, { mode: 'finetune', batchSize: 8, seqLen: 64 }, WASM_MEMORY_LIMIT_BYTES, 'wasm');
  assert.ok(est.total < 50e6);
  // No limit (native backends): never refused, even for a plan far past the wasm heap.
  const unlimited = assertFitsMemory(xglm564m, { mode: 'finetune', batchSize: 8, seqLen: 128 }, undefined);
  assert.ok(unlimited.total > 2 * WASM_MEMORY_LIMIT_BYTES, `estimate ${unlimited.total} bytes`);
});

test('prompt tuning of XGLM-564M at batch 8 × (128 + 20) on wasm: hand-computed plan, layers recomputed, fits 3.9 GB', async () => {
  const { checkMemory, describeMemoryCheck } = await import('../../../src/tuning/xglm/memory.js');
  // By hand: P = 256008·1024 + 24·12,596,224 + 2·1024 = 564,463,616 weights (4 bytes each).
  // Trainable: prompt 20·1024 + POS head 17·1025 = 37,905, four floats each (grad, clipped, m, v).
  // One layer: 94·B·T·d + 19·B·T·ffn + 4·B·H·T² with B·T = 1184 = 113,967,104 + 92,143,616 + 11,214,848.
  // Recomputed: 24 layers × 3·B·T·d = 87,293,952 kept, plus one layer's backward on 2 sequences
  // (B·T = 296): 28,491,776 + 23,035,904 + 2,803,712; head 4·1184·8192 + 1184·1024.
  const check = checkMemory(xglm564m, { mode: 'prompt', batchSize: 8, seqLen: 148, extraTrainable: 20 * 1024 + 17 * 1025 }, { model: 'facebook/xglm-564M', method: 'prompt', backend: 'wasm', limitBytes: WASM_MEMORY_LIMIT_BYTES });
  assert.equal(check.params, 564_463_616 * 4);
  assert.equal(check.gradsAndOptimizer, 37_905 * 16);
  assert.equal(check.activations, (54_331_392 + 87_293_952 + 38_797_312 + 1_212_416) * 4);
  assert.equal(check.total, 2_257_854_464 + 606_480 + 726_540_288);
  assert.equal(check.recomputeLayers, true, 'every layer kept would need ~21 GB of activations');
  assert.equal(check.fits, true);
  assert.equal(
    describeMemoryCheck(check),
    'memory: facebook/xglm-564M prompt, batch 8 × 148 tokens on wasm: about 2.99 GB (weights 2.26 GB, gradients+AdamW 0.00 GB, activations 0.73 GB with layers recomputed); fits in 3.90 GB',
  );
  // Without recomputation the same run keeps 24 layers: 24 × 217,325,568 floats.
  const kept = checkMemory(xglm564m, { mode: 'prompt', batchSize: 8, seqLen: 148, extraTrainable: 37_905, recomputeLayers: false }, { model: 'm', method: 'prompt', backend: 'wasm', limitBytes: WASM_MEMORY_LIMIT_BYTES });
  assert.equal(kept.activations, (24 * 217_325_568 + 38_797_312 + 1_212_416) * 4);
  assert.equal(kept.fits, false);
});

test('full fine-tuning of XGLM-564M on wasm is refused before allocating, naming the backends that hold it', async () => {
  const { assertMemoryCheck, checkMemory } = await import('../../../src/tuning/xglm/memory.js');
  const check = checkMemory(xglm564m, { mode: 'finetune', batchSize: 8, seqLen: 128 }, { model: 'facebook/xglm-564M', method: 'finetune', backend: 'wasm', limitBytes: WASM_MEMORY_LIMIT_BYTES });
  // Weights 2.26 GB + 4 floats per weight for gradients and AdamW (9.03 GB) already exceed the heap.
  assert.equal(check.gradsAndOptimizer, 564_463_616 * 16);
  assert.equal(check.fits, false);
  assert.throws(() => assertMemoryCheck(check), (e: unknown) => isTokgapError(e) && e.code === 'MODEL_TOO_LARGE'
    && /^finetune of facebook\/xglm-564M \(batch 8 × 128 tokens\) needs about \d+\.\d\d GB .* but wasm holds at most 3\.90 GB; backends that can hold it: node, node-gpu, webgpu/.test(e.message)
    && /--backend node \| node-gpu \| webgpu/.test(String(e.expected)));
  // Native backends: no hard limit, said as such.
  const native = checkMemory(xglm564m, { mode: 'finetune', batchSize: 8, seqLen: 128 }, { model: 'm', method: 'finetune', backend: 'tensorflow' });
  assert.equal(native.fits, true);
  assert.equal(native.limitBytes, undefined);
});
