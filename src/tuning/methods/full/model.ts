import type * as tf from '@tensorflow/tfjs';
import type { XglmInput, XglmModel, XglmOutput } from '../../xglm/model.js';
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

  /** Save the tuned model as an HF checkpoint. */
  save(dir: string): void {
    this.base.save(dir);
  }
}
