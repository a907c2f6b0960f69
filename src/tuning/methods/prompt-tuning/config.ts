import { z } from 'zod';
import { InvalidOptionError } from '../../../errors.js';
import { parseWithSchema } from '../../../util/parse-schema.js';

/** PEFT's `PromptTuningInit`. */
export const PROMPT_TUNING_INITS = ['RANDOM', 'SAMPLE_VOCAB', 'TEXT'] as const;
export type PromptTuningInit = (typeof PROMPT_TUNING_INITS)[number];

/**
 * PEFT's `PromptTuningConfig` as plain data, with PEFT's snake_case keys so `adapter_config.json`
 * round-trips. Cross-field rules are PEFT's `__post_init__` checks: TEXT init needs the init text and
 * a tokenizer; tokenizer kwargs only make sense with TEXT.
 */
export const PromptTuningConfigSchema = z
  .object({
    peft_type: z.literal('PROMPT_TUNING').default('PROMPT_TUNING'),
    task_type: z.string().nullable().default('CAUSAL_LM'),
    num_virtual_tokens: z.number().int().positive(),
    token_dim: z.number().int().positive().nullable().default(null),
    num_transformer_submodules: z.number().int().positive().nullable().default(1),
    num_attention_heads: z.number().int().positive().nullable().default(null),
    num_layers: z.number().int().positive().nullable().default(null),
    prompt_tuning_init: z.enum(PROMPT_TUNING_INITS).default('RANDOM'),
    prompt_tuning_init_text: z.string().nullable().default(null),
    /** For us a tokenizer spec (`xglm:…`, `hf:…`); PEFT stores a hub name or path here. */
    tokenizer_name_or_path: z.string().nullable().default(null),
    tokenizer_kwargs: z.record(z.string(), z.unknown()).nullable().default(null),
    base_model_name_or_path: z.string().nullable().default(null),
    revision: z.string().nullable().default(null),
    inference_mode: z.boolean().default(false),
    auto_mapping: z.unknown().nullable().default(null),
    modules_to_save: z.array(z.string()).nullable().default(null),
    peft_version: z.string().optional(),
  })
  .loose()
  .superRefine((c, ctx) => {
    if (c.prompt_tuning_init === 'TEXT' && !c.tokenizer_name_or_path) {
      ctx.addIssue({ code: 'custom', path: ['tokenizer_name_or_path'], message: "When prompt_tuning_init='TEXT', tokenizer_name_or_path can't be null" });
    }
    if (c.prompt_tuning_init === 'TEXT' && c.prompt_tuning_init_text == null) {
      ctx.addIssue({ code: 'custom', path: ['prompt_tuning_init_text'], message: "When prompt_tuning_init='TEXT', prompt_tuning_init_text can't be null" });
    }
    if (c.tokenizer_kwargs && c.prompt_tuning_init !== 'TEXT') {
      ctx.addIssue({ code: 'custom', path: ['tokenizer_kwargs'], message: "tokenizer_kwargs only valid when using prompt_tuning_init='TEXT'" });
    }
  });

export type PromptTuningConfig = z.infer<typeof PromptTuningConfigSchema>;
/** What callers write: defaults may be left out. */
export type PromptTuningConfigInput = z.input<typeof PromptTuningConfigSchema>;

/** Validate plain data into a config; `file` names the source (e.g. an `adapter_config.json`) in errors. */
export function parsePromptTuningConfig(data: unknown, file?: string): PromptTuningConfig {
  return parseWithSchema(PromptTuningConfigSchema, data, (message, field) =>
    new InvalidOptionError(`invalid prompt-tuning config: ${message}`, { file, field, expected: 'a PEFT PromptTuningConfig' }));
}
