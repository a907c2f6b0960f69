/**
 * sentencepiece's normaliser (normalizer.cc) on UTF-8 bytes: longest-prefix rewrite through the
 * precompiled charsmap, user-defined pieces kept verbatim, extra whitespace removed, a dummy
 * prefix `▁` added and spaces escaped as U+2581. It also records, for every normalized byte, the
 * byte offset in the original UTF-8 input that produced it (`normToOrig`).
 */
import { dartsLongestPrefix, dartsShortestPrefix, dartsStartsWith } from './darts.js';
import { DoubleArray } from './double-array.js';
import { BadModelError } from './errors.js';
import type { NormalizerParts } from './parts.js';
import { utf8LengthOfLead } from '../../util/utf8.js';
import { parseCharsmap } from './charsmap.js';

const SPACE = 0x20;
/** UTF-8 of U+2581 LOWER ONE EIGHTH BLOCK, sentencepiece's whitespace symbol. */
const WS0 = 0xe2, WS1 = 0x96, WS2 = 0x81;

/** Byte length of the UTF-8 character starting with `lead` (sentencepiece's OneCharLen). */
export const oneCharLen = utf8LengthOfLead;

export class Normalizer {
  /** Normalized bytes of the last call, valid up to the returned length. */
  out = new Uint8Array(256);
  /** normToOrig[i] = original byte offset of normalized byte i; one extra entry at the end. */
  normToOrig = new Int32Array(257);

  private readonly units: Uint32Array | null;
  private readonly blob: Uint8Array;
  private readonly userTrie: DoubleArray | null;
  private readonly hit = new Int32Array(1);
  /**
   * Per BMP code point, learnt on first sight: 1 when no charsmap rule and no user-defined piece
   * starts with that character, so normalize copies it without a trie walk; 2 when one does.
   */
  private readonly plain = new Uint8Array(0x10000);

  constructor(private readonly spec: NormalizerParts, userDefined: readonly string[], file: string) {
    const cm = spec.precompiledCharsmap;
    if (cm && cm.length > 0) {
      ({ units: this.units, normalized: this.blob } = parseCharsmap(cm, { file, field: 'precompiled_charsmap' }));
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

  // State of the last prefix match: the replacement is rep[repStart, repEnd) and it consumes
  // `step` input bytes. Fields rather than closures: normalize() runs once per sentence.
  private rep: Uint8Array = this.out;
  private repStart = 0;
  private repEnd = 0;
  private step = 0;
  // HF grapheme mode: grapheme index holding the position, and the end of a grapheme being
  // rewritten character by character.
  private g = 0;
  private perCharUntil = 0;

  private replaceWith(value: number, consumed: number): void {
    const blob = this.blob;
    let e = value;
    while (e < blob.length && blob[e] !== 0) e++;
    this.rep = blob; this.repStart = value; this.repEnd = e; this.step = consumed;
  }

  private keep(src: Uint8Array, pos: number, m: number): void {
    this.rep = src; this.repStart = pos; this.repEnd = pos + m; this.step = m;
  }

  /** NormalizePrefix of normalizer.cc: the rewrite of the longest rule at src[pos..len). */
  private prefix(src: Uint8Array, pos: number, len: number, graphemeEnds: Int32Array | null): void {
    const units = this.units;
    if (this.userTrie !== null) {
      const m = this.userMatch(src, pos, len);
      if (m > 0) { this.keep(src, pos, m); return; }
    }
    if (units !== null) {
      if (graphemeEnds !== null) {
        const clen = Math.min(oneCharLen(src[pos]!), len - pos);
        if (pos >= this.perCharUntil) {
          while (graphemeEnds[this.g]! <= pos) this.g++;
          const gEnd = graphemeEnds[this.g]!;
          if (gEnd - pos < 6 && dartsShortestPrefix(units, src, pos, gEnd, this.hit) > 0) { this.replaceWith(this.hit[0]!, gEnd - pos); return; }
          this.perCharUntil = gEnd;
        }
        if (dartsShortestPrefix(units, src, pos, pos + clen, this.hit) > 0) { this.replaceWith(this.hit[0]!, clen); return; }
        this.keep(src, pos, clen);
        return;
      }
      const m = dartsLongestPrefix(units, src, pos, len, this.hit);
      if (m > 0) { this.replaceWith(this.hit[0]!, m); return; }
    }
    this.keep(src, pos, Math.min(oneCharLen(src[pos]!), len - pos));
  }

  /** Whether no rule or user-defined piece starts with the character src[pos, pos + clen) (see `plain`). */
  private learnPlain(src: Uint8Array, pos: number, clen: number): boolean {
    const units = this.units;
    if (units !== null && dartsStartsWith(units, src, pos, pos + clen)) return false;
    const t = this.userTrie;
    if (t !== null) {
      let node = 0;
      for (let k = pos; k < pos + clen; k++) {
        const next = t.units[node << 2]! + src[k]!;
        if (next >= t.size || t.units[(next << 2) + 1] !== node) return true;
        node = next;
      }
      return false;
    }
    return true;
  }

  /** Make room for `need` output bytes, keeping the first `n`. */
  private reserve(need: number, n: number): void {
    if (need <= this.out.length) return;
    const o = this.out, m = this.normToOrig;
    this.ensure(need * 2);
    this.out.set(o.subarray(0, n));
    this.normToOrig.set(m.subarray(0, n));
  }

  /**
   * Normalize src[0, len) into `out`; returns the normalized length (0 when the input is empty
   * or only whitespace). `normToOrig` has length + 1 valid entries. `graphemeEnds` (UTF-8 end
   * offsets of grapheme clusters) switches to HF's per-grapheme charsmap rule.
   */
  normalize(src: Uint8Array, len: number, graphemeEnds: Int32Array | null = null): number {
    const spec = this.spec;
    const removeExtra = spec.removeExtraWhitespaces;
    const escape = spec.escapeWhitespaces;
    const suffix = spec.treatWhitespaceAsSuffix === true;
    this.g = 0;
    this.perCharUntil = 0;
    let pos = 0;
    let consumed = 0;

    if (removeExtra) {
      while (pos < len) {
        this.prefix(src, pos, len, graphemeEnds);
        if (!(this.repEnd - this.repStart === 1 && this.rep[this.repStart] === SPACE)) break;
        pos += this.step;
        consumed += this.step;
      }
    }
    if (pos >= len) { this.normToOrig[0] = consumed; return 0; }

    this.ensure((len - pos) * 3 + 8);
    let out = this.out;
    let n2o = this.normToOrig;
    let n = 0;
    if (!suffix && spec.addDummyPrefix) {
      if (escape) { out[0] = WS0; out[1] = WS1; out[2] = WS2; n2o[0] = n2o[1] = n2o[2] = consumed; n = 3; }
      else { out[0] = SPACE; n2o[0] = consumed; n = 1; }
    }

    let prevSpace = removeExtra;
    const plain = graphemeEnds === null ? this.plain : null;
    while (pos < len) {
      if (plain !== null) {
        // Fast path: a character nothing rewrites is copied as is (one BMP character: 1-3 bytes).
        const b0 = src[pos]!;
        let cp = -1, clen = 1;
        if (b0 < 0x80) cp = b0;
        else if (b0 >= 0xc2 && b0 < 0xe0 && pos + 1 < len) { cp = ((b0 & 0x1f) << 6) | (src[pos + 1]! & 0x3f); clen = 2; }
        else if (b0 >= 0xe0 && b0 < 0xf0 && pos + 2 < len) { cp = ((b0 & 0x0f) << 12) | ((src[pos + 1]! & 0x3f) << 6) | (src[pos + 2]! & 0x3f); clen = 3; }
        if (cp >= 0) {
          let known = plain[cp]!;
          if (known === 0) plain[cp] = known = this.learnPlain(src, pos, clen) ? 1 : 2;
          if (known === 1) {
            if (clen === 1 && b0 === SPACE) {
              if (!prevSpace) {
                if (n + 3 > out.length) { this.reserve(n + 3, n); out = this.out; n2o = this.normToOrig; }
                if (escape) { out[n] = WS0; out[n + 1] = WS1; out[n + 2] = WS2; n2o[n] = consumed; n2o[n + 1] = consumed; n2o[n + 2] = consumed; n += 3; }
                else { out[n] = SPACE; n2o[n] = consumed; n++; }
                prevSpace = removeExtra;
              }
            } else {
              if (n + clen > out.length) { this.reserve(n + clen, n); out = this.out; n2o = this.normToOrig; }
              for (let k = 0; k < clen; k++) { out[n] = src[pos + k]!; n2o[n] = consumed; n++; }
              prevSpace = false;
            }
            consumed += clen;
            pos += clen;
            continue;
          }
        }
      }
      this.prefix(src, pos, len, graphemeEnds);
      const rep = this.rep, repEnd = this.repEnd, step = this.step;
      let s = this.repStart;
      if (prevSpace) while (s < repEnd && rep[s] === SPACE) s++;
      if (s < repEnd) {
        const need = n + (repEnd - s) * 3 + 4;
        if (need > out.length) { this.reserve(need, n); out = this.out; n2o = this.normToOrig; }
        for (let k = s; k < repEnd; k++) {
          const c = rep[k]!;
          if (escape && c === SPACE) {
            out[n] = WS0; out[n + 1] = WS1; out[n + 2] = WS2;
            n2o[n] = consumed; n2o[n + 1] = consumed; n2o[n + 2] = consumed;
            n += 3;
          } else {
            out[n] = c; n2o[n] = consumed; n++;
          }
        }
        prevSpace = rep[repEnd - 1] === SPACE;
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
      if (n + 4 > out.length) { this.reserve(n + 4, n); out = this.out; n2o = this.normToOrig; }
      if (escape) { out[n] = WS0; out[n + 1] = WS1; out[n + 2] = WS2; n2o[n] = n2o[n + 1] = n2o[n + 2] = consumed; n += 3; }
      else { out[n] = SPACE; n2o[n] = consumed; n++; }
    }
    n2o[n] = consumed;
    return n;
  }
}
