/**
 * sentencepiece's normaliser (normalizer.cc) on UTF-8 bytes: longest-prefix rewrite through the
 * precompiled charsmap, user-defined pieces kept verbatim, extra whitespace removed, a dummy
 * prefix `▁` added and spaces escaped as U+2581. It also records, for every normalized byte, the
 * byte offset in the original UTF-8 input that produced it (`normToOrig`).
 */
import { dartsLongestPrefix, dartsShortestPrefix } from './darts.js';
import { DoubleArray } from './double-array.js';
import { BadModelError } from './errors.js';
import type { NormalizerParts } from './parts.js';

const SPACE = 0x20;
/** UTF-8 of U+2581 LOWER ONE EIGHTH BLOCK, sentencepiece's whitespace symbol. */
const WS0 = 0xe2, WS1 = 0x96, WS2 = 0x81;

/** Byte length of the UTF-8 character starting with `lead` (sentencepiece's OneCharLen). */
export function oneCharLen(lead: number): number {
  return lead < 0xc0 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}

export class Normalizer {
  /** Normalized bytes of the last call, valid up to the returned length. */
  out = new Uint8Array(256);
  /** normToOrig[i] = original byte offset of normalized byte i; one extra entry at the end. */
  normToOrig = new Int32Array(257);

  private readonly units: Uint32Array | null;
  private readonly blob: Uint8Array;
  private readonly userTrie: DoubleArray | null;
  private readonly hit = new Int32Array(1);

  constructor(private readonly spec: NormalizerParts, userDefined: readonly string[], file: string) {
    const cm = spec.precompiledCharsmap;
    if (cm && cm.length > 0) {
      if (cm.length < 4) throw new BadModelError('precompiled_charsmap is shorter than 4 bytes', { file, field: 'precompiled_charsmap' });
      const trieSize = new DataView(cm.buffer, cm.byteOffset, 4).getUint32(0, true);
      if (trieSize % 4 !== 0 || 4 + trieSize > cm.length || trieSize === 0) {
        throw new BadModelError(`precompiled_charsmap declares a trie of ${trieSize} bytes in a blob of ${cm.length}`, {
          file, field: 'precompiled_charsmap', expected: 'a uint32 trie size (multiple of 4) that fits the blob',
        });
      }
      // Copy so the units are 4-byte aligned whatever the source buffer.
      const trieBytes = new Uint8Array(cm.subarray(4, 4 + trieSize));
      this.units = new Uint32Array(trieBytes.buffer, 0, trieSize / 4);
      this.blob = cm.subarray(4 + trieSize);
    } else {
      this.units = null;
      this.blob = new Uint8Array(0);
    }
    if (userDefined.length > 0) {
      const enc = new TextEncoder();
      this.userTrie = DoubleArray.build(userDefined.map((s) => enc.encode(s)), userDefined.map(() => 1));
    } else {
      this.userTrie = null;
    }
  }

  private ensure(n: number): void {
    if (this.out.length >= n) return;
    let cap = this.out.length;
    while (cap < n) cap *= 2;
    this.out = new Uint8Array(cap);
    this.normToOrig = new Int32Array(cap + 1);
  }

  /** Longest user-defined piece at src[pos..end), or 0 (sentencepiece's PrefixMatcher). */
  private userMatch(src: Uint8Array, pos: number, end: number): number {
    const t = this.userTrie!;
    const { units, size } = t;
    let node = 0, best = 0;
    for (let k = pos; k < end; k++) {
      const next = units[node << 2]! + src[k]!;
      if (next >= size || units[(next << 2) + 1] !== node) break;
      node = next;
      if (units[(node << 2) + 2]! >= 0) best = k + 1 - pos;
    }
    return best;
  }

  /**
   * Normalize src[0, len) into `out`; returns the normalized length (0 when the input is empty
   * or only whitespace). `normToOrig` has length + 1 valid entries.
   */
  normalize(src: Uint8Array, len: number, graphemeEnds: Int32Array | null = null): number {
    const spec = this.spec;
    const removeExtra = spec.removeExtraWhitespaces;
    const escape = spec.escapeWhitespaces;
    const suffix = spec.treatWhitespaceAsSuffix === true;
    const units = this.units;
    const blob = this.blob;
    const hit = this.hit;
    let pos = 0;
    let consumed = 0;

    // Per prefix: where the replacement bytes live and how many input bytes it consumes.
    let repSrc: Uint8Array = src, repStart = 0, repEnd = 0, step = 0;
    // HF grapheme mode: index of the grapheme holding `pos`; `perCharUntil` > pos while the
    // current grapheme is being rewritten character by character.
    let g = 0, perCharUntil = 0;
    const replaceWith = (value: number, consumedBytes: number): void => {
      let e = value;
      while (e < blob.length && blob[e] !== 0) e++;
      repSrc = blob; repStart = value; repEnd = e; step = consumedBytes;
    };
    const prefix = (): void => {
      if (this.userTrie !== null) {
        const m = this.userMatch(src, pos, len);
        if (m > 0) { repSrc = src; repStart = pos; repEnd = pos + m; step = m; return; }
      }
      if (graphemeEnds !== null && units !== null) {
        const clen = Math.min(oneCharLen(src[pos]!), len - pos);
        if (pos >= perCharUntil) {
          while (graphemeEnds[g]! <= pos) g++;
          const gEnd = graphemeEnds[g]!;
          if (gEnd - pos < 6 && dartsShortestPrefix(units, src, pos, gEnd, hit) > 0) { replaceWith(hit[0]!, gEnd - pos); return; }
          perCharUntil = gEnd;
        }
        if (dartsShortestPrefix(units, src, pos, pos + clen, hit) > 0) { replaceWith(hit[0]!, clen); return; }
        repSrc = src; repStart = pos; repEnd = pos + clen; step = clen;
        return;
      }
      if (units !== null) {
        const m = dartsLongestPrefix(units, src, pos, len, hit);
        if (m > 0) {
          let e = hit[0]!;
          while (e < blob.length && blob[e] !== 0) e++;
          repSrc = blob; repStart = hit[0]!; repEnd = e; step = m;
          return;
        }
      }
      const m = Math.min(oneCharLen(src[pos]!), len - pos);
      repSrc = src; repStart = pos; repEnd = pos + m; step = m;
    };

    if (removeExtra) {
      while (pos < len) {
        prefix();
        if (!(repEnd - repStart === 1 && repSrc[repStart] === SPACE)) break;
        pos += step;
        consumed += step;
      }
    }
    if (pos >= len) { this.normToOrig[0] = consumed; return 0; }

    // Worst case: every byte becomes a 3-byte ▁, or a charsmap expansion; grow on demand below.
    this.ensure((len - pos) * 3 + 8);
    let out = this.out;
    let n2o = this.normToOrig;
    let n = 0;
    const addWs = (): void => {
      if (escape) {
        out[n] = WS0; out[n + 1] = WS1; out[n + 2] = WS2;
        n2o[n] = consumed; n2o[n + 1] = consumed; n2o[n + 2] = consumed;
        n += 3;
      } else {
        out[n] = SPACE; n2o[n] = consumed; n++;
      }
    };
    if (!suffix && spec.addDummyPrefix) addWs();

    let prevSpace = removeExtra;
    while (pos < len) {
      prefix();
      let s = repStart;
      if (prevSpace) while (s < repEnd && repSrc[s] === SPACE) s++;
      if (s < repEnd) {
        const need = n + (repEnd - s) * 3 + 4;
        if (need > out.length) {
          const o = out, m = n2o;
          this.ensure(need * 2);
          out = this.out; n2o = this.normToOrig;
          out.set(o.subarray(0, n)); n2o.set(m.subarray(0, n));
        }
        for (let k = s; k < repEnd; k++) {
          const c = repSrc[k]!;
          if (escape && c === SPACE) {
            out[n] = WS0; out[n + 1] = WS1; out[n + 2] = WS2;
            n2o[n] = consumed; n2o[n + 1] = consumed; n2o[n + 2] = consumed;
            n += 3;
          } else {
            out[n] = c; n2o[n] = consumed; n++;
          }
        }
        prevSpace = repSrc[repEnd - 1] === SPACE;
      }
      consumed += step;
      pos += step;
      if (!removeExtra) prevSpace = false;
    }

    if (removeExtra) {
      if (escape) {
        while (n >= 3 && out[n - 3] === WS0 && out[n - 2] === WS1 && out[n - 1] === WS2) { n -= 3; consumed = n2o[n]!; }
      } else {
        while (n >= 1 && out[n - 1] === SPACE) { n -= 1; consumed = n2o[n]!; }
      }
    }
    if (suffix && spec.addDummyPrefix) {
      if (n + 4 > out.length) {
        const o = out, m = n2o;
        this.ensure(n + 8);
        out = this.out; n2o = this.normToOrig;
        out.set(o.subarray(0, n)); n2o.set(m.subarray(0, n));
      }
      addWs();
    }
    n2o[n] = consumed;
    return n;
  }
}
