/**
 * tiktoken's byte-pair merge (`_byte_pair_merge` in tiktoken's src/lib.rs): repeatedly merge the
 * adjacent pair whose concatenated bytes have the lowest rank, the leftmost on ties, until no
 * pair is a rank. Typed arrays instead of gpt-tokenizer's number[] + splice and its per-pair
 * UTF-8 validation + TextDecoder + Map lookup; a heap for long pre-tokens (Thai, Chinese runs).
 */
import type { ByteRankTable } from './rank-table.js';

const NONE = 0x7fffffff;

/** From this many bytes on, the heap beats the quadratic scan. */
const HEAP_FROM = 48;

/** Reusable work arrays, grown on demand. */
export class BpeScratch {
  starts = new Int32Array(256);
  pairRank = new Int32Array(256);
  partRank = new Int32Array(256);
  /** Heap variant: parts are named by their first byte; next[p] is the following part's first byte. */
  next = new Int32Array(256);
  prev = new Int32Array(256);
  /** At most n - 1 initial pairs plus two re-ranked pairs per merge. */
  heap = new Float64Array(3 * 256);

  ensure(n: number): void {
    if (this.starts.length > n + 1) return;
    let size = this.starts.length;
    while (size <= n + 1) size *= 2;
    this.starts = new Int32Array(size);
    this.pairRank = new Int32Array(size);
    this.partRank = new Int32Array(size);
    this.next = new Int32Array(size);
    this.prev = new Int32Array(size);
    this.heap = new Float64Array(3 * size);
  }
}

/**
 * Merges `bytes[0, n)` (n ≥ 2, not itself a rank). Afterwards part k is bytes
 * [scratch.starts[k], scratch.starts[k + 1]) with rank scratch.partRank[k]; returns the part count.
 */
export function bytePairMerge(table: ByteRankTable, bytes: Uint8Array, n: number, scratch: BpeScratch): number {
  scratch.ensure(n);
  return n >= HEAP_FROM ? mergeWithHeap(table, bytes, n, scratch) : mergeByScan(table, bytes, n, scratch);
}

/** tiktoken's own loop: scan all pairs for the lowest rank, shift the arrays down. O(n²), fast for short words. */
export function mergeByScan(table: ByteRankTable, bytes: Uint8Array, n: number, scratch: BpeScratch): number {
  scratch.ensure(n);
  const { starts, pairRank, partRank } = scratch;
  // m entries: parts 0..m-2 plus the end sentinel; pairRank[k] ranks parts k and k+1.
  let m = n + 1;
  for (let k = 0; k <= n; k++) {
    starts[k] = k;
    pairRank[k] = k + 2 <= n ? rankOr(table, bytes, k, k + 2) : NONE;
    if (k < n) partRank[k] = table.get(bytes, k, k + 1);
  }
  for (;;) {
    let best = NONE;
    let at = -1;
    for (let k = 0; k < m - 2; k++) {
      if (pairRank[k] < best) {
        best = pairRank[k];
        at = k;
      }
    }
    if (at < 0) break;
    // Part at absorbs part at+1: drop entry at+1.
    partRank[at] = best;
    starts.copyWithin(at + 1, at + 2, m);
    pairRank.copyWithin(at + 1, at + 2, m);
    partRank.copyWithin(at + 1, at + 2, m);
    m--;
    pairRank[at] = at + 2 < m ? mergedOr(table, partRank[at], partRank[at + 1], bytes, starts[at], starts[at + 2]) : NONE;
    if (at > 0) pairRank[at - 1] = mergedOr(table, partRank[at - 1], partRank[at], bytes, starts[at - 1], starts[at + 1]);
  }
  return m - 1;
}

/** Heap key rank * POS + first byte of the left part: ties go to the leftmost pair, as in the scan (rank < 2^18, so keys stay exact doubles). */
const POS = 2 ** 32;

/**
 * The same merges in O(n log n): a min-heap of (rank, left part) keys with lazy deletion. A popped
 * key is current when its left part is alive and its pair still has that rank (pairRank[p]); a
 * stale key equal to a current one names the same pair, so taking either is the same merge.
 */
export function mergeWithHeap(table: ByteRankTable, bytes: Uint8Array, n: number, scratch: BpeScratch): number {
  scratch.ensure(n);
  const { next, prev, pairRank, partRank, heap, starts } = scratch;
  let size = 0;
  const push = (key: number): void => {
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent] <= key) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = key;
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap[--size];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      if (c + 1 < size && heap[c + 1] < heap[c]) c++;
      if (heap[c] >= last) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = last;
    return top;
  };
  // Part p covers bytes [p, next[p]); pairRank[p] ranks p with its right neighbour (NONE if dead or last).
  for (let p = 0; p < n; p++) {
    next[p] = p + 1;
    prev[p] = p - 1;
    partRank[p] = table.get(bytes, p, p + 1);
    const r = p + 2 <= n ? rankOr(table, bytes, p, p + 2) : NONE;
    pairRank[p] = r;
    if (r !== NONE) push(r * POS + p);
  }
  while (size > 0) {
    const key = pop();
    const p = key % POS;
    const r = (key - p) / POS;
    if (pairRank[p] !== r) continue; // stale: p died or its pair changed rank
    const q = next[p];
    const after = next[q];
    partRank[p] = r;
    next[p] = after;
    if (after < n) prev[after] = p;
    pairRank[q] = NONE;
    const nr = after < n ? mergedOr(table, r, partRank[after], bytes, p, next[after]) : NONE;
    pairRank[p] = nr;
    if (nr !== NONE) push(nr * POS + p);
    const before = prev[p];
    if (before >= 0) {
      const br = mergedOr(table, partRank[before], r, bytes, before, after);
      pairRank[before] = br;
      if (br !== NONE) push(br * POS + before);
    }
  }
  let parts = 0;
  for (let p = 0; p < n; p = next[p]) {
    starts[parts] = p;
    partRank[parts] = partRank[p];
    parts++;
  }
  starts[parts] = n;
  return parts;
}

function mergedOr(table: ByteRankTable, left: number, right: number, bytes: Uint8Array, s: number, e: number): number {
  const r = table.merged(left, right, bytes, s, e);
  return r < 0 ? NONE : r;
}

function rankOr(table: ByteRankTable, bytes: Uint8Array, s: number, e: number): number {
  const r = table.get(bytes, s, e);
  return r < 0 ? NONE : r;
}
