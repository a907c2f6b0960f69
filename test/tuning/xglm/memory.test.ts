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
  // No limit (native backends): never refused.
  assert.doesNotThrow(() => assertFitsMemory(xglm564m, { mode: 'finetune', batchSize: 8, seqLen: 128 }, undefined));
});
