import type * as tf from '@tensorflow/tfjs';
import { InvalidOptionError } from '../../errors.js';
import type { Tokenizer } from '../../tokenizers/types.js';
import type { TrainingConfig } from '../training-config.js';
import type { XglmInput, XglmModel, XglmOutput } from '../xglm/model.js';
import { FullFineTuningModel } from './full/model.js';
import { PromptTuningModel } from './prompt-tuning/model.js';

/** What every tuning method gives the training loop, whatever it trains. */
export interface TunedModel {
  readonly base: XglmModel;
  /** Causal-LM forward; logits may include method-added positions (PEFT returns virtual tokens). */
  forward(input: Omit<XglmInput, 'inputsEmbeds'> & { inputIds: tf.Tensor2D }): XglmOutput;
  /** `[B, T]` labels → labels for `forward`'s positions. */
  alignLabels(labels: tf.Tensor2D): tf.Tensor2D;
  /** `[B, T', d]` last hidden state at `forward`'s positions (method-added ones included). */
  hidden(input: Omit<XglmInput, 'inputsEmbeds'> & { inputIds: tf.Tensor2D }): tf.Tensor3D;
  /** `[B, T', …]` → `[B, T, …]`: the real positions only (for token-level heads and scoring). */
  dropAdded<T extends tf.Tensor>(x: T): T;
  /** The method's plain-data config (PEFT-style, with its `peft_type`), as saved beside the weights. */
  readonly config: { readonly peft_type: string };
  trainableParameters(): Map<string, tf.Variable>;
  numTrainableParameters(): number;
  save(dir: string): void;
  dispose(): void;
}

export interface CreateOptions {
  seed?: number;
  tokenizer?: Tokenizer;
}

/** One method: its name in results (`ResultRow.method`), how to build it and how to load what it saved. */
export interface TuningMethodSpec {
  name: string;
  /** The `peft_type` its config carries. */
  peftType: string;
  create(base: XglmModel, config: unknown, options?: CreateOptions): TunedModel;
  load(base: XglmModel, dir: string): TunedModel;
  /** The method's config from the grid's training settings (the one place their names meet PEFT's). */
  configFrom(training: TrainingConfig): unknown;
  /** The peak learning rate of what the method trains. */
  learningRate(training: TrainingConfig): number;
  /** Positions the method adds in front of each sequence (they count against the model's positions). */
  addedPositions(training: TrainingConfig): number;
}

/** PEFT's `register_peft_method`: an explicit list, duplicates refused. */
export function createMethodRegistry(methods: readonly TuningMethodSpec[]): ReadonlyMap<string, TuningMethodSpec> {
  const registry = new Map<string, TuningMethodSpec>();
  const peftTypes = new Set<string>();
  for (const m of methods) {
    if (registry.has(m.name) || peftTypes.has(m.peftType)) {
      throw new InvalidOptionError(`tuning method ${m.name} (${m.peftType}) is registered twice`, { field: 'name', expected: 'unique names and peft types' });
    }
    registry.set(m.name, m);
    peftTypes.add(m.peftType);
  }
  return registry;
}

export const promptTuningMethod: TuningMethodSpec = {
  name: 'prompt',
  peftType: 'PROMPT_TUNING',
  create: (base, config, options) => new PromptTuningModel(base, config as never, options),
  load: (base, dir) => PromptTuningModel.load(base, dir),
  // SAMPLE_VOCAB: the prompt starts as embeddings of random vocabulary ids (PEFT's init of that name).
  configFrom: (t) => ({ num_virtual_tokens: t.virtualTokens, prompt_tuning_init: 'SAMPLE_VOCAB' }),
  learningRate: (t) => t.lrPrompt,
  addedPositions: (t) => t.virtualTokens,
};

export const fullFineTuningMethod: TuningMethodSpec = {
  name: 'finetune',
  peftType: 'FULL',
  create: (base, config) => new FullFineTuningModel(base, (config ?? {}) as never),
  load: (base, dir) => FullFineTuningModel.load(base, dir),
  configFrom: (t) => ({ freeze_embeddings: t.freezeEmbeddings }),
  learningRate: (t) => t.lrFinetune,
  addedPositions: () => 0,
};

/** Every method tokgap can run, by name. */
export const TUNING_METHODS = createMethodRegistry([promptTuningMethod, fullFineTuningMethod]);

export function getTuningMethod(name: string): TuningMethodSpec {
  const m = TUNING_METHODS.get(name);
  if (m === undefined) throw new InvalidOptionError(`unknown tuning method ${JSON.stringify(name)}`, { field: 'method', expected: [...TUNING_METHODS.keys()].join(', ') });
  return m;
}
