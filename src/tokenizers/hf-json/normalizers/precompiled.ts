/**
 * The `Precompiled` normalizer: SentencePiece's compiled character map (a darts-clone double
 * array over UTF-8 keys plus a blob of NUL-terminated replacements), applied the way the HF Rust
 * crate applies it, not the way SentencePiece does: per grapheme cluster if the cluster has fewer
 * than 6 UTF-8 bytes, else per code point; and the FIRST (shortest) prefix match replaces the whole
 * chunk. Measured on the golden fixture: SentencePiece composes Bengali "ে" + "া" into "ো", the HF
 * crate (and so transformers) does not. Our target is transformers, so we do what the crate does.
 */
import { CorruptTokenizerError } from '../../errors.js';
import { emptyAligned, pushSpan, type Aligned } from '../aligned.js';
import type { JsonAt } from '../json.js';

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

export class PrecompiledCharsmap {
  private constructor(
    private readonly units: Uint32Array,
    private readonly normalized: Uint8Array,
  ) {}

  static fromBase64(base64: string, where: JsonAt): PrecompiledCharsmap {
    const bytes = Buffer.from(base64, 'base64');
    if (bytes.length < 4) throw new CorruptTokenizerError('precompiled_charsmap is too short', { file: where.file, field: where.path, expected: 'a base64 SentencePiece charsmap' });
    const trieSize = bytes.readUInt32LE(0);
    if (trieSize % 4 !== 0 || 4 + trieSize > bytes.length) {
      throw new CorruptTokenizerError(`precompiled_charsmap declares a trie of ${trieSize} bytes in ${bytes.length - 4}`, { file: where.file, field: where.path, expected: 'a base64 SentencePiece charsmap' });
    }
    const units = new Uint32Array(trieSize / 4);
    for (let i = 0; i < units.length; i++) units[i] = bytes.readUInt32LE(4 + 4 * i);
    return new PrecompiledCharsmap(units, new Uint8Array(bytes.subarray(4 + trieSize)));
  }

  /** The first (shortest) prefix of `key` in the trie, as its replacement string. */
  transform(key: Uint8Array): string | undefined {
    const units = this.units;
    let pos = 0;
    let unit = units[pos];
    pos ^= offsetOf(unit);
    for (const c of key) {
      if (c === 0) break;
      pos ^= c;
      unit = units[pos];
      if (unit === undefined || (unit & 0x800000ff) >>> 0 !== c) return undefined;
      pos ^= offsetOf(unit);
      if ((unit >>> 8) & 1) {
        const value = units[pos] & 0x7fffffff;
        let stop = value;
        while (stop < this.normalized.length && this.normalized[stop] !== 0) stop++;
        return utf8Decoder.decode(this.normalized.subarray(value, stop));
      }
    }
    return undefined;
  }
}

function offsetOf(unit: number): number {
  return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function precompiledNormalize(map: PrecompiledCharsmap, input: Aligned): Aligned {
  const out = emptyAligned();
  const text = input.chars.join('');
  // Map UTF-16 positions of `text` back to entries of `input`.
  const entryAt = new Int32Array(text.length + 1);
  let u = 0;
  for (let i = 0; i < input.chars.length; i++) {
    entryAt[u] = i;
    u += input.chars[i].length;
  }
  entryAt[text.length] = input.chars.length;
  for (const { segment, index } of graphemes.segment(text)) {
    const first = entryAt[index];
    const last = entryAt[index + segment.length] - 1;
    const bytes = utf8.encode(segment);
    if (bytes.length < 6) {
      const norm = map.transform(bytes);
      if (norm !== undefined) {
        pushSpan(out, norm, input.start[first], input.end[last]);
        continue;
      }
    }
    for (let i = first; i <= last; i++) {
      const ch = input.chars[i];
      const norm = map.transform(utf8.encode(ch));
      pushSpan(out, norm ?? ch, input.start[i], input.end[i]);
    }
  }
  return out;
}
