import { z } from 'zod';
import { InvalidOptionError } from '../../../errors.js';

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
  const parsed = FullFineTuningConfigSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidOptionError(`invalid full fine-tuning config: ${issue?.message ?? 'unknown problem'}`, { file, field: issue?.path.join('.') });
  }
  return parsed.data;
}
