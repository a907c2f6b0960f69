import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { goldenPath } from '../../helpers/shared.js';

/** Shared by the tuning tests: golden-file loading and the relative L2 distance they assert on. */
export interface XglmGolden {
  input_ids: number[][];
  attention_mask: number[][];
  logits: number[][][];
  hidden_states: number[][][][];
  loss: number;
  grads: Record<string, number[] | number[][]>;
  param_names: string[];
}

export interface PeftGolden {
  num_virtual_tokens: number;
  input_ids: number[][];
  attention_mask: number[][];
  prompt_embeddings: number[][];
  prompt_grad: number[][];
  loss: number;
  logits: number[][][];
}

export const TINY_DIR = goldenPath('tiny-xglm');
export const PROMPT_DIR = goldenPath('tiny-xglm-prompt');

export function loadXglmGolden(): XglmGolden {
  return JSON.parse(readFileSync(goldenPath('tiny-xglm-golden.json'), 'utf8')) as XglmGolden;
}

export function loadPeftGolden(): PeftGolden {
  return JSON.parse(readFileSync(goldenPath('peft-prompt-golden.json'), 'utf8')) as PeftGolden;
}

/** ‖a − b‖₂ / ‖b‖₂ over all elements (b is the reference). */
export function relL2(actual: tf.Tensor | ArrayLike<number>, expected: unknown): number {
  const a = actual instanceof tf.Tensor ? actual.dataSync() : actual;
  const b = (expected as number[]).flat(Infinity as 1) as number[];
  if (a.length !== b.length) throw new RangeError(`length ${a.length} vs expected ${b.length}`);
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / den);
}
