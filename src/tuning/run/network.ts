/**
 * Step 2 of a grid run: the base model and the method on it, created through the method registry
 * (as PEFT's `get_peft_model` does), seen the one way training and scoring need it.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ScoredNetwork } from '../cell-eval.js';
import { getTuningMethod, type TunedModel } from '../methods/registry.js';
import type { TuningMethod } from '../results.js';
import type { TrainingConfig } from '../training-config.js';
import type { XglmConfig } from '../xglm/config.js';
import type { XglmModel } from '../xglm/model.js';

/** The tuned network, whatever the method: real-position outputs, the training loss and what trains. */
export interface TunedNetwork extends ScoredNetwork {
  /** The method as the registry built it (saved through `saveGridCell`). */
  readonly tuned: TunedModel;
  readonly trainable: Map<string, tf.Variable>;
  /** The base model's parameters plus those the method adds (the soft prompt). */
  readonly totalParams: number;
  /**
   * Causal-LM training loss of `[B, T]` labels over every output position; for prompt tuning that is
   * PEFT's loss, with -100 labels in front, so the last virtual position also predicts the first real token.
   */
  lmLoss(ids: tf.Tensor2D, mask: tf.Tensor2D, labels: tf.Tensor2D): tf.Scalar;
  /** Frees the method's tensors and the base model. */
  dispose(): void;
}

/** Build `method` on `base` from the grid's training settings. */
export function buildTunedNetwork(method: TuningMethod, base: XglmModel, training: TrainingConfig, seed: number, recomputeLayers: boolean): TunedNetwork {
  const spec = getTuningMethod(method);
  const tuned = spec.create(base, spec.configFrom(training), { seed });
  const trainable = tuned.trainableParameters();
  const inBase = new Set<tf.Variable>(base.parameters.values());
  const added = [...trainable.values()].filter((v) => !inBase.has(v)).reduce((n, v) => n + v.size, 0);
  const allPositions = (ids: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor3D => tuned.hidden({ inputIds: ids, attentionMask: mask, recomputeLayers });
  return {
    tuned, trainable, totalParams: base.numParameters() + added,
    hidden: (ids, mask) => tuned.dropAdded(allPositions(ids, mask)),
    lmHeadWeight: () => base.lmHeadWeight(),
    // Through the chunked LM head: never a `[B, T, vocab]` logits tensor.
    lmLoss: (ids, mask, labels) => base.lmLoss(allPositions(ids, mask), tuned.alignLabels(labels)),
    dispose: () => { tuned.dispose(); base.dispose(); },
  };
}

/** Token cap per sequence: `maxLength`, leaving room in the model's positions for what the method adds. */
export function sequenceCap(training: TrainingConfig, config: XglmConfig, method: TuningMethod): number {
  return Math.min(training.maxLength, config.max_position_embeddings - addedPositions(training, method));
}

/** Positions `method` prepends to each sequence (the soft prompt; none for fine-tuning). */
export function addedPositions(training: TrainingConfig, method: TuningMethod): number {
  return getTuningMethod(method).addedPositions(training);
}
