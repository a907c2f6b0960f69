import type { XglmConfig } from './config.js';
import { countXglmParameters } from './config.js';
import { ModelTooLargeError } from './errors.js';
import { DEFAULT_VOCAB_CHUNK } from './lm-head.js';
import { RECOMPUTE_SEQUENCES } from './model.js';

export interface MemoryPlan {
  /** `forward` (inference), `finetune` (all weights + AdamW), `prompt` (frozen weights, small trainable set). */
  mode: 'forward' | 'finetune' | 'prompt';
  batchSize: number;
  /** Positions per sequence, soft prompt included. */
  seqLen: number;
  /** Extra trainable parameters (soft prompt, task head). */
  extraTrainable?: number;
  /** Layers recomputed in the backward (`XglmInput.recomputeLayers`); default false. */
  recomputeLayers?: boolean;
  /** Vocabulary rows per LM-head chunk (default `DEFAULT_VOCAB_CHUNK`). */
  vocabChunk?: number;
}

export interface MemoryEstimate {
  params: number;
  gradsAndOptimizer: number;
  activations: number;
  total: number;
}

/**
 * Floats one decoder layer holds at the peak of a training step, per unit of `B·T·d`, `B·T·ffn`
 * and `B·H·T²`: fitted to `tf.profile` peak bytes on wasm (tfjs 4.22) over shapes d 128–256,
 * ffn 512–1024, T 64–128, 1–5 layers (the difference between layer counts). They cover every
 * intermediate a tidy keeps (the transposed weights of each matmul included) plus the backward's
 * transients, so they are larger than what torch saves.
 */
export const LAYER_FLOATS = { btd: 94, btf: 19, bht: 4 } as const;
/** A recomputed layer keeps its input and output (and the tape's copy) on the tape: 3 × `B·T·d`. */
export const RECOMPUTED_LAYER_FLOATS_BTD = 3;
/** LM-head chunk temporaries: logits, shifted logits, their exponential and one more, `N × chunk` each. */
export const HEAD_CHUNK_COPIES = 4;

/**
 * Bytes a run holds at peak, float32, as a planning bound:
 * - weights: every parameter (`countXglmParameters`);
 * - what trains: gradient, clipped gradient and AdamW's two moments, 4 floats per trainable
 *   parameter; frozen weights hold none (prompt tuning trains only prompt + head);
 * - activations: every layer's intermediates (`LAYER_FLOATS`), or with `recomputeLayers` 3·B·T·d
 *   per layer plus one layer's intermediates for `RECOMPUTE_SEQUENCES` sequences (its backward
 *   runs on slices of the batch); inference frees each layer's temporaries, so it holds one layer's. The LM head runs in vocabulary chunks (`lm-head.ts`): `4 · B·T · chunk` floats
 *   plus `B·T·d` for its gradient, never `B·T·vocab`.
 */
export function estimateMemoryBytes(c: XglmConfig, plan: MemoryPlan): MemoryEstimate {
  const f = 4;
  const p = countXglmParameters(c);
  const trainable = (plan.mode === 'finetune' ? p : 0) + (plan.extraTrainable ?? 0);
  const params = p * f;
  const gradsAndOptimizer = plan.mode === 'forward' ? 0 : 4 * trainable * f;
  const bt = plan.batchSize * plan.seqLen;
  const layerAt = (seqs: number): number => {
    const rows = seqs * plan.seqLen;
    return LAYER_FLOATS.btd * rows * c.d_model + LAYER_FLOATS.btf * rows * c.ffn_dim + LAYER_FLOATS.bht * seqs * c.attention_heads * plan.seqLen * plan.seqLen;
  };
  const layers =
    plan.mode === 'forward' ? layerAt(plan.batchSize) + c.num_layers * bt * c.d_model
    // A recomputed layer's backward runs RECOMPUTE_SEQUENCES sequences at a time.
    : plan.recomputeLayers ? layerAt(Math.min(plan.batchSize, RECOMPUTE_SEQUENCES)) + c.num_layers * RECOMPUTED_LAYER_FLOATS_BTD * bt * c.d_model
    : c.num_layers * layerAt(plan.batchSize);
  const head = HEAD_CHUNK_COPIES * bt * Math.min(plan.vocabChunk ?? DEFAULT_VOCAB_CHUNK, c.vocab_size) + bt * c.d_model;
  const activations = (layers + head) * f;
  return { params, gradsAndOptimizer, activations, total: params + gradsAndOptimizer + activations };
}

/** Backends without wasm's 32-bit heap, which hold what fits in RAM or GPU memory. */
export const LARGE_MODEL_BACKENDS = ['node', 'node-gpu', 'webgpu'] as const;

/** What the run needs and whether it fits: said before anything is allocated. */
export interface MemoryCheck extends MemoryEstimate {
  model: string;
  method: string;
  batchSize: number;
  seqLen: number;
  backend: string;
  /** The backend's hard limit in bytes; absent where there is none. */
  limitBytes?: number;
  recomputeLayers: boolean;
  fits: boolean;
}

const gb = (x: number): string => `${(x / 1e9).toFixed(2)} GB`;

/** One line for people: model, method, batch × length, backend, the estimate and whether it fits. */
export function describeMemoryCheck(m: MemoryCheck): string {
  const parts = `weights ${gb(m.params)}, gradients+AdamW ${gb(m.gradsAndOptimizer)}, activations ${gb(m.activations)}${m.recomputeLayers ? ' with layers recomputed' : ''}`;
  const verdict = m.limitBytes === undefined ? 'no hard limit on this backend' : `${m.fits ? 'fits' : 'does NOT fit'} in ${gb(m.limitBytes)}`;
  return `memory: ${m.model} ${m.method}, batch ${m.batchSize} × ${m.seqLen} tokens on ${m.backend}: about ${gb(m.total)} (${parts}); ${verdict}`;
}

/**
 * Plan one run: estimate it; when `plan.recomputeLayers` is left open, recompute layers if keeping
 * every layer's intermediates would not fit `limitBytes` (or `softLimitBytes`, e.g. the machine's
 * RAM on a native backend); say whether it fits.
 */
/**
 * Keeping every layer's intermediates is chosen only below this share of the limit: the estimate
 * leaves out XNNPACK's operator state and heap fragmentation, and XGLM-564M prompt tuning at
 * 2 × 44 tokens, estimated just under the wasm heap, aborts in XNNPACK out of memory (status 6)
 * without recomputation.
 */
const KEEP_LAYERS_SHARE = 0.8;

export function checkMemory(
  c: XglmConfig,
  plan: MemoryPlan,
  where: { model: string; method: string; backend: string; limitBytes?: number; softLimitBytes?: number },
): MemoryCheck {
  const budget = where.limitBytes ?? where.softLimitBytes;
  // Decided here only when the plan leaves it open.
  const auto = plan.recomputeLayers === undefined;
  let recomputeLayers = plan.recomputeLayers ?? false;
  let est = estimateMemoryBytes(c, { ...plan, recomputeLayers });
  if (auto && plan.mode !== 'forward' && budget !== undefined && est.total > KEEP_LAYERS_SHARE * budget) {
    recomputeLayers = true;
    est = estimateMemoryBytes(c, { ...plan, recomputeLayers });
  }
  return {
    ...est, model: where.model, method: where.method, batchSize: plan.batchSize, seqLen: plan.seqLen, backend: where.backend,
    ...(where.limitBytes !== undefined ? { limitBytes: where.limitBytes } : {}),
    recomputeLayers, fits: where.limitBytes === undefined || est.total <= where.limitBytes,
  };
}

/** Throw MODEL_TOO_LARGE for a check that does not fit, naming the sizes and the backends that hold it. */
export function assertMemoryCheck(m: MemoryCheck): MemoryCheck {
  if (m.fits || m.limitBytes === undefined) return m;
  throw new ModelTooLargeError(
    `${m.method} of ${m.model} (batch ${m.batchSize} × ${m.seqLen} tokens) needs about ${gb(m.total)} (weights ${gb(m.params)}, gradients+AdamW ${gb(m.gradsAndOptimizer)}, activations ${gb(m.activations)}) but ${m.backend} holds at most ${gb(m.limitBytes)}; backends that can hold it: ${LARGE_MODEL_BACKENDS.join(', ')}`,
    m.total,
    m.limitBytes,
    { field: 'model', expected: `--backend ${LARGE_MODEL_BACKENDS.join(' | ')}, or prompt tuning, a smaller batch, sequence length or model` },
  );
}

/**
 * Refuse a run that would not fit `limitBytes` (the wasm heap corrupts silently past ~3.9 GB rather
 * than failing), naming the sizes and what to change.
 */
export function assertFitsMemory(c: XglmConfig, plan: MemoryPlan, limitBytes: number | undefined, backend = 'this backend'): MemoryEstimate {
  const check = checkMemory(c, { ...plan, recomputeLayers: plan.recomputeLayers ?? false }, { model: 'this model', method: plan.mode, backend, ...(limitBytes !== undefined ? { limitBytes } : {}) });
  assertMemoryCheck(check);
  const { params, gradsAndOptimizer, activations, total } = check;
  return { params, gradsAndOptimizer, activations, total };
}
