/**
 * Post-processors of our own pipeline: data (`PostProcessorConfigSchema`, a zod union on the
 * `type` tag) and a `buildPostProcessor` step. Only `TemplateProcessing` is implemented (what
 * transformers' SentencePiece converters write); others are a clear error.
 */
import { z } from 'zod';
import type { JsonAt } from '../json.js';
import { buildTemplate, TemplateProcessingSchema, type Template, type TemplateProcessingConfig } from './template.js';

export type { Template } from './template.js';

export const POST_PROCESSOR_TYPES = ['TemplateProcessing'] as const;

/** A post-processor as `tokenizer.json` writes it (the fields this pipeline reads). */
export type PostProcessorConfig = TemplateProcessingConfig;

export const PostProcessorConfigSchema: z.ZodType<PostProcessorConfig> = z.discriminatedUnion('type', [TemplateProcessingSchema]);

/** The special tokens the post-processor puts around a single sequence. */
export function buildPostProcessor(config: PostProcessorConfig, where: JsonAt): Template {
  switch (config.type) {
    case 'TemplateProcessing':
      return buildTemplate(config, where);
    default: {
      const never: never = config.type;
      throw new Error(`unreachable post-processor ${JSON.stringify(never)}`);
    }
  }
}
