import { readJsonFile } from '../../util/json-file.js';
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { BadInputError } from '../../errors.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { loadSafetensors } from '../safetensors/read.js';
import { saveSafetensors } from '../safetensors/write.js';
import { CheckpointMismatchError } from '../xglm/errors.js';
import { crossEntropy } from '../xglm/loss.js';

export const HEAD_CONFIG_FILE = 'head_config.json';
export const HEAD_WEIGHTS_FILE = 'head.safetensors';

export interface LinearHeadConfig {
  hiddenSize: number;
  numLabels: number;
  /** Label names by id (for POS/NER tag sets), saved alongside. */
  labels?: string[];
}

/**
 * A token-classification head on hidden states (`[B, T, d] → [B, T, numLabels]`), HF's
 * `*ForTokenClassification` `classifier` layer: weight `[numLabels, d]`, bias `[numLabels]`.
 * XGLM has no such head in transformers; this is what POS/NER tuning puts on `lastHiddenState`.
 */
export class LinearHead {
  readonly config: LinearHeadConfig;
  readonly parameters: Map<string, tf.Variable>;

  constructor(config: LinearHeadConfig, seed = 0, initStd = 0.02, values?: { weight: Float32Array; bias: Float32Array }) {
    this.config = config;
    const { numLabels: n, hiddenSize: d } = config;
    const w = values ? tf.tensor2d(values.weight, [n, d]) : tf.randomNormal([n, d], 0, initStd, 'float32', seed);
    const b = values ? tf.tensor1d(values.bias) : tf.zeros([n]);
    this.parameters = new Map([
      ['classifier.weight', tf.variable(w, true)],
      ['classifier.bias', tf.variable(b, true)],
    ]);
    tf.dispose([w, b]);
  }

  /** Logits `[B, T, numLabels]`. Call inside `tf.tidy`. */
  apply(hidden: tf.Tensor3D): tf.Tensor3D {
    const [b, t, d] = hidden.shape;
    const w = this.parameters.get('classifier.weight')!;
    const y = tf.add(tf.matMul(tf.reshape(hidden, [b * t, d]), tf.transpose(w)), this.parameters.get('classifier.bias')!);
    return tf.reshape(y, [b, t, this.config.numLabels]);
  }

  variables(): tf.Variable[] {
    return [...this.parameters.values()];
  }

  save(dir: string): void {
    const named: Record<string, { shape: number[]; data: Float32Array }> = {};
    for (const [n, v] of this.parameters) named[n] = { shape: v.shape, data: v.dataSync() as Float32Array };
    saveSafetensors(join(dir, HEAD_WEIGHTS_FILE), named);
    writeFileAtomic(join(dir, HEAD_CONFIG_FILE), `${JSON.stringify({ hidden_size: this.config.hiddenSize, num_labels: this.config.numLabels, labels: this.config.labels ?? null }, null, 2)}\n`);
  }

  static load(dir: string): LinearHead {
    const configFile = join(dir, HEAD_CONFIG_FILE);
    const raw = (readJsonFile(configFile, 'head config') ?? {}) as { hidden_size?: unknown; num_labels?: unknown; labels?: unknown };
    if (!Number.isInteger(raw.hidden_size) || !Number.isInteger(raw.num_labels)) {
      throw new BadInputError('head config needs integer hidden_size and num_labels', { file: configFile, field: 'hidden_size/num_labels' });
    }
    const config: LinearHeadConfig = { hiddenSize: raw.hidden_size as number, numLabels: raw.num_labels as number, ...(Array.isArray(raw.labels) ? { labels: raw.labels as string[] } : {}) };
    const file = join(dir, HEAD_WEIGHTS_FILE);
    const t = loadSafetensors(file).tensors;
    const w = t.get('classifier.weight');
    const b = t.get('classifier.bias');
    if (!w || w.data.length !== config.numLabels * config.hiddenSize || !b || b.data.length !== config.numLabels) {
      throw new CheckpointMismatchError('head weights missing or of the wrong size', { file, field: 'classifier.weight/classifier.bias', expected: `[${config.numLabels}, ${config.hiddenSize}] and [${config.numLabels}]` });
    }
    return new LinearHead(config, 0, 0, { weight: Float32Array.from(w.data), bias: Float32Array.from(b.data) });
  }

  dispose(): void {
    for (const v of this.parameters.values()) v.dispose();
  }
}

/** Mean cross-entropy over labelled tokens (`-100` ignored, no shift): HF token-classification loss. */
export function tokenClassificationLoss(logits: tf.Tensor3D, labels: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const [b, t, n] = logits.shape;
    return crossEntropy(tf.reshape(logits, [b * t, n]), tf.reshape(labels, [b * t]));
  });
}
