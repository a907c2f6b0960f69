import { BadModelError } from './errors.js';

/**
 * Decode the base64 `precompiled_charsmap` of an HF tokenizer.json (`Precompiled` normalizer)
 * into the raw blob that a `.model` file stores in normalizer_spec.precompiled_charsmap.
 */
export function decodePrecompiledCharsmap(base64: string, nameForErrors = 'precompiled_charsmap'): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
    throw new BadModelError('precompiled_charsmap is not base64', { file: nameForErrors, field: 'precompiled_charsmap', expected: 'a base64 string' });
  }
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  if (bytes.length > 0 && bytes.length < 4) {
    throw new BadModelError('precompiled_charsmap is too short', { file: nameForErrors, field: 'precompiled_charsmap', expected: 'a 4-byte trie size followed by the trie and strings' });
  }
  return bytes;
}
