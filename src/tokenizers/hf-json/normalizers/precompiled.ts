/**
 * The `Precompiled` normalizer: SentencePiece's compiled character map (a darts-clone double
 * array over UTF-8 keys plus a blob of NUL-terminated replacements), applied the way the HF Rust
 * crate applies it, not the way SentencePiece does: per grapheme cluster if the cluster has fewer
 * than 6 UTF-8 bytes, else per code point; and the FIRST (shortest) prefix match replaces the whole
 * chunk. Measured on the golden fixture: SentencePiece composes Bengali "ে" + "া" into "ো", the HF
 * crate (and so transformers) does not. Our target is transformers, so we do what the crate does.
 */
import { CorruptTokenizerError } from '../../errors.js';
import { parseCharsmap } from '../../sentencepiece/charsmap.js';
import { dartsShortestPrefix } from '../../sentencepiece/darts.js';
import { emptyAligned, entryIndexByOffset, pushSpan, type Aligned } from '../aligned-string.js';
import type { JsonAt } from '../json.js';
import { utf8Length } from '../../../util/utf8.js';

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder();

export class PrecompiledCharsmap {
  /** Graphemes repeat a lot in real text: remember each chunk's replacement (null = none). */
  private readonly cache = new Map<string, string | null>();
  private readonly hit = new Int32Array(1);

  private constructor(
    private readonly units: Uint32Array,
    private readonly normalized: Uint8Array,
  ) {}

  static fromBase64(base64: string, where: JsonAt): PrecompiledCharsmap {
    const { units, normalized } = parseCharsmap(new Uint8Array(Buffer.from(base64, 'base64')), { file: where.file, field: where.path },
      (message, fields) => new CorruptTokenizerError(message, fields));
    return new PrecompiledCharsmap(units, normalized);
  }

  /** `transform` of a string's UTF-8 bytes, cached. */
  transformChunk(chunk: string): string | null {
    let hit = this.cache.get(chunk);
    if (hit === undefined) {
      hit = this.transform(utf8.encode(chunk)) ?? null;
      if (this.cache.size < 100_000) this.cache.set(chunk, hit);
    }
    return hit;
  }

  /** The first (shortest) prefix of `key` in the trie, as its replacement string. */
  transform(key: Uint8Array): string | undefined {
    // The crate's search stops at a NUL byte.
    const nul = key.indexOf(0);
    if (dartsShortestPrefix(this.units, key, 0, nul < 0 ? key.length : nul, this.hit) === 0) return undefined;
    const value = this.hit[0]!;
    let stop = value;
    while (stop < this.normalized.length && this.normalized[stop] !== 0) stop++;
    return utf8Decoder.decode(this.normalized.subarray(value, stop));
  }
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
/** Printable ASCII: every character is its own grapheme cluster (unlike "\r\n"). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

export function precompiledNormalize(map: PrecompiledCharsmap, input: Aligned): Aligned {
  const out = emptyAligned();
  const text = input.chars.join('');
  const perChar = (first: number, last: number): void => {
    for (let i = first; i <= last; i++) {
      const ch = input.chars[i];
      pushSpan(out, map.transformChunk(ch) ?? ch, input.start[i], input.end[i]);
    }
  };
  if (PRINTABLE_ASCII.test(text)) {
    // One-character graphemes under 6 bytes: the grapheme rule and the per-character rule agree.
    perChar(0, input.chars.length - 1);
    return out;
  }
  // Map UTF-16 positions of `text` back to entries of `input`.
  const entryAt = entryIndexByOffset(input, text);
  for (const { segment, index } of graphemes.segment(text)) {
    const first = entryAt[index];
    const last = entryAt[index + segment.length] - 1;
    if (utf8Length(segment) < 6) {
      const norm = map.transformChunk(segment);
      if (norm !== null) {
        pushSpan(out, norm, input.start[first], input.end[last]);
        continue;
      }
    }
    perChar(first, last);
  }
  return out;
}
