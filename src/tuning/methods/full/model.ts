import * as tf from '@tensorflow/tfjs';
import { assignFolderIntoVariables } from '../../checkpoint/load-variables.js';
import { type XglmInput, type XglmModel, type XglmOutput, type XglmSaveOptions, xglmKeyOptions } from '../../xglm/model.js';
import { type FullFineTuningConfig, type FullFineTuningConfigInput, parseFullFineTuningConfig } from './config.js';

const EMBEDDINGS = 'model.embed_tokens.weight';

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

  /** Same as the base model's forward. Call inside `tf.tidy`. */
  forward(input: XglmInput): XglmOutput {
    return this.base.forward(input);
  }

  /** Labels line up with the model's positions already (nothing is prepended). */
  alignLabels(labels: tf.Tensor2D): tf.Tensor2D {
    return tf.clone(labels);
  }

  /** Save the tuned model as an HF checkpoint (streamed, sharded past 5 GB; see `XglmModel.save`). */
  save(dir: string, options?: XglmSaveOptions): void {
    this.base.save(dir, options);
  }

  /** Load a checkpoint `save` wrote into `base`'s variables (same architecture), e.g. to resume. */
  static load(base: XglmModel, dir: string, config: FullFineTuningConfigInput = {}): FullFineTuningModel {
    // Any form the folder holds, checked against the base model's shapes, read tensor by tensor.
    assignFolderIntoVariables(dir, base.parameters, { ...xglmKeyOptions(base.config), against: 'the base model' });
    return new FullFineTuningModel(base, config);
  }

  /** The base model belongs to the caller; nothing of our own to free. */
  dispose(): void {}
}
