import { z } from 'zod';
import { InvalidOptionError } from '../../../errors.js';
import { parseWithSchema } from '../../../util/parse-schema.js';

/**
 * Full fine-tuning: every parameter of the model trains. Plain data like the PEFT configs, so a run
 * records what it did; `freeze_embeddings` is the one common variant (keeps the tied embeddings/LM head).
 */
export const FullFineTuningConfigSchema = z.object({
  peft_type: z.literal('FULL').default('FULL'),
  freeze_embeddings: z.boolean().default(false),
});

export type FullFineTuningConfig = z.infer<typeof FullFineTuningConfigSchema>;
export type FullFineTuningConfigInput = z.input<typeof FullFineTuningConfigSchema>;

export function parseFullFineTuningConfig(data: unknown, file?: string): FullFineTuningConfig {
  return parseWithSchema(FullFineTuningConfigSchema, data, (message, field) =>
    new InvalidOptionError(`invalid full fine-tuning config: ${message}`, { file, field }));
}
