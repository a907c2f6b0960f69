import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { BadInputError } from '../../errors.js';
import { parseWithSchema } from '../../util/parse-schema.js';

/**
 * The fields of an HF `XGLMConfig` (`config.json`) that the architecture needs, with HF's names and
 * defaults. Unknown keys pass through untouched so that `save` writes back what it read.
 */
export const XglmConfigSchema = z
  .object({
    model_type: z.literal('xglm').default('xglm'),
    vocab_size: z.number().int().positive(),
    d_model: z.number().int().positive(),
    num_layers: z.number().int().positive(),
    attention_heads: z.number().int().positive(),
    ffn_dim: z.number().int().positive(),
    max_position_embeddings: z.number().int().positive().default(2048),
    activation_function: z.enum(['gelu', 'relu', 'gelu_new']).default('gelu'),
    scale_embedding: z.boolean().default(true),
    tie_word_embeddings: z.boolean().default(true),
    dropout: z.number().min(0).max(1).default(0.1),
    attention_dropout: z.number().min(0).max(1).default(0.1),
    activation_dropout: z.number().min(0).max(1).default(0),
    layer_norm_eps: z.number().positive().default(1e-5),
    pad_token_id: z.number().int().nonnegative().default(1),
    bos_token_id: z.number().int().nonnegative().default(0),
    eos_token_id: z.number().int().nonnegative().default(2),
  })
  .loose()
  .superRefine((c, ctx) => {
    if (c.d_model % c.attention_heads !== 0) {
      ctx.addIssue({ code: 'custom', path: ['attention_heads'], message: `d_model ${c.d_model} must be divisible by attention_heads ${c.attention_heads}` });
    }
  });

export type XglmConfig = z.infer<typeof XglmConfigSchema>;

/** Parse plain data (e.g. a parsed `config.json`) into a typed config; `file` names the source in errors. */
export function parseXglmConfig(data: unknown, file?: string): XglmConfig {
  return parseWithSchema(XglmConfigSchema, data, (message, field) =>
    new BadInputError(`invalid XGLM config: ${message}`, {
      file,
      field,
      expected: 'an HF XGLMConfig (vocab_size, d_model, num_layers, attention_heads, ffn_dim …)',
    }));
}

/** Read `<dir>/config.json`. */
export function loadXglmConfig(dir: string): XglmConfig {
  const file = join(dir, 'config.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new BadInputError('cannot read model config', { file, expected: 'a config.json beside model.safetensors', cause });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new BadInputError('config is not valid JSON', { file, cause });
  }
  return parseXglmConfig(data, file);
}

/** Number of parameters the architecture has (LM head tied, so not counted twice). */
export function countXglmParameters(c: XglmConfig): number {
  const d = c.d_model;
  const perLayer = 4 * (d * d + d) + 2 * (2 * d) + (c.ffn_dim * d + c.ffn_dim) + (d * c.ffn_dim + d);
  return c.vocab_size * d + c.num_layers * perLayer + 2 * d + (c.tie_word_embeddings ? 0 : c.vocab_size * d);
}
