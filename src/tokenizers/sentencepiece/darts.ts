/**
 * Reader for the darts-clone double array inside sentencepiece's precompiled charsmap
 * (units of 32 bits: has_leaf = bit 8, value = low 31 bits, label = bit 31 | low byte,
 * offset = (unit >> 10) << ((unit & 0x200) >> 6)).
 */
function dartsOffset(unit: number): number {
  return (unit >>> 10) << ((unit & 0x200) >>> 6);
}

/**
 * Longest key of the trie that prefixes bytes[pos, end), among the first 32 matches as
 * sentencepiece's normalizer keeps them. Returns the key's byte length and writes its value to
 * out[0]; returns 0 when nothing matches.
 */
export function dartsLongestPrefix(units: Uint32Array, bytes: Uint8Array, pos: number, end: number, out: Int32Array): number {
  let node = dartsOffset(units[0]!);
  let longest = 0;
  let found = 0;
  const n = units.length;
  for (let i = pos; i < end; i++) {
    const c = bytes[i]!;
    node ^= c;
    if (node >= n) break;
    const unit = units[node]!;
    if ((unit & 0x800000ff) !== c) break;
    node ^= dartsOffset(unit);
    if ((unit >>> 8) & 1) {
      if (found < 32) {
        longest = i + 1 - pos;
        out[0] = units[node]! & 0x7fffffff;
      }
      found++;
    }
  }
  return longest;
}

/** Shortest key that prefixes bytes[pos, end) (HF's `transform` takes the first result); 0 if none. */
export function dartsShortestPrefix(units: Uint32Array, bytes: Uint8Array, pos: number, end: number, out: Int32Array): number {
  let node = dartsOffset(units[0]!);
  const n = units.length;
  for (let i = pos; i < end; i++) {
    const c = bytes[i]!;
    node ^= c;
    if (node >= n) break;
    const unit = units[node]!;
    if ((unit & 0x800000ff) !== c) break;
    node ^= dartsOffset(unit);
    if ((unit >>> 8) & 1) {
      out[0] = units[node]! & 0x7fffffff;
      return i + 1 - pos;
    }
  }
  return 0;
}

/** Whether some key of the trie starts with bytes[pos, end) (or is a prefix of it). */
export function dartsStartsWith(units: Uint32Array, bytes: Uint8Array, pos: number, end: number): boolean {
  let node = dartsOffset(units[0]!);
  const n = units.length;
  for (let i = pos; i < end; i++) {
    const c = bytes[i]!;
    node ^= c;
    if (node >= n) return false;
    const unit = units[node]!;
    if ((unit & 0x800000ff) !== c) return false;
    node ^= dartsOffset(unit);
    // A key that ends inside the character is a rule at this position too.
    if (i + 1 < end && (unit >>> 8) & 1) return true;
  }
  return true;
}
