/**
 * Pre-tokenizers of our own pipeline: data (`PreTokenizerConfigSchema`, a zod union on the `type`
 * tag) and a `buildPreTokenizer` step, as the HF Rust crate separates them.
 */
import { z } from 'zod';
import type { Aligned } from '../aligned-string.js';
import { parseComponent } from '../components.js';
import { child, type Json, type JsonAt } from '../json.js';
import { metaspacePreTokenize, type PrependScheme } from './metaspace.js';
import { whitespaceSplitPreTokenize } from './whitespace-split.js';

/** Splits one segment of normalized text into pre-tokens; `isFirst` marks the input's first segment. */
export type PreTokenizer = (input: Aligned, isFirst: boolean) => Aligned[];

export const PRE_TOKENIZER_TYPES = ['Sequence', 'Metaspace', 'WhitespaceSplit'] as const;

/** A pre-tokenizer as `tokenizer.json` writes it (the fields this pipeline reads). */
export type PreTokenizerConfig =
  | { type: 'Sequence'; pretokenizers: PreTokenizerConfig[] }
  | {
    type: 'Metaspace'; replacement?: string | undefined; prepend_scheme?: PrependScheme | undefined;
    add_prefix_space?: boolean | undefined; split?: boolean | undefined;
  }
  | { type: 'WhitespaceSplit' };

export const PreTokenizerConfigSchema: z.ZodType<PreTokenizerConfig> = z.lazy(() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('Sequence'), pretokenizers: z.array(PreTokenizerConfigSchema) }),
  z.object({
    type: z.literal('Metaspace'), replacement: z.string().optional(), prepend_scheme: z.enum(['always', 'first', 'never']).optional(),
    add_prefix_space: z.boolean().optional(), split: z.boolean().optional(),
  }),
  z.object({ type: z.literal('WhitespaceSplit') }),
]));

/** A pre-tokenizer's children, for `findComponent`. */
export const preTokenizerChildren = (c: PreTokenizerConfig): PreTokenizerConfig[] | undefined => (c.type === 'Sequence' ? c.pretokenizers : undefined);

export function preTokenizerFromJson(value: Json | undefined, where: JsonAt): PreTokenizer | null {
  if (value === null || value === undefined) return null;
  return buildPreTokenizer(parseComponent(PreTokenizerConfigSchema, value, where), where);
}

export function buildPreTokenizer(config: PreTokenizerConfig, where: JsonAt): PreTokenizer | null {
  switch (config.type) {
    case 'Sequence': {
      const parts = config.pretokenizers
        .map((p, i) => buildPreTokenizer(p, child(child(where, 'pretokenizers'), i)))
        .filter((p): p is PreTokenizer => p !== null);
      return (input, isFirst) => parts.reduce<Aligned[]>((pieces, p) => pieces.flatMap((x) => p(x, isFirst)), [input]);
    }
    case 'Metaspace': {
      const replacement = config.replacement ?? '\u2581';
      // Older files have add_prefix_space instead of prepend_scheme.
      const prependScheme: PrependScheme = config.prepend_scheme ?? ((config.add_prefix_space ?? true) ? 'always' : 'never');
      const split = config.split ?? true;
      return (input, isFirst) => metaspacePreTokenize(input, { replacement, prependScheme, split }, isFirst);
    }
    case 'WhitespaceSplit':
      return (input) => whitespaceSplitPreTokenize(input);
    default: {
      const never: never = config;
      throw new Error(`unreachable pre-tokenizer ${JSON.stringify(never)}`);
    }
  }
}
