/**
 * tiktoken's mergeable ranks as a hash table over byte strings: `get(bytes, start, end)` finds the
 * rank of any byte range without allocating (no subarray, no string, no TextDecoder), which is what
 * the BPE merge loop asks for once per candidate pair.
 */
import { encodeUtf8Into } from '../../util/utf8.js';

/** gpt-tokenizer's rank list: valid UTF-8 as strings, other byte sequences as byte arrays, holes for unused ids. */
export type RawRanks = readonly (string | readonly number[] | undefined)[];

const PAIR_BITS = 16;
const PAIR_SHIFT = 32 - PAIR_BITS;

export class ByteRankTable {
  /** All ranks' bytes back to back; rank r is bytes[start[r], start[r + 1]). */
  private readonly bytes: Uint8Array;
  private readonly start: Int32Array;
  /**
   * Open addressing, linear probing; slot k is [hash, rank + 1] at 2k (rank + 1 = 0: empty). The
   * hash beside the rank settles most misses without touching the rank's bytes (one cache line).
   */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Direct tables for 1- and 2-byte ranks (-1: none): most BPE lookups are byte pairs. */
  private readonly short: Int32Array;
  private readonly pairs = new Int32Array(3 << PAIR_BITS).fill(-1);

  constructor(ranks: RawRanks) {
    const n = ranks.length;
    let cap = 0;
    for (const r of ranks) cap += r === undefined ? 0 : typeof r === 'string' ? 3 * r.length : r.length;
    const buf = new Uint8Array(cap);
    const start = new Int32Array(n + 1);
    let pos = 0;
    let count = 0;
    for (let id = 0; id < n; id++) {
      start[id] = pos;
      const r = ranks[id];
      if (r === undefined) continue;
      count++;
      if (typeof r === 'string') pos = encodeUtf8Into(r, buf, pos);
      else for (const b of r) buf[pos++] = b;
    }
    start[n] = pos;
    this.bytes = buf.subarray(0, pos);
    this.start = start;
    let size = 1;
    while (size < 2 * count) size <<= 1;
    this.slots = new Int32Array(2 * size);
    this.mask = size - 1;
    for (let id = 0; id < n; id++) {
      if (ranks[id] === undefined) continue;
      const h = hash(this.bytes, start[id], start[id + 1]);
      let slot = h & this.mask;
      while (this.slots[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
      this.slots[2 * slot] = h;
      this.slots[2 * slot + 1] = id + 1;
    }
    this.short = new Int32Array(65536 + 256).fill(-1);
    for (let id = 0; id < n; id++) {
      const len = start[id + 1] - start[id];
      if (ranks[id] === undefined || len > 2) continue;
      const a = buf[start[id]];
      this.short[len === 1 ? 65536 + a : (a << 8) | buf[start[id] + 1]] = id;
    }
  }

  /** The rank of `buf[s, e)`, or -1. */
  get(buf: Uint8Array, s: number, e: number): number {
    const len = e - s;
    if (len <= 2) return len === 2 ? this.short[(buf[s] << 8) | buf[s + 1]] : len === 1 ? this.short[65536 + buf[s]] : -1;
    const h = hash(buf, s, e);
    let slot = h & this.mask;
    for (;;) {
      const v = this.slots[2 * slot + 1];
      if (v === 0) return -1;
      if (this.slots[2 * slot] === h) {
        const id = v - 1;
        const a = this.start[id];
        if (this.start[id + 1] - a === len) {
          let k = 0;
          while (k < len && this.bytes[a + k] === buf[s + k]) k++;
          if (k === len) return id;
        }
      }
      slot = (slot + 1) & this.mask;
    }
  }

  /**
   * Rank of the merge of parts `left` + `right` (ranks), which are buf[s, e): a direct-mapped
   * cache of [left, right, result] triples in front of `get`, since the same pairs recur in a language.
   */
  merged(left: number, right: number, buf: Uint8Array, s: number, e: number): number {
    const slot = 3 * ((Math.imul(left, 0x9e3779b1) ^ Math.imul(right, 0x85ebca6b)) >>> PAIR_SHIFT);
    const c = this.pairs;
    if (c[slot] === left && c[slot + 1] === right) return c[slot + 2];
    const r = this.get(buf, s, e);
    c[slot] = left;
    c[slot + 1] = right;
    c[slot + 2] = r;
    return r;
  }

  /** Byte length of a rank (0 for a hole). */
  length(id: number): number {
    return this.start[id + 1] - this.start[id];
  }

  /** Writes a rank's bytes at out[pos]; returns the new end. */
  copyTo(id: number, out: Uint8Array, pos: number): number {
    out.set(this.bytes.subarray(this.start[id], this.start[id + 1]), pos);
    return pos + this.length(id);
  }

  /** A copy of a rank's bytes. */
  bytesOf(id: number): Uint8Array {
    return this.bytes.slice(this.start[id], this.start[id + 1]);
  }
}

/** FNV-1a over buf[s, e), as a signed 32-bit value (what an Int32Array slot holds). */
function hash(buf: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = s; i < e; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h;
}
