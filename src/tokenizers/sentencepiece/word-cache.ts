/**
 * A bounded cache from a word's normalized bytes to its tokens (token end offsets within the
 * word and ids). Keys are hashed (FNV-1a) without building strings, then compared byte by byte.
 */
export interface WordTokens {
  ends: Int32Array;
  ids: Int32Array;
}

interface Entry extends WordTokens {
  key: Uint8Array;
}

const MAX_ENTRIES = 1 << 18;

export class WordCache {
  private readonly map = new Map<number, Entry | Entry[]>();
  private size = 0;

  private static hash(bytes: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
    return h >>> 0;
  }

  private static same(key: Uint8Array, bytes: Uint8Array, start: number, end: number): boolean {
    if (key.length !== end - start) return false;
    for (let i = 0; i < key.length; i++) if (key[i] !== bytes[start + i]) return false;
    return true;
  }

  get(bytes: Uint8Array, start: number, end: number): WordTokens | null {
    const slot = this.map.get(WordCache.hash(bytes, start, end));
    if (slot === undefined) return null;
    if (!Array.isArray(slot)) return WordCache.same(slot.key, bytes, start, end) ? slot : null;
    for (const e of slot) if (WordCache.same(e.key, bytes, start, end)) return e;
    return null;
  }

  set(bytes: Uint8Array, start: number, end: number, tokens: WordTokens): void {
    if (this.size >= MAX_ENTRIES) { this.map.clear(); this.size = 0; }
    const h = WordCache.hash(bytes, start, end);
    const entry: Entry = { key: bytes.slice(start, end), ends: tokens.ends, ids: tokens.ids };
    const slot = this.map.get(h);
    if (slot === undefined) this.map.set(h, entry);
    else if (Array.isArray(slot)) slot.push(entry);
    else this.map.set(h, [slot, entry]);
    this.size++;
  }
}
