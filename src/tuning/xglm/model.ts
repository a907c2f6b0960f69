import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { InvalidOptionError } from '../../errors.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import type { KeyMatchOptions } from '../checkpoint/keys.js';
import { type LoadWeightsOptions, loadFolderIntoVariables, readIntoVariables } from '../checkpoint/load-variables.js';
import { memoryCheckpointReader } from '../checkpoint/memory-reader.js';
import type { SafeTensor } from '../safetensors/types.js';
import { type FloatStorageDtype, type LazyTensorToWrite, saveSafetensorsSharded } from '../safetensors/write.js';
import { type XglmConfig, loadXglmConfig, parseXglmConfig } from './config.js';
import { crossEntropy } from './loss.js';
import { chunkedLmLoss, type LmHeadOptions } from './lm-head.js';
import { backendCapabilities } from '../backend/capabilities.js';
import { attentionBias, gelu, geluTanh, layerNorm, linear, multiHeadAttention, sinusoidalTable } from './layers.js';

/** HF's position offset: position p uses row p + 2 of the sinusoidal table (fairseq's padding offset). */
export const POSITION_OFFSET = 2;

export interface XglmInput {
  /** `[B, T]` int32 token ids; needed unless `inputsEmbeds` is given. */
  inputIds?: tf.Tensor2D;
  /** `[B, T]` 1 for real tokens, 0 for padding; all ones when omitted. */
  attentionMask?: tf.Tensor2D;
  /** `[B, T, d]` embeddings already scaled, as `embed()` returns (HF's `inputs_embeds`). */
  inputsEmbeds?: tf.Tensor3D;
  /** Also return every hidden state (embedding output, each layer but the last, final LayerNorm). */
  outputHiddenStates?: boolean;
  /** Apply the config's dropouts (training mode). Off by default, like `model.eval()`. */
  training?: boolean;
  /**
   * Keep only each layer's input for the backward pass and recompute the layer there (activation
   * checkpointing, torch's `checkpoint`): the tape then holds `B·T·d` per layer instead of every
   * intermediate. Costs one more forward of the body per step. Needs the dropouts off.
   */
  recomputeLayers?: boolean;
}

export interface XglmHiddenOutput {
  /** `[B, T, d]` after the final LayerNorm: put task heads on this. */
  lastHiddenState: tf.Tensor3D;
  /** `num_layers + 1` tensors `[B, T, d]`, as HF's `hidden_states`, when asked for. */
  hiddenStates?: tf.Tensor3D[];
}

export interface XglmOutput extends XglmHiddenOutput {
  /** `[B, T, vocab]` from the tied LM head. */
  logits: tf.Tensor3D;
}

/** The HF parameter names of an XGLM decoder, in HF's `named_parameters()` order. */
export function xglmParameterShapes(c: XglmConfig): Map<string, number[]> {
  const d = c.d_model;
  const shapes = new Map<string, number[]>([['model.embed_tokens.weight', [c.vocab_size, d]]]);
  for (let l = 0; l < c.num_layers; l++) {
    const p = `model.layers.${l}.`;
    for (const proj of ['k_proj', 'v_proj', 'q_proj', 'out_proj']) {
      shapes.set(`${p}self_attn.${proj}.weight`, [d, d]);
      shapes.set(`${p}self_attn.${proj}.bias`, [d]);
    }
    shapes.set(`${p}self_attn_layer_norm.weight`, [d]);
    shapes.set(`${p}self_attn_layer_norm.bias`, [d]);
    shapes.set(`${p}fc1.weight`, [c.ffn_dim, d]);
    shapes.set(`${p}fc1.bias`, [c.ffn_dim]);
    shapes.set(`${p}fc2.weight`, [d, c.ffn_dim]);
    shapes.set(`${p}fc2.bias`, [d]);
    shapes.set(`${p}final_layer_norm.weight`, [d]);
    shapes.set(`${p}final_layer_norm.bias`, [d]);
  }
  shapes.set('model.layer_norm.weight', [d]);
  shapes.set('model.layer_norm.bias', [d]);
  if (!c.tie_word_embeddings) shapes.set('lm_head.weight', [c.vocab_size, d]);
  return shapes;
}

export interface XglmSaveOptions {
  /** Store weights as F32 (default), F16 or BF16. */
  dtype?: FloatStorageDtype;
  /** Shard above this many bytes of tensor data (default 5 GB, HF's `max_shard_size`). */
  maxShardSize?: number;
}

/**
 * How XGLM checkpoints map onto the parameters, as transformers' `XGLMForCausalLM` loads them:
 * the `model.` prefix may be absent (a bare `XGLMModel`), the sinusoidal `embed_positions` buffers
 * are recomputed, and a stored `lm_head.weight` is dropped when the head is tied to the embeddings.
 */
export function xglmKeyOptions(c: XglmConfig): KeyMatchOptions {
  return {
    basePrefix: 'model.',
    ignoreUnexpected: [/(^|\.)embed_positions\./, ...(c.tie_word_embeddings ? [/^lm_head\.weight$/] : [])],
  };
}

/**
 * HF `XGLMForCausalLM` in TensorFlow.js: scaled token embeddings + sinusoidal positions, pre-LN
 * decoder layers, final LayerNorm, LM head tied to the embeddings. Parameters are `tf.Variable`s
 * keyed by HF names, so checkpoints load and save by name.
 */
export class XglmModel {
  readonly config: XglmConfig;
  /** HF name → variable. All trainable unless a tuning method freezes them. */
  readonly parameters: Map<string, tf.Variable>;
  private readonly positions: tf.Tensor2D;

  private constructor(config: XglmConfig, parameters: Map<string, tf.Variable>) {
    this.config = config;
    this.parameters = parameters;
    const rows = config.max_position_embeddings + POSITION_OFFSET;
    this.positions = tf.keep(tf.tensor2d(sinusoidalTable(rows, config.d_model, config.pad_token_id), [rows, config.d_model]));
  }

  /** Random init as HF's `_init_weights`: N(0, init_std) weights, zero biases, unit LayerNorms, zero padding row. */
  static random(config: XglmConfig, seed = 0): XglmModel {
    const c = parseXglmConfig(config);
    const std = typeof c.init_std === 'number' ? c.init_std : 0.02;
    const params = new Map<string, tf.Variable>();
    let i = 0;
    for (const [name, shape] of xglmParameterShapes(c)) {
      const init = tf.tidy(() => {
        if (name.endsWith('layer_norm.weight')) return tf.ones(shape);
        if (name.endsWith('.bias')) return tf.zeros(shape);
        const w = tf.randomNormal(shape, 0, std, 'float32', seed * 1000 + i);
        if (name === 'model.embed_tokens.weight' && c.pad_token_id < c.vocab_size) {
          const keep = tf.tensor1d(Array.from({ length: c.vocab_size }, (_, r) => (r === c.pad_token_id ? 0 : 1))).reshape([-1, 1]);
          return tf.mul(w, keep);
        }
        return w;
      });
      params.set(name, tf.variable(init, true));
      init.dispose();
      i++;
    }
    return new XglmModel(c, params);
  }

  /** Build from named tensors (HF names; a bare `XGLMModel` checkpoint without `model.` also loads). */
  static fromTensors(config: XglmConfig, tensors: Map<string, SafeTensor>, file = '<tensors>'): XglmModel {
    const c = parseXglmConfig(config, file);
    const { variables } = readIntoVariables(memoryCheckpointReader(tensors, file), file, xglmParameterShapes(c), xglmKeyOptions(c));
    return new XglmModel(c, variables);
  }

  /**
   * Load an HF model folder: `config.json` plus whichever weights it holds (`model.safetensors`,
   * `model.safetensors.index.json` + shards, `pytorch_model.bin`, `pytorch_model.bin.index.json` +
   * shards, in that order of preference), read tensor by tensor. Names and shapes are checked
   * against config.json first: missing or mis-shaped tensors are one error listing them all;
   * tensors the model does not use go to `onWarning`.
   */
  static fromPretrained(dir: string, options: Pick<LoadWeightsOptions, 'onWarning'> = {}): XglmModel {
    const c = loadXglmConfig(dir);
    return new XglmModel(c, loadFolderIntoVariables(dir, xglmParameterShapes(c), { ...xglmKeyOptions(c), ...options }));
  }

  /**
   * Write `config.json` + the weights as `save_pretrained` does: `model.safetensors`, or shards plus
   * `model.safetensors.index.json` past `maxShardSize` (default 5 GB). The tied LM head is not
   * stored. Tensors stream from the variables one at a time; the weight files appear as a whole set.
   * `dtype` F16/BF16 rounds to nearest even, as torch's cast, and records `torch_dtype`.
   */
  save(dir: string, options: XglmSaveOptions = {}): void {
    const tensors = new Map<string, LazyTensorToWrite>();
    for (const [name, v] of this.parameters) tensors.set(name, { shape: v.shape, kind: 'float32', data: () => v.dataSync() as Float32Array });
    saveSafetensorsSharded(dir, tensors, { metadata: { format: 'pt' }, dtype: options.dtype, maxShardSize: options.maxShardSize });
    const torchDtype = options.dtype === 'F16' ? { torch_dtype: 'float16' } : options.dtype === 'BF16' ? { torch_dtype: 'bfloat16' } : {};
    writeFileAtomic(join(dir, 'config.json'), `${JSON.stringify({ architectures: ['XGLMForCausalLM'], ...this.config, ...torchDtype }, null, 2)}\n`);
  }

  /** Token embeddings times √d_model (HF's `embed_tokens` output). The padding row gets no gradient, as in torch. */
  embed(inputIds: tf.Tensor2D): tf.Tensor3D {
    return tf.tidy(() => {
      const table = this.param('model.embed_tokens.weight');
      const ids = tf.cast(inputIds, 'int32');
      const keep = tf.cast(tf.expandDims(tf.notEqual(ids, this.config.pad_token_id), -1), 'float32') as tf.Tensor3D; // [B, T, 1]
      const e = _padRowNoGrad(tf.gather(table, ids) as tf.Tensor3D, keep);
      return this.config.scale_embedding ? tf.mul(e, Math.sqrt(this.config.d_model)) : e;
    });
  }

  /** Decoder without the LM head: what token-classification heads need. */
  hidden(input: XglmInput): XglmHiddenOutput {
    const c = this.config;
    const embeds = input.inputsEmbeds ?? (input.inputIds ? this.embed(input.inputIds) : undefined);
    if (embeds === undefined) throw new InvalidOptionError('XGLM forward needs inputIds or inputsEmbeds', { field: 'inputIds' });
    const [batch, t, d] = embeds.shape;
    if (t > c.max_position_embeddings) throw new InvalidOptionError(`sequence of ${t} tokens is longer than the model's positions`, { field: 'inputIds', expected: `at most max_position_embeddings = ${c.max_position_embeddings} tokens` });
    const training = input.training === true;
    const drop = (x: tf.Tensor2D, rate: number): tf.Tensor2D => (training && rate > 0 ? (tf.dropout(x, rate) as tf.Tensor2D) : x);
    // Where batched products are slow (wasm's XNNPACK engine), attention runs per (batch, head).
    const perHead = !backendCapabilities().fastBatchedMatMul;
    const mask = input.attentionMask ?? tf.ones([batch, t], 'int32');
    const bias = attentionBias(mask as tf.Tensor2D);
    const biasRows = perHead ? (tf.unstack(bias) as tf.Tensor2D[]) : [];
    const pos = tf.slice(this.positions, [POSITION_OFFSET, 0], [t, d]);
    let h = tf.reshape(tf.add(embeds, pos), [batch * t, d]) as tf.Tensor2D;
    h = drop(h, c.dropout);
    const states: tf.Tensor3D[] = [];
    const act = c.activation_function === 'relu' ? tf.relu : c.activation_function === 'gelu_new' ? geluTanh : gelu;
    const recompute = input.recomputeLayers === true;
    const inference = !_recordingGradients();
    if (recompute && training && (c.dropout > 0 || c.attention_dropout > 0 || c.activation_dropout > 0)) {
      // A recomputed layer would draw new dropout masks in the backward pass.
      throw new InvalidOptionError('recomputeLayers needs the dropouts off', { field: 'recomputeLayers', expected: 'training: false, or a config with zero dropout' });
    }
    for (let l = 0; l < c.num_layers; l++) {
      if (input.outputHiddenStates) states.push(tf.reshape(h, [batch, t, d]));
      const run = (x: tf.Tensor2D, p: (n: string) => tf.Tensor, bias: tf.Tensor3D, biasRows: tf.Tensor2D[]): tf.Tensor2D => {
        const ln = layerNorm(x, p('self_attn_layer_norm.weight') as tf.Tensor1D, p('self_attn_layer_norm.bias') as tf.Tensor1D, c.layer_norm_eps);
        const proj = (n: string): tf.Tensor2D => linear(ln, p(`self_attn.${n}.weight`) as tf.Tensor2D, p(`self_attn.${n}.bias`) as tf.Tensor1D);
        // The batch comes from the bias: a recomputed layer's backward runs on slices of the batch.
        const ctx = multiHeadAttention(proj('q_proj'), proj('k_proj'), proj('v_proj'), bias, biasRows, bias.shape[0], c.attention_heads, perHead, training ? c.attention_dropout : 0);
        const mid = tf.add(x, drop(linear(ctx, p('self_attn.out_proj.weight') as tf.Tensor2D, p('self_attn.out_proj.bias') as tf.Tensor1D), c.dropout)) as tf.Tensor2D;
        const y = layerNorm(mid, p('final_layer_norm.weight') as tf.Tensor1D, p('final_layer_norm.bias') as tf.Tensor1D, c.layer_norm_eps);
        const f = drop(act(linear(y, p('fc1.weight') as tf.Tensor2D, p('fc1.bias') as tf.Tensor1D)) as tf.Tensor2D, c.activation_dropout);
        return tf.add(mid, drop(linear(f, p('fc2.weight') as tf.Tensor2D, p('fc2.bias') as tf.Tensor1D), c.dropout)) as tf.Tensor2D;
      };
      const prefix = `model.layers.${l}.`;
      const x = h;
      h = recompute
        ? _recomputed(x, bias, perHead, [...this.parameters].filter(([n]) => n.startsWith(prefix)), prefix, run)
        : inference
          ? tf.tidy(() => run(x, (n) => this.param(prefix + n), bias, biasRows)) // nothing needs the layer's temporaries
          : run(x, (n) => this.param(prefix + n), bias, biasRows);
    }
    h = layerNorm(h, this.param('model.layer_norm.weight') as tf.Tensor1D, this.param('model.layer_norm.bias') as tf.Tensor1D, c.layer_norm_eps);
    const last = tf.reshape(h, [batch, t, d]) as tf.Tensor3D;
    if (input.outputHiddenStates) states.push(last);
    return input.outputHiddenStates ? { lastHiddenState: last, hiddenStates: states } : { lastHiddenState: last };
  }

  /** Full causal-LM forward: hidden states through the (tied) LM head. Call inside `tf.tidy`. */
  forward(input: XglmInput): XglmOutput {
    const out = this.hidden(input);
    return { ...out, logits: this.lmHead(out.lastHiddenState) };
  }

  /**
   * `h @ E^T` through matMul's flag: the backend's kernel transposes (XNNPACK) or needn't (BLAS),
   * and the gradient `dh = g·E` needs no transpose at all.
   */
  lmHead(h: tf.Tensor3D): tf.Tensor3D {
    const [b, t, d] = h.shape;
    return tf.reshape(tf.matMul(tf.reshape(h, [b * t, d]), this.lmHeadWeight(), false, true), [b, t, this.config.vocab_size]);
  }

  /** The `[vocab, d]` output matrix: the token embeddings when tied (XGLM), else `lm_head.weight`. */
  lmHeadWeight(): tf.Variable<tf.Rank.R2> {
    return this.param(this.config.tie_word_embeddings ? 'model.embed_tokens.weight' : 'lm_head.weight') as tf.Variable<tf.Rank.R2>;
  }

  /**
   * `causalLmLoss(forward(…).logits, labels)` without the `[B, T, vocab]` logits: the head runs only
   * at positions whose next label counts, in vocabulary chunks (`lm-head.ts`). The output matrix
   * gets a gradient only while it is trainable. `hidden` is `forward`'s `lastHiddenState`, aligned
   * with `labels` `[B, T]`. Call inside `tf.tidy`.
   */
  lmLoss(hidden: tf.Tensor3D, labels: tf.Tensor2D, options: LmHeadOptions = {}): tf.Scalar {
    const [b, t, d] = hidden.shape;
    const { rows, targets } = shiftedTargets(labels);
    if (rows.length === 0) return tf.mul(tf.sum(hidden), 0) as tf.Scalar; // as crossEntropy: 0 with nothing to score
    const h = tf.gather(tf.reshape(hidden, [b * t, d]), tf.tensor1d(rows, 'int32')) as tf.Tensor2D;
    const table = this.lmHeadWeight();
    return chunkedLmLoss(h, table, tf.tensor1d(targets, 'int32'), { ...options, tableGrad: table.trainable });
  }

  /** Every parameter, in HF order. */
  variables(): tf.Variable[] {
    return [...this.parameters.values()];
  }

  numParameters(): number {
    let n = 0;
    for (const v of this.parameters.values()) n += v.size;
    return n;
  }

  param(name: string): tf.Variable {
    const v = this.parameters.get(name);
    if (v === undefined) throw new InvalidOptionError(`no parameter ${name}`, { field: 'name', expected: 'an HF parameter name of this model' });
    return v;
  }

  dispose(): void {
    for (const v of this.parameters.values()) v.dispose();
    this.positions.dispose();
  }
}

/**
 * `run(h)` as one op whose backward recomputes it: the forward keeps only `h` (tfjs records none of
 * the layer's intermediates inside a custom gradient), the backward runs the layer again under
 * `tf.grads`. Trainable parameters are inputs and get gradients; frozen ones are read directly, so
 * no gradient is made for them.
 */
function _recomputed(
  h: tf.Tensor2D,
  bias: tf.Tensor3D,
  perHead: boolean,
  params: [string, tf.Variable][],
  prefix: string,
  run: (x: tf.Tensor2D, p: (n: string) => tf.Tensor, bias: tf.Tensor3D, biasRows: tf.Tensor2D[]) => tf.Tensor2D,
): tf.Tensor2D {
  const trainable = params.filter(([, v]) => v.trainable);
  const frozen = new Map(params.filter(([, v]) => !v.trainable).map(([n, v]) => [n.slice(prefix.length), v as tf.Tensor]));
  const names = trainable.map(([n]) => n.slice(prefix.length));
  // The mask bias is an input too: the forward's own tensors are gone by the time the backward runs.
  const layer = (x: tf.Tensor2D, b: tf.Tensor3D, ps: tf.Tensor[]): tf.Tensor2D => {
    const given = new Map(names.map((n, i) => [n, ps[i]!]));
    return run(x, (n) => given.get(n) ?? frozen.get(n)!, b, perHead ? (tf.unstack(b) as tf.Tensor2D[]) : []);
  };
  const f = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = args.pop() as tf.GradSaveFunc;
    const [x, b, ...ps] = args as tf.Tensor[];
    save([x!, b!]);
    return {
      value: layer(x as tf.Tensor2D, b as tf.Tensor3D, ps),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sb] = saved as [tf.Tensor2D, tf.Tensor3D];
        // Sequences are independent in a layer, so its backward runs RECOMPUTE_SEQUENCES at a
        // time: the layer's intermediates exist for that slice only (exact: slices' gradients add).
        const [batch, t] = sb.shape;
        const d = sx.shape[1];
        const dxs: tf.Tensor[] = [];
        let dps: tf.Tensor[] | undefined;
        for (let b0 = 0; b0 < batch; b0 += RECOMPUTE_SEQUENCES) {
          const n = Math.min(RECOMPUTE_SEQUENCES, batch - b0);
          const part = tf.tidy(() => {
            const bias = tf.slice(sb, [b0, 0, 0], [n, t, t]) as tf.Tensor3D;
            const rows = (x: tf.Tensor): tf.Tensor2D => tf.slice(x, [b0 * t, 0], [n * t, d]) as tf.Tensor2D;
            return _gradsInBackward((...xs) => layer(xs[0] as tf.Tensor2D, bias, xs.slice(1)), [rows(sx), ...ps], rows(dy));
          });
          dxs.push(part[0]!);
          if (dps === undefined) dps = part.slice(1);
          else {
            const summed = dps.map((g, i) => tf.add(g, part[i + 1]!));
            tf.dispose([...dps, ...part.slice(1)]);
            dps = summed;
          }
        }
        const dx = dxs.length === 1 ? dxs[0]! : tf.concat(dxs, 0);
        if (dxs.length > 1) tf.dispose(dxs);
        return [dx, tf.zerosLike(sb), ...(dps ?? [])];
      },
    };
  });
  return f(h, bias, ...trainable.map(([, v]) => v as tf.Tensor)) as tf.Tensor2D;
}

/** Sequences per slice of a recomputed layer's backward pass (bounds its intermediates). */
export const RECOMPUTE_SEQUENCES = 2;

/** True while a gradient tape records (inside `tf.grads`/`variableGrads`' forward). */
function _recordingGradients(): boolean {
  return ((tf.engine() as unknown as { state: { gradientDepth: number } }).state.gradientDepth ?? 0) > 0;
}

/**
 * `tf.grads` called from inside a backward pass. tfjs 4.22 ends every top-level `gradients` call by
 * setting the engine's active tape to null, which the outer backward still reads when it finishes;
 * keep the outer tape and put it back.
 */
function _gradsInBackward(fn: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[], dy: tf.Tensor): tf.Tensor[] {
  const state = (tf.engine() as unknown as { state: { activeTape: unknown } }).state;
  const outer = state.activeTape;
  try {
    return tf.grads(fn)(xs, dy);
  } finally {
    state.activeTape = outer;
  }
}

/** Identity on embedding rows whose gradient is zeroed where `keep` is 0 (torch's `padding_idx`). */
const _padRowNoGrad = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const [rows, keep, save] = args as [tf.Tensor3D, tf.Tensor3D, tf.GradSaveFunc];
  save([keep]);
  return {
    value: tf.clone(rows),
    gradFunc: (dy: tf.Tensor3D, saved: tf.Tensor[]) => [tf.mul(dy, saved[0]), tf.zerosLike(saved[0])],
  };
}) as (rows: tf.Tensor3D, keep: tf.Tensor3D) => tf.Tensor3D;

/** Flat rows `b·T + t` whose next label `labels[b, t+1]` is not -100, and those labels. */
export function shiftedTargets(labels: tf.Tensor2D): { rows: number[]; targets: number[] } {
  const [b, t] = labels.shape;
  const lab = labels.dataSync();
  const rows: number[] = [];
  const targets: number[] = [];
  for (let i = 0; i < b; i++) {
    for (let j = 0; j + 1 < t; j++) {
      const next = lab[i * t + j + 1]!;
      if (next !== -100) {
        rows.push(i * t + j);
        targets.push(next);
      }
    }
  }
  return { rows, targets };
}

/**
 * HF's causal-LM loss: logits at t predict labels at t+1; label -100 is ignored; mean over the
 * remaining positions (0 when none). `labels` is `[B, T]` int32.
 */
export function causalLmLoss(logits: tf.Tensor3D, labels: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const [b, t, v] = logits.shape;
    // Shift the labels, not the logits: position t is scored against label t+1, the last against
    // nothing (-100). Same loss as HF's shift, without copying the logits.
    const lab = tf.cast(labels, 'int32');
    const target = tf.concat([tf.slice(lab, [0, 1], [b, t - 1]), tf.fill([b, 1], -100, 'int32')], 1);
    return crossEntropy(tf.reshape(logits, [b * t, v]), tf.reshape(target, [b * t]));
  });
}
