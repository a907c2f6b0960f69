/**
 * Normalizers of our own tokenizer.json pipeline: data (`NormalizerConfigSchema`, a zod union on
 * the `type` tag) and a `buildNormalizer` step, as the HF Rust crate separates them.
 * Only the ones SentencePiece-derived files use are implemented; others are a clear error.
 */
import { z } from 'zod';
import { UnsupportedTokenizerError } from '../../errors.js';
import type { Aligned } from '../aligned-string.js';
import { parseComponent } from '../components.js';
import { child, type Json, type JsonAt } from '../json.js';
import { PrecompiledCharsmap, precompiledNormalize } from './precompiled.js';
import { stripNormalize } from './strip.js';
import { patternRegExp, replaceNormalize } from './replace.js';
import { lowercaseNormalize, unicodeNormalize } from './unicode.js';
import { prependNormalize } from './prepend.js';

export type Normalizer = (input: Aligned) => Aligned;

export const NORMALIZER_TYPES = ['Sequence', 'Precompiled', 'Strip', 'Replace', 'NFC', 'NFD', 'NFKC', 'NFKD', 'Lowercase', 'Prepend'] as const;

/** A normalizer as `tokenizer.json` writes it (the fields this pipeline reads). */
export type NormalizerConfig =
  | { type: 'Sequence'; normalizers: NormalizerConfig[] }
  | { type: 'Precompiled'; precompiled_charsmap?: string | null | undefined }
  | { type: 'Strip'; strip_left?: boolean | undefined; strip_right?: boolean | undefined }
  | { type: 'Replace'; pattern: { String?: string | undefined; Regex?: string | undefined }; content: string }
  | { type: 'NFC' | 'NFD' | 'NFKC' | 'NFKD' | 'Lowercase' }
  | { type: 'Prepend'; prepend: string };

export const NormalizerConfigSchema: z.ZodType<NormalizerConfig> = z.lazy(() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('Sequence'), normalizers: z.array(NormalizerConfigSchema) }),
  z.object({ type: z.literal('Precompiled'), precompiled_charsmap: z.string().nullish() }),
  z.object({ type: z.literal('Strip'), strip_left: z.boolean().optional(), strip_right: z.boolean().optional() }),
  z.object({ type: z.literal('Replace'), pattern: z.object({ String: z.string().optional(), Regex: z.string().optional() }), content: z.string() }),
  z.object({ type: z.enum(['NFC', 'NFD', 'NFKC', 'NFKD', 'Lowercase']) }),
  z.object({ type: z.literal('Prepend'), prepend: z.string() }),
]));

/** A normalizer's children, for `findComponent`. */
export const normalizerChildren = (c: NormalizerConfig): NormalizerConfig[] | undefined => (c.type === 'Sequence' ? c.normalizers : undefined);

export function normalizerFromJson(value: Json | undefined, where: JsonAt): Normalizer | null {
  if (value === null || value === undefined) return null;
  return buildNormalizer(parseComponent(NormalizerConfigSchema, value, where), where);
}

/** The function a normalizer's data describes; `null` when it does nothing (an empty charsmap). */
export function buildNormalizer(config: NormalizerConfig, where: JsonAt): Normalizer | null {
  switch (config.type) {
    case 'Sequence': {
      const parts = config.normalizers
        .map((n, i) => buildNormalizer(n, child(child(where, 'normalizers'), i)))
        .filter((n): n is Normalizer => n !== null);
      return (input) => parts.reduce((s, n) => n(s), input);
    }
    case 'Precompiled': {
      const raw = config.precompiled_charsmap;
      if (raw === null || raw === undefined || raw === '') return null;
      const map = PrecompiledCharsmap.fromBase64(raw, child(where, 'precompiled_charsmap'));
      return (input) => precompiledNormalize(map, input);
    }
    case 'Strip': {
      const left = config.strip_left ?? true;
      const right = config.strip_right ?? true;
      return (input) => stripNormalize(input, left, right);
    }
    case 'Replace': {
      const { pattern, content } = config;
      let re: RegExp;
      try {
        re = patternRegExp(pattern);
      } catch (error) {
        throw new UnsupportedTokenizerError(`regex ${JSON.stringify(pattern.Regex)} is not valid in JavaScript`, { file: where.file, field: child(where, 'pattern').path, expected: 'a regex JavaScript understands', cause: error });
      }
      return (input) => replaceNormalize(input, re, content);
    }
    case 'NFC':
    case 'NFD':
    case 'NFKC':
    case 'NFKD': {
      const form = config.type;
      return (input) => unicodeNormalize(input, form);
    }
    case 'Lowercase':
      return lowercaseNormalize;
    case 'Prepend': {
      const { prepend } = config;
      return (input) => prependNormalize(input, prepend);
    }
    default: {
      const never: never = config;
      throw new Error(`unreachable normalizer ${JSON.stringify(never)}`);
    }
  }
}
