/**
 * The small bench shape and its three arms (forward, full-fine-tuning step, prompt-tuning step), one
 * definition for the timing bench (`tuning.ts`) and the per-kernel profile (`tuning-profile.ts`).
 */
import * as tf from '@tensorflow/tfjs';
import { PromptTuningModel } from '../src/tuning/methods/prompt-tuning/model.js';
import { AdamW } from '../src/tuning/optim.js';
import { parseXglmConfig } from '../src/tuning/xglm/config.js';
import { XglmModel, causalLmLoss } from '../src/tuning/xglm/model.js';

export const SHAPE = { vocab: 8000, d: 256, layers: 4, heads: 4, ffn: 1024, batch: 8, seq: 128, virtual: 20 };

export type Mode = 'forward' | 'finetune' | 'prompt';

/** A random model of the bench shape and one step of `mode` on a fixed random batch. */
export function buildArmStep(mode: Mode): () => void {
  const config = parseXglmConfig({
    vocab_size: SHAPE.vocab, d_model: SHAPE.d, num_layers: SHAPE.layers, attention_heads: SHAPE.heads, ffn_dim: SHAPE.ffn,
    max_position_embeddings: 2048, dropout: 0, attention_dropout: 0,
  });
  const model = XglmModel.random(config, 0);
  const ids = tf.randomUniform([SHAPE.batch, SHAPE.seq], 4, SHAPE.vocab, 'int32', 1) as tf.Tensor2D;
  if (mode === 'forward') return () => tf.tidy(() => void model.forward({ inputIds: ids }).logits.dataSync());
  if (mode === 'finetune') {
    const opt = new AdamW(model.parameters, { lr: 1e-4, maxGradNorm: 1 });
    return () => {
      const { value, grads } = tf.variableGrads(() => causalLmLoss(model.forward({ inputIds: ids }).logits, ids), model.variables());
      opt.step(grads);
      tf.dispose([value, grads]);
    };
  }
  const pt = new PromptTuningModel(model, { num_virtual_tokens: SHAPE.virtual }, { seed: 2 });
  const labels = pt.extendLabels(ids);
  const opt = new AdamW(pt.trainableParameters(), { lr: 1e-3, maxGradNorm: 1 });
  return () => {
    const { value, grads } = tf.variableGrads(() => causalLmLoss(pt.forward({ inputIds: ids }).logits, labels), pt.trainableVariables());
    opt.step(grads);
    tf.dispose([value, grads]);
  };
}
