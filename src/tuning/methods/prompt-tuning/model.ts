import { readJsonFile } from '../../../util/json-file.js';
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { BadInputError, InvalidOptionError } from '../../../errors.js';
import type { Tokenizer } from '../../../tokenizers/types.js';
import { writeFileAtomic } from '../../../util/atomic-write.js';
import { loadSafetensors } from '../../safetensors/read.js';
import { saveSafetensors } from '../../safetensors/write.js';
import { CheckpointMismatchError } from '../../xglm/errors.js';
import type { XglmInput, XglmModel, XglmOutput } from '../../xglm/model.js';
import { type PromptTuningConfig, type PromptTuningConfigInput, parsePromptTuningConfig } from './config.js';

/** PEFT's file names and the tensor name it stores the soft prompt under. */
export const ADAPTER_CONFIG_FILE = 'adapter_config.json';
export const ADAPTER_WEIGHTS_FILE = 'adapter_model.safetensors';
export const PROMPT_TENSOR_NAME = 'prompt_embeddings';

export interface PromptTuningOptions {
  /** Seed for RANDOM / SAMPLE_VOCAB init. */
  seed?: number;
  /** Required for TEXT init: encodes `prompt_tuning_init_text` (special tokens added, as PEFT's tokenizer call does). */
  tokenizer?: Tokenizer;
  /** Start from these values instead (`[n, d]` row-major), e.g. a saved adapter. */
  initialValues?: Float32Array;
}

/**
 * PEFT prompt tuning for a causal LM: `num_virtual_tokens` trainable vectors prepended to the input
 * embeddings; attention mask extended with ones and labels with -100 for them; the base model
 * frozen. Logits and hidden states keep the virtual positions, as PEFT returns them.
 */
export class PromptTuningModel {
  readonly base: XglmModel;
  readonly config: PromptTuningConfig;
  /** `[num_virtual_tokens, d_model]`, the only trainable tensor. */
  readonly promptEmbeddings: tf.Variable;

  constructor(base: XglmModel, config: PromptTuningConfigInput | PromptTuningConfig, options: PromptTuningOptions = {}) {
    const c = parsePromptTuningConfig(config);
    const d = base.config.d_model;
    if (c.token_dim != null && c.token_dim !== d) {
      throw new InvalidOptionError(`prompt token_dim ${c.token_dim} does not match the model's d_model ${d}`, { field: 'token_dim', expected: String(d) });
    }
    this.base = base;
    this.config = { ...c, token_dim: d, num_layers: c.num_layers ?? base.config.num_layers, num_attention_heads: c.num_attention_heads ?? base.config.attention_heads };
    const n = this.totalVirtualTokens;
    const init = options.initialValues ? tf.tensor2d(options.initialValues, [n, d]) : this._initialise(options);
    this.promptEmbeddings = tf.variable(init, true);
    init.dispose();
    // PEFT freezes the base model: only the prompt gets gradients.
    for (const v of base.parameters.values()) v.trainable = false;
  }

  /** Virtual tokens across transformer submodules (1 for a decoder-only model). */
  get totalVirtualTokens(): number {
    return this.config.num_virtual_tokens * (this.config.num_transformer_submodules ?? 1);
  }

  private _initialise(options: PromptTuningOptions): tf.Tensor2D {
    const n = this.totalVirtualTokens;
    const d = this.base.config.d_model;
    const seed = options.seed ?? 0;
    switch (this.config.prompt_tuning_init) {
      case 'RANDOM':
        // torch.nn.Embedding's default init: N(0, 1).
        return tf.randomNormal([n, d], 0, 1, 'float32', seed) as tf.Tensor2D;
      case 'SAMPLE_VOCAB': {
        return tf.tidy(() => {
          const ids = tf.randomUniform([n], 0, this.base.config.vocab_size, 'int32', seed);
          return tf.reshape(this.base.embed(tf.reshape(ids, [1, n]) as tf.Tensor2D), [n, d]) as tf.Tensor2D;
        });
      }
      case 'TEXT': {
        const tokenizer = options.tokenizer;
        if (tokenizer === undefined) {
          throw new InvalidOptionError("prompt_tuning_init='TEXT' needs a tokenizer", { field: 'tokenizer', expected: `the tokenizer ${this.config.tokenizer_name_or_path}` });
        }
        const text = this.config.prompt_tuning_init_text ?? '';
        let ids = Array.from(tokenizer.encode(text, { addSpecialTokens: true }).ids);
        if (ids.length === 0) throw new InvalidOptionError('prompt_tuning_init_text encodes to no tokens', { field: 'prompt_tuning_init_text' });
        // PEFT: truncate, or repeat whole copies, then cut to n.
        if (ids.length < n) ids = Array.from({ length: Math.ceil(n / ids.length) }, () => ids).flat();
        ids = ids.slice(0, n);
        return tf.tidy(() => tf.reshape(this.base.embed(tf.tensor2d([ids], [1, n], 'int32')), [n, d]) as tf.Tensor2D);
      }
    }
  }

  /** `[B, T]` → `[B, n + T]` with ones in front (PEFT's prefix attention mask). */
  extendMask(mask: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.concat([tf.ones([mask.shape[0], this.totalVirtualTokens], mask.dtype), mask], 1) as tf.Tensor2D);
  }

  /** `[B, T]` → `[B, n + T]` with -100 in front, so virtual positions never count in the loss. */
  extendLabels(labels: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.concat([tf.fill([labels.shape[0], this.totalVirtualTokens], -100, 'int32'), tf.cast(labels, 'int32')], 1) as tf.Tensor2D);
  }

  /** Labels for `forward`'s positions: `extendLabels` (method-neutral name for the registry). */
  alignLabels(labels: tf.Tensor2D): tf.Tensor2D {
    return this.extendLabels(labels);
  }

  /** Drop the virtual positions from a `[B, n + T, …]` output (for token-level heads). */
  dropVirtual<T extends tf.Tensor>(x: T): T {
    return tf.slice(x, [0, this.totalVirtualTokens], [-1, -1, ...Array(x.rank - 2).fill(-1)]) as T;
  }

  /** Embeddings with the prompt in front: `[B, n + T, d]`. */
  embedWithPrompt(inputIds: tf.Tensor2D): tf.Tensor3D {
    const b = inputIds.shape[0];
    const prompt = tf.tile(tf.expandDims(this.promptEmbeddings, 0), [b, 1, 1]);
    return tf.concat([prompt, this.base.embed(inputIds)], 1) as tf.Tensor3D;
  }

  /** Method-neutral name of `dropVirtual` (the registry's `TunedModel`). */
  dropAdded<T extends tf.Tensor>(x: T): T {
    return this.dropVirtual(x);
  }

  /** Last hidden state through the frozen model, virtual positions included: `[B, n + T, d]`. Call inside `tf.tidy`. */
  hidden(input: Omit<XglmInput, 'inputsEmbeds'> & { inputIds: tf.Tensor2D }): tf.Tensor3D {
    const mask = input.attentionMask ?? tf.ones(input.inputIds.shape, 'int32');
    return this.base.hidden({
      inputsEmbeds: this.embedWithPrompt(input.inputIds), attentionMask: this.extendMask(mask as tf.Tensor2D),
      training: input.training, recomputeLayers: input.recomputeLayers,
    }).lastHiddenState;
  }

  /** Forward through the frozen model; logits `[B, n + T, vocab]`. Call inside `tf.tidy`. */
  forward(input: Omit<XglmInput, 'inputsEmbeds'> & { inputIds: tf.Tensor2D }): XglmOutput {
    const mask = input.attentionMask ?? tf.ones(input.inputIds.shape, 'int32');
    return this.base.forward({
      inputsEmbeds: this.embedWithPrompt(input.inputIds),
      attentionMask: this.extendMask(mask as tf.Tensor2D),
      outputHiddenStates: input.outputHiddenStates,
      training: input.training,
    });
  }

  /** Name → variable of what trains: only the prompt, under PEFT's tensor name. */
  trainableParameters(): Map<string, tf.Variable> {
    return new Map([[PROMPT_TENSOR_NAME, this.promptEmbeddings]]);
  }

  /** Only the prompt. */
  trainableVariables(): tf.Variable[] {
    return [this.promptEmbeddings];
  }

  numTrainableParameters(): number {
    return this.promptEmbeddings.size;
  }

  /** Write PEFT's `adapter_config.json` + `adapter_model.safetensors`. */
  save(dir: string): void {
    saveSafetensors(join(dir, ADAPTER_WEIGHTS_FILE), {
      [PROMPT_TENSOR_NAME]: { shape: this.promptEmbeddings.shape, data: this.promptEmbeddings.dataSync() as Float32Array },
    });
    const { peft_version: _v, ...rest } = this.config;
    writeFileAtomic(join(dir, ADAPTER_CONFIG_FILE), `${JSON.stringify({ ...rest, inference_mode: true }, null, 2)}\n`);
  }

  /** Load an adapter PEFT (or `save`) wrote, onto `base`. */
  static load(base: XglmModel, dir: string): PromptTuningModel {
    const configFile = join(dir, ADAPTER_CONFIG_FILE);
    const data = readJsonFile(configFile, 'PEFT adapter config');
    const peftType = (data as { peft_type?: unknown })?.peft_type;
    if (peftType !== 'PROMPT_TUNING') {
      throw new BadInputError(`adapter is ${JSON.stringify(peftType)}, not prompt tuning`, { file: configFile, field: 'peft_type', expected: 'PROMPT_TUNING' });
    }
    const config = parsePromptTuningConfig(data, configFile);
    const weightsFile = join(dir, ADAPTER_WEIGHTS_FILE);
    const t = loadSafetensors(weightsFile).tensors.get(PROMPT_TENSOR_NAME);
    const n = config.num_virtual_tokens * (config.num_transformer_submodules ?? 1);
    const d = base.config.d_model;
    if (t === undefined) throw new CheckpointMismatchError(`adapter lacks tensor ${PROMPT_TENSOR_NAME}`, { file: weightsFile, field: PROMPT_TENSOR_NAME });
    if (t.shape.length !== 2 || t.shape[0] !== n || t.shape[1] !== d) {
      throw new CheckpointMismatchError(`${PROMPT_TENSOR_NAME} has shape [${t.shape}]`, { file: weightsFile, field: PROMPT_TENSOR_NAME, expected: `[${n}, ${d}]` });
    }
    return new PromptTuningModel(base, { ...config, inference_mode: false }, { initialValues: Float32Array.from(t.data) });
  }

  dispose(): void {
    this.promptEmbeddings.dispose();
  }
}
