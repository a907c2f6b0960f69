/**
 * Normalizers of our own tokenizer.json pipeline, built from their JSON by the `type` tag.
 * Only the ones SentencePiece-derived files use are implemented; others are a clear error.
 */
import { UnsupportedTokenizerError } from '../../errors.js';
import type { Aligned } from '../aligned-string.js';
import { child, componentType, expectArray, expectObject, expectString, optionalBoolean, type Json, type JsonAt } from '../json.js';
import { PrecompiledCharsmap, precompiledNormalize } from './precompiled.js';
import { stripNormalize } from './strip.js';
import { patternRegExp, replaceNormalize } from './replace.js';
import { lowercaseNormalize, unicodeNormalize } from './unicode.js';
import { prependNormalize } from './prepend.js';

export type Normalizer = (input: Aligned) => Aligned;

export const NORMALIZER_TYPES = ['Sequence', 'Precompiled', 'Strip', 'Replace', 'NFC', 'NFD', 'NFKC', 'NFKD', 'Lowercase', 'Prepend'] as const;

export function normalizerFromJson(value: Json | undefined, where: JsonAt): Normalizer | null {
  if (value === null || value === undefined) return null;
  const obj = expectObject(value, where);
  const type = componentType(obj, where, NORMALIZER_TYPES);
  switch (type) {
    case 'Sequence': {
      const parts = expectArray(obj.normalizers, child(where, 'normalizers'))
        .map((n, i) => normalizerFromJson(n, child(child(where, 'normalizers'), i)))
        .filter((n): n is Normalizer => n !== null);
      return (input) => parts.reduce((s, n) => n(s), input);
    }
    case 'Precompiled': {
      const raw = obj.precompiled_charsmap;
      if (raw === null || raw === undefined || raw === '') return null;
      const map = PrecompiledCharsmap.fromBase64(expectString(raw, child(where, 'precompiled_charsmap')), child(where, 'precompiled_charsmap'));
      return (input) => precompiledNormalize(map, input);
    }
    case 'Strip': {
      const left = optionalBoolean(obj.strip_left, true);
      const right = optionalBoolean(obj.strip_right, true);
      return (input) => stripNormalize(input, left, right);
    }
    case 'Replace': {
      const pattern = expectObject(obj.pattern, child(where, 'pattern')) as { String?: string; Regex?: string };
      let re: RegExp;
      try {
        re = patternRegExp(pattern);
      } catch (error) {
        throw new UnsupportedTokenizerError(`regex ${JSON.stringify(pattern.Regex)} is not valid in JavaScript`, { file: where.file, field: child(where, 'pattern').path, expected: 'a regex JavaScript understands', cause: error });
      }
      const content = expectString(obj.content, child(where, 'content'));
      return (input) => replaceNormalize(input, re, content);
    }
    case 'NFC':
    case 'NFD':
    case 'NFKC':
    case 'NFKD':
      return (input) => unicodeNormalize(input, type);
    case 'Lowercase':
      return lowercaseNormalize;
    case 'Prepend': {
      const prepend = expectString(obj.prepend, child(where, 'prepend'));
      return (input) => prependNormalize(input, prepend);
    }
    default: {
      const never: never = type;
      throw new Error(`unreachable normalizer ${String(never)}`);
    }
  }
}
