/** Pre-tokenizers of our own pipeline, built from their JSON by the `type` tag. */
import type { Aligned } from '../aligned-string.js';
import { child, componentType, expectArray, expectObject, optionalBoolean, type Json, type JsonAt } from '../json.js';
import { metaspacePreTokenize, type PrependScheme } from './metaspace.js';
import { whitespaceSplitPreTokenize } from './whitespace-split.js';

/** Splits one segment of normalized text into pre-tokens; `isFirst` marks the input's first segment. */
export type PreTokenizer = (input: Aligned, isFirst: boolean) => Aligned[];

export const PRE_TOKENIZER_TYPES = ['Sequence', 'Metaspace', 'WhitespaceSplit'] as const;

export function preTokenizerFromJson(value: Json | undefined, where: JsonAt): PreTokenizer | null {
  if (value === null || value === undefined) return null;
  const obj = expectObject(value, where);
  const type = componentType(obj, where, PRE_TOKENIZER_TYPES);
  switch (type) {
    case 'Sequence': {
      const parts = expectArray(obj.pretokenizers, child(where, 'pretokenizers'))
        .map((p, i) => preTokenizerFromJson(p, child(child(where, 'pretokenizers'), i)))
        .filter((p): p is PreTokenizer => p !== null);
      return (input, isFirst) => parts.reduce<Aligned[]>((pieces, p) => pieces.flatMap((x) => p(x, isFirst)), [input]);
    }
    case 'Metaspace': {
      const replacement = typeof obj.replacement === 'string' ? obj.replacement : '\u2581';
      const scheme = obj.prepend_scheme;
      const prependScheme: PrependScheme =
        scheme === 'always' || scheme === 'first' || scheme === 'never' ? scheme : optionalBoolean(obj.add_prefix_space, true) ? 'always' : 'never';
      const split = optionalBoolean(obj.split, true);
      return (input, isFirst) => metaspacePreTokenize(input, { replacement, prependScheme, split }, isFirst);
    }
    case 'WhitespaceSplit':
      return (input) => whitespaceSplitPreTokenize(input);
    default: {
      const never: never = type;
      throw new Error(`unreachable pre-tokenizer ${String(never)}`);
    }
  }
}
