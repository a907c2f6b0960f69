import type { TokgapError, TokgapErrorFields } from '../../errors.js';
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

/** A compiled character map: a darts-clone double array over UTF-8 keys and its NUL-terminated replacements. */
export interface CharsmapParts {
  /** The double array's 32-bit units (4-byte aligned copy). */
  units: Uint32Array;
  /** Replacement strings, NUL-terminated, indexed by the trie's values. */
  normalized: Uint8Array;
}

/**
 * The one reader of a charsmap blob (SentencePiece's `precompiled_charsmap`: a little-endian
 * uint32 trie size, the trie, then the strings), for both the `.model` normaliser and HF's
 * `Precompiled`. `error` builds the stage's own error class.
 */
export function parseCharsmap(
  blob: Uint8Array,
  where: TokgapErrorFields,
  error: (message: string, fields: TokgapErrorFields) => TokgapError = (m, f) => new BadModelError(m, f),
): CharsmapParts {
  if (blob.length < 4) throw error('precompiled_charsmap is shorter than 4 bytes', { ...where, expected: 'a SentencePiece charsmap' });
  const trieSize = new DataView(blob.buffer, blob.byteOffset, 4).getUint32(0, true);
  if (trieSize % 4 !== 0 || 4 + trieSize > blob.length || trieSize === 0) {
    throw error(`precompiled_charsmap declares a trie of ${trieSize} bytes in a blob of ${blob.length}`, {
      ...where, expected: 'a uint32 trie size (multiple of 4) that fits the blob',
    });
  }
  // Copy so the units are 4-byte aligned whatever the source buffer; little-endian as written.
  const trieBytes = new Uint8Array(blob.subarray(4, 4 + trieSize));
  const view = new DataView(trieBytes.buffer);
  const units = new Uint32Array(trieSize / 4);
  for (let i = 0; i < units.length; i++) units[i] = view.getUint32(4 * i, true);
  return { units, normalized: blob.subarray(4 + trieSize) };
}
