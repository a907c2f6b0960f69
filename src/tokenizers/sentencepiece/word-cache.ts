/**
 * A bounded cache from a word's normalized bytes to its tokens (token end offsets within the
 * word and ids). Everything lives in a few typed arrays (open addressing over FNV-1a hashes, keys
 * and tokens in arenas), so a million cached words make no garbage: the earlier Map of small
 * typed arrays spent more time in the garbage collector than in BPE. When full, it starts over.
 */

/** Words longer than this are not cached: long unspaced runs (Chinese, Thai) rarely repeat. */
const MAX_KEY_BYTES = 96;
const SLOT_BITS = 19;
/** Entries kept before the cache starts over (half the slots, so probes stay short). */
const MAX_ENTRIES = 1 << (SLOT_BITS - 1);
const KEY_ARENA = 1 << 23;
const TOKEN_ARENA = 1 << 22;

export class WordCache {
  /** Slot → entry + 1 (0 = empty). */
  private readonly slots = new Int32Array(1 << SLOT_BITS);
  // Per entry: hash, key start, key length, first token, token count.
  private readonly hashOf = new Int32Array(MAX_ENTRIES);
  private readonly keyAt = new Int32Array(MAX_ENTRIES);
  private readonly keyLen = new Int32Array(MAX_ENTRIES);
  private readonly tokAt = new Int32Array(MAX_ENTRIES);
  private readonly tokLen = new Int32Array(MAX_ENTRIES);
  private readonly keys = new Uint8Array(KEY_ARENA);
  /** Token end offsets (within the word) and ids, by token. */
  readonly ends = new Int32Array(TOKEN_ARENA);
  readonly ids = new Int32Array(TOKEN_ARENA);
  private entries = 0;
  private keyEnd = 0;
  private tokEnd = 0;
  /** Tokens of the last `get` hit: ends/ids[first, first + count). */
  first = 0;
  count = 0;

  private static hash(bytes: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    return h | 0;
  }

  /** Whether bytes[start, end) may be cached at all. */
  static cacheable(start: number, end: number): boolean {
    return end - start <= MAX_KEY_BYTES;
  }

  /** Look a word up; on a hit, `first` and `count` locate its tokens. */
  get(bytes: Uint8Array, start: number, end: number): boolean {
    const h = WordCache.hash(bytes, start, end);
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s]! - 1;
      if (e < 0) return false;
      if (this.hashOf[e] !== h || this.keyLen[e] !== len) continue;
      const at = this.keyAt[e]!;
      let same = true;
      for (let i = 0; i < len; i++) if (this.keys[at + i] !== bytes[start + i]) { same = false; break; }
      if (!same) continue;
      this.first = this.tokAt[e]!;
      this.count = this.tokLen[e]!;
      return true;
    }
  }

  /** Cache a word (not already present) with its tokens: ends (relative to the word) and ids. */
  set(bytes: Uint8Array, start: number, end: number, ends: Int32Array, ids: Int32Array, from: number, count: number, base: number): void {
    const len = end - start;
    if (this.entries >= MAX_ENTRIES || this.keyEnd + len > KEY_ARENA || this.tokEnd + count > TOKEN_ARENA) this.clear();
    const h = WordCache.hash(bytes, start, end);
    const mask = this.slots.length - 1;
    let s = h & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    const e = this.entries++;
    this.slots[s] = e + 1;
    this.hashOf[e] = h;
    this.keyAt[e] = this.keyEnd;
    this.keyLen[e] = len;
    this.keys.set(bytes.subarray(start, end), this.keyEnd);
    this.keyEnd += len;
    this.tokAt[e] = this.tokEnd;
    this.tokLen[e] = count;
    for (let i = 0; i < count; i++) {
      this.ends[this.tokEnd + i] = ends[from + i]! - base;
      this.ids[this.tokEnd + i] = ids[from + i]!;
    }
    this.tokEnd += count;
  }

  private clear(): void {
    this.slots.fill(0);
    this.entries = 0;
    this.keyEnd = 0;
    this.tokEnd = 0;
  }
}
