/**
 * sentencepiece's BPE encoder (bpe_model.cc): start from characters (user-defined pieces stay
 * whole and frozen), repeatedly merge the adjacent pair whose concatenation is the
 * highest-scoring piece, ties to the leftmost pair; merged UNUSED pieces are split back into
 * the two symbols they came from. Symbols not in the vocabulary come out as unknown.
 * Merges never cross a ▁ when no piece holds ▁ after its first character, so each word's result
 * is cached: the same ids, computed once per distinct word.
 */
import { oneCharLen } from './normalizer.js';
import { TokenBuffer } from './token-buffer.js';
import { T_BYTE, T_CONTROL, T_UNKNOWN, T_UNUSED, type Vocab } from './vocab.js';
import { WordCache } from './word-cache.js';

export class BpeEncoder {
  // Symbols: a doubly linked list over normalized byte spans.
  private symStart = new Int32Array(256);
  private symLen = new Int32Array(256);
  private prev = new Int32Array(256);
  private next = new Int32Array(256);
  private freeze = new Uint8Array(256);
  // Agenda: a binary max-heap of candidate pairs (score desc, left asc).
  private pScore = new Float64Array(512);
  private pLeft = new Int32Array(512);
  private pRight = new Int32Array(512);
  private pSize = new Int32Array(512);
  private heap = new Int32Array(512);
  private heapLen = 0;
  private pairCount = 0;
  /** merged UNUSED piece id -> byte length of its left part (rev_merge of bpe_model.cc). */
  private revMerge = new Map<number, number>();

  /** Per-word results; null when words could interact (a piece with ▁ inside, or UNUSED pieces). */
  private readonly cache: WordCache | null;
  private readonly scratch = new TokenBuffer();

  constructor(private readonly vocab: Vocab) {
    const crosses = vocab.pieces.some((p, id) => vocab.types[id] !== T_CONTROL && vocab.types[id] !== T_UNKNOWN && vocab.types[id] !== T_BYTE && p.indexOf('\u2581', 1) > 0);
    // rev_merge is shared by the whole sentence, so UNUSED pieces make words depend on each other.
    const hasUnused = vocab.types.includes(T_UNUSED);
    this.cache = crosses || hasUnused ? null : new WordCache();
  }

  private growSymbols(n: number): void {
    if (this.symStart.length >= n) return;
    let cap = this.symStart.length;
    while (cap < n) cap *= 2;
    this.symStart = new Int32Array(cap);
    this.symLen = new Int32Array(cap);
    this.prev = new Int32Array(cap);
    this.next = new Int32Array(cap);
    this.freeze = new Uint8Array(cap);
  }

  private growPairs(): void {
    const cap = this.pScore.length * 2;
    const s = new Float64Array(cap); s.set(this.pScore); this.pScore = s;
    const l = new Int32Array(cap); l.set(this.pLeft); this.pLeft = l;
    const r = new Int32Array(cap); r.set(this.pRight); this.pRight = r;
    const z = new Int32Array(cap); z.set(this.pSize); this.pSize = z;
    const h = new Int32Array(cap); h.set(this.heap); this.heap = h;
  }

  /** a outranks b: higher score, then smaller left index. */
  private above(a: number, b: number): boolean {
    const sa = this.pScore[a]!, sb = this.pScore[b]!;
    return sa > sb || (sa === sb && this.pLeft[a]! < this.pLeft[b]!);
  }

  private push(p: number): void {
    const heap = this.heap;
    let i = this.heapLen++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(p, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = p;
  }

  private pop(): number {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap[--this.heapLen]!;
    const n = this.heapLen;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.above(heap[c + 1]!, heap[c]!)) c++;
      if (!this.above(heap[c]!, last)) break;
      heap[i] = heap[c]!;
      i = c;
    }
    if (n > 0) heap[i] = last;
    return top;
  }

  private maybeAdd(text: Uint8Array, left: number, right: number): void {
    if (left === -1 || right === -1 || this.freeze[left] || this.freeze[right]) return;
    const start = this.symStart[left]!;
    const size = this.symLen[left]! + this.symLen[right]!;
    const id = this.vocab.trie.lookup(text, start, start + size);
    if (id < 0) return;
    if (this.pairCount >= this.pScore.length) this.growPairs();
    const p = this.pairCount++;
    this.pScore[p] = this.vocab.scores[id]!;
    this.pLeft[p] = left;
    this.pRight[p] = right;
    this.pSize[p] = size;
    this.push(p);
    if (this.vocab.types[id] === T_UNUSED) this.revMerge.set(id, this.symLen[left]!);
  }

  encode(text: Uint8Array, size: number, out: TokenBuffer): void {
    if (this.cache === null) {
      out.reset(size);
      this.encodeSpan(text, 0, size, out);
      return;
    }
    out.reset(size);
    const cache = this.cache;
    const scratch = this.scratch;
    const unk = this.vocab.unkId;
    let ws = 0;
    while (ws < size) {
      // A word runs from one ▁ to the next: no piece crosses that boundary (checked in the constructor).
      let we = ws + 1;
      while (we < size && !(text[we] === 0xe2 && text[we + 1] === 0x96 && text[we + 2] === 0x81)) we++;
      if (WordCache.cacheable(ws, we) && cache.get(text, ws, we)) {
        const { ends, ids, first, count } = cache;
        let s = ws;
        for (let i = first; i < first + count; i++) {
          const e = ws + ends[i]!;
          out.pushMergingUnknown(s, e, ids[i]!, unk);
          s = e;
        }
      } else {
        scratch.reset(we - ws);
        this.encodeSpan(text, ws, we, scratch);
        const n = scratch.count;
        for (let i = 0; i < n; i++) out.pushMergingUnknown(scratch.start[i]!, scratch.end[i]!, scratch.id[i]!, unk);
        if (WordCache.cacheable(ws, we)) cache.set(text, ws, we, scratch.end, scratch.id, 0, n, ws);
      }
      ws = we;
    }
  }

  /** BPE over text[from, to), appending tokens (absolute positions) to `out`. */
  private encodeSpan(text: Uint8Array, from: number, to: number, out: TokenBuffer): void {
    const size = to - from;
    this.growSymbols(size + 1);
    this.heapLen = 0;
    this.pairCount = 0;
    if (this.revMerge.size > 0) this.revMerge.clear();
    const symStart = this.symStart, symLen = this.symLen, prev = this.prev, next = this.next, freeze = this.freeze;
    const user = this.vocab.userDefined.length > 0 ? this.vocab.trie : null;

    let count = 0;
    for (let pos = from; pos < to; ) {
      let len = 0;
      let frozen = 0;
      if (user !== null) len = this.userPrefix(text, pos, to);
      if (len > 0) frozen = 1;
      else len = Math.min(oneCharLen(text[pos]!), to - pos);
      symStart[count] = pos;
      symLen[count] = len;
      freeze[count] = frozen;
      prev[count] = count - 1;
      pos += len;
      next[count] = pos < to ? count + 1 : -1;
      count++;
    }
    if (count === 0) return;

    for (let i = 1; i < count; i++) this.maybeAdd(text, i - 1, i);

    while (this.heapLen > 0) {
      const p = this.pop();
      const l = this.pLeft[p]!, r = this.pRight[p]!;
      // Stale: one side already merged away or grown since the pair was queued.
      if (symLen[l] === 0 || symLen[r] === 0 || symLen[l]! + symLen[r]! !== this.pSize[p]) continue;
      symLen[l] = symLen[l]! + symLen[r]!;
      next[l] = next[r]!;
      if (next[r]! >= 0) prev[next[r]!] = l;
      symLen[r] = 0;
      this.maybeAdd(text, prev[l]!, l);
      this.maybeAdd(text, l, next[l]!);
    }

    for (let i = 0; i !== -1; i = next[i]!) this.resegment(text, symStart[i]!, symLen[i]!, out);
  }

  /** Longest user-defined piece at text[pos..), or 0 (the PrefixMatcher of bpe_model.cc). */
  private userPrefix(text: Uint8Array, pos: number, size: number): number {
    const { units, size: n } = this.vocab.trie;
    const types = this.vocab.types;
    let node = 0, best = 0;
    for (let k = pos; k < size; k++) {
      const nx = units[node << 2]! + text[k]!;
      if (nx >= n || units[(nx << 2) + 1] !== node) break;
      node = nx;
      const id = units[(node << 2) + 2]!;
      if (id >= 0 && types[id] === 4) best = k + 1 - pos;
    }
    return best;
  }

  private resegment(text: Uint8Array, start: number, len: number, out: TokenBuffer): void {
    let id = this.vocab.trie.lookup(text, start, start + len);
    if (id >= 0 && this.vocab.types[id] === T_UNUSED) {
      const left = this.revMerge.get(id);
      if (left !== undefined) {
        this.resegment(text, start, left, out);
        this.resegment(text, start + left, len - left, out);
        return;
      }
    }
    if (id < 0) id = this.vocab.unkId;
    // Adjacent unknown symbols come out as one unknown token, as sentencepiece returns them.
    out.pushMergingUnknown(start, start + len, id, this.vocab.unkId);
  }
}
