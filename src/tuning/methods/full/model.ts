import { readJsonFile } from '../../../util/json-file.js';
import * as tf from '@tensorflow/tfjs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../../util/atomic-write.js';
import { assignFolderIntoVariables } from '../../checkpoint/load-variables.js';
import { type XglmInput, type XglmModel, type XglmOutput, type XglmSaveOptions, xglmKeyOptions } from '../../xglm/model.js';
import { type FullFineTuningConfig, type FullFineTuningConfigInput, parseFullFineTuningConfig } from './config.js';

const EMBEDDINGS = 'model.embed_tokens.weight';

/** The method's config beside the weights (config.json is the model's own), as PEFT keeps `adapter_config.json`. */
export const FULL_CONFIG_FILE = 'full_finetuning_config.json';

/** Full fine-tuning of an XGLM model: the model itself, with (nearly) every parameter trainable. */
export class FullFineTuningModel {
  readonly base: XglmModel;
  readonly config: FullFineTuningConfig;

  constructor(base: XglmModel, config: FullFineTuningConfigInput | FullFineTuningConfig = {}) {
    this.base = base;
    this.config = parseFullFineTuningConfig(config);
    for (const [name, v] of base.parameters) v.trainable = !(this.config.freeze_embeddings && name === EMBEDDINGS);
  }

  /** Name → variable of what trains (HF names), for the optimiser and checkpoints. */
  trainableParameters(): Map<string, tf.Variable> {
    return new Map([...this.base.parameters].filter(([, v]) => v.trainable));
  }

  trainableVariables(): tf.Variable[] {
    return [...this.trainableParameters().values()];
  }

  numTrainableParameters(): number {
    let n = 0;
    for (const v of this.trainableVariables()) n += v.size;
    return n;
  }

  /** The base model's last hidden state `[B, T, d]` (nothing is prepended). Call inside `tf.tidy`. */
  hidden(input: XglmInput): tf.Tensor3D {
    return this.base.hidden(input).lastHiddenState;
  }

  /** Nothing was added to drop. */
  dropAdded<T extends tf.Tensor>(x: T): T {
    return x;
  }

  /** Same as the base model's forward. Call inside `tf.tidy`. */
  forward(input: XglmInput): XglmOutput {
    return this.base.forward(input);
  }

  /** Labels line up with the model's positions already (nothing is prepended). */
  alignLabels(labels: tf.Tensor2D): tf.Tensor2D {
    return tf.clone(labels);
  }

  /** Save the tuned model as an HF checkpoint (streamed, sharded past 5 GB; see `XglmModel.save`) with its method config beside it. */
  save(dir: string, options?: XglmSaveOptions): void {
    this.base.save(dir, options);
    this.saveConfig(dir);
  }

  /** Write `full_finetuning_config.json`: what trained (e.g. whether the embeddings stayed frozen). */
  saveConfig(dir: string): void {
    writeFullConfig(dir, this.config);
  }

  /**
   * Load a checkpoint `save` wrote into `base`'s variables (same architecture), e.g. to resume.
   * The method config is `config` when given, else the folder's `full_finetuning_config.json`, else the defaults.
   */
  static load(base: XglmModel, dir: string, config?: FullFineTuningConfigInput): FullFineTuningModel {
    // Any form the folder holds, checked against the base model's shapes, read tensor by tensor.
    assignFolderIntoVariables(dir, base.parameters, { ...xglmKeyOptions(base.config), against: 'the base model' });
    return new FullFineTuningModel(base, config ?? readFullConfig(dir) ?? {});
  }

  /** The base model belongs to the caller; nothing of our own to free. */
  dispose(): void {}
}

/** Write `config` as the folder's `full_finetuning_config.json`. */
export function writeFullConfig(dir: string, config: FullFineTuningConfig): void {
  writeFileAtomic(join(dir, FULL_CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`);
}

/** The folder's `full_finetuning_config.json`, or undefined when it has none (an HF folder from elsewhere). */
export function readFullConfig(dir: string): FullFineTuningConfig | undefined {
  const file = join(dir, FULL_CONFIG_FILE);
  if (!existsSync(file)) return undefined;
  const data = readJsonFile(file, `full fine-tuning config (${FULL_CONFIG_FILE}, written by FullFineTuningModel.save)`);
  return parseFullFineTuningConfig(data, file);
}
