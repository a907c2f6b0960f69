import type { XglmConfig } from './config.js';
import { countXglmParameters } from './config.js';
import { ModelTooLargeError } from './errors.js';

export interface MemoryPlan {
  /** `forward` (inference), `finetune` (all weights + AdamW), `prompt` (frozen weights, small trainable set). */
  mode: 'forward' | 'finetune' | 'prompt';
  batchSize: number;
  seqLen: number;
  /** Extra trainable parameters (soft prompt, task head). */
  extraTrainable?: number;
}

export interface MemoryEstimate {
  params: number;
  gradsAndOptimizer: number;
  activations: number;
  total: number;
}

/**
 * Rough bytes a run holds at peak, float32: weights; gradients + AdamW's two moments for what
 * trains; activations kept for backward (per layer ~(14d + 3·ffn)·B·T plus 3·H·T² for attention,
 * logits ~4·B·T·V for the loss and its gradient). A planning bound, not a measurement.
 */
export function estimateMemoryBytes(c: XglmConfig, plan: MemoryPlan): MemoryEstimate {
  const f = 4;
  const p = countXglmParameters(c);
  const trainable = (plan.mode === 'finetune' ? p : 0) + (plan.extraTrainable ?? 0);
  const params = p * f;
  const gradsAndOptimizer = plan.mode === 'forward' ? 0 : 3 * trainable * f;
  const bt = plan.batchSize * plan.seqLen;
  const perLayer = bt * (14 * c.d_model + 3 * c.ffn_dim) + 3 * plan.batchSize * c.attention_heads * plan.seqLen * plan.seqLen;
  const keep = plan.mode === 'forward' ? 1 : c.num_layers; // inference frees each layer's temporaries
  const logits = bt * c.vocab_size * (plan.mode === 'forward' ? 1 : 4);
  const activations = (perLayer * keep + logits) * f;
  return { params, gradsAndOptimizer, activations, total: params + gradsAndOptimizer + activations };
}

/**
 * Refuse a run that would not fit `limitBytes` (the wasm heap corrupts silently past ~3.9 GB rather
 * than failing), naming the sizes and what to change.
 */
export function assertFitsMemory(c: XglmConfig, plan: MemoryPlan, limitBytes: number | undefined, backend = 'this backend'): MemoryEstimate {
  const est = estimateMemoryBytes(c, plan);
  if (limitBytes !== undefined && est.total > limitBytes) {
    const gb = (x: number): string => `${(x / 1e9).toFixed(2)} GB`;
    throw new ModelTooLargeError(
      `${plan.mode} of this model needs about ${gb(est.total)} (weights ${gb(est.params)}, gradients+AdamW ${gb(est.gradsAndOptimizer)}, activations ${gb(est.activations)}) but ${backend} holds at most ${gb(limitBytes)}`,
      est.total,
      limitBytes,
      { field: 'model', expected: 'a smaller model, batch or sequence length, prompt tuning instead of full fine-tuning, or a native backend (--backend node or node-gpu)' },
    );
  }
  return est;
}
