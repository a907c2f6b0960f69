/**
 * `TemplateProcessing` for single sequences: the `single` template's special tokens around
 * sequence A (XGLM: `</s>` then the text). Only applied when special tokens are asked for.
 */
import { z } from 'zod';
import { UnsupportedTokenizerError } from '../../errors.js';
import { child, type JsonAt } from '../json.js';

/** The ids to put before and after the sequence. */
export interface Template {
  before: number[];
  after: number[];
  /** Every id the template's special_tokens table names (for kinds). */
  specialIds: number[];
}

/** One item of a template: the sequence, or a special token named in `special_tokens`. */
const TemplatePieceSchema = z.object({
  Sequence: z.object({ id: z.string() }).optional(),
  SpecialToken: z.object({ id: z.string() }).optional(),
}).refine((p) => (p.Sequence === undefined) !== (p.SpecialToken === undefined), 'a template item is either {"Sequence": …} or {"SpecialToken": …}');

export const TemplateProcessingSchema = z.object({
  type: z.literal('TemplateProcessing'),
  single: z.array(TemplatePieceSchema),
  special_tokens: z.record(z.string(), z.object({ ids: z.array(z.number().int().nonnegative()) })).nullish(),
});

export type TemplateProcessingConfig = z.output<typeof TemplateProcessingSchema>;

export function buildTemplate(config: TemplateProcessingConfig, where: JsonAt): Template {
  const specials = new Map(Object.entries(config.special_tokens ?? {}).map(([name, entry]) => [name, entry.ids] as const));
  const before: number[] = [];
  const after: number[] = [];
  let seen = false;
  for (const piece of config.single) {
    if (piece.SpecialToken === undefined) {
      seen = true;
      continue;
    }
    const name = piece.SpecialToken.id;
    const ids = specials.get(name);
    if (!ids) throw new UnsupportedTokenizerError(`template names special token "${name}" that special_tokens lacks`, { file: where.file, field: child(where, 'special_tokens').path, expected: `an entry for ${name}` });
    (seen ? after : before).push(...ids);
  }
  return { before, after, specialIds: [...new Set([...specials.values()].flat())] };
}
