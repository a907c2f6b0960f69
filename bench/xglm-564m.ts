/**
 * Where the randomly initialised XGLM-564M-shaped bench model lives, and its config. Benches that
 * need a model of the real size import `xglm564mBenchDir()` / `xglm564mBenchForms()`; the folder is
 * written once by `npm run bench:make-564m` (bench/make-xglm-564m.ts).
 */
import { join } from 'node:path';
import { defaultCacheDir } from '../src/datasets/cache.js';

/** facebook/xglm-564M's config.json (model card): d_model 1024, 24 layers, 16 heads, ffn 4096, vocab 256008. */
export const XGLM_564M_CONFIG = {
  activation_dropout: 0.0,
  activation_function: 'gelu',
  architectures: ['XGLMForCausalLM'],
  attention_dropout: 0.1,
  attention_heads: 16,
  bos_token_id: 0,
  d_model: 1024,
  decoder_start_token_id: 2,
  dropout: 0.1,
  eos_token_id: 2,
  ffn_dim: 4096,
  init_std: 0.02,
  layerdrop: 0.0,
  max_position_embeddings: 2048,
  model_type: 'xglm',
  num_layers: 24,
  pad_token_id: 1,
  scale_embedding: true,
  torch_dtype: 'float32',
  use_cache: true,
  vocab_size: 256008,
} as const;

/** `$TOKGAP_CACHE/bench/xglm-564m-random` (default cache `~/.cache/tokgap`, as the datasets use). */
export function xglm564mBenchDir(cacheDir: string = defaultCacheDir()): string {
  return join(cacheDir, 'bench', 'xglm-564m-random');
}

/** The three model folders: one fp32 safetensors file, fp32 shards of ≤ 500 MB, fp16 pytorch_model.bin. */
export function xglm564mBenchForms(cacheDir?: string): { safetensors: string; sharded: string; 'bin-fp16': string } {
  const dir = xglm564mBenchDir(cacheDir);
  return { safetensors: join(dir, 'safetensors'), sharded: join(dir, 'sharded'), 'bin-fp16': join(dir, 'bin-fp16') };
}
