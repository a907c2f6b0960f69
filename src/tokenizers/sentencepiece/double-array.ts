/**
 * A double-array trie over UTF-8 bytes, built once per model: a transition is two typed-array
 * reads (`next = base[node] + byte; check[next] === node`), which is what makes a 256k-piece
 * vocabulary as fast as an 8k one. Values are piece ids (-1 = no piece ends here).
 */
export class DoubleArray {
  /**
   * Node i is units[4i..4i+3] = base, check (parent node, -1 = free), value (-1 = none), and a
   * float32 payload (read through `payload`): one node per 16 bytes, so a transition and its
   * match touch a single cache line.
   */
  readonly units: Int32Array;
  /** Float32 view of `units`: payload of node i at index 4i+3 (NaN unless set). */
  readonly payload: Float32Array;
  /** Number of nodes. */
  readonly size: number;

  private constructor(units: Int32Array, size: number) {
    this.units = units;
    this.size = size;
    this.payload = new Float32Array(units.buffer, units.byteOffset, units.length);
    for (let i = 0; i < size; i++) this.payload[4 * i + 3] = NaN;
  }

  /** Store f(value) as the payload of every node that holds a value. */
  setPayload(f: (value: number) => number): void {
    for (let i = 0; i < this.size; i++) {
      const v = this.units[4 * i + 2]!;
      if (v >= 0) this.payload[4 * i + 3] = f(v);
    }
  }

  /** Build from distinct byte keys and their values. Empty keys are ignored; of equal keys the last wins. */
  static build(keys: readonly Uint8Array[], values: readonly number[]): DoubleArray {
    let total = 0;
    for (const k of keys) total += k.length;
    const bytes = new Uint8Array(total);
    const starts = new Int32Array(keys.length + 1);
    for (let i = 0, at = 0; i < keys.length; i++) { bytes.set(keys[i]!, at); at += keys[i]!.length; starts[i + 1] = at; }
    return DoubleArray.buildPacked(bytes, starts, Int32Array.from(values));
  }

  /**
   * Build from keys packed in one buffer: key i is bytes[starts[i], starts[i+1]), with value
   * values[i]. Same rules as `build`; this form spares a 256k-piece model 256k small arrays.
   */
  static buildPacked(bytes: Uint8Array, starts: Int32Array, values: Int32Array): DoubleArray {
    const n = starts.length - 1;
    let kept = 0;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) if (starts[i + 1]! > starts[i]!) order[kept++] = i;
    const b = new Builder(Math.max(1024, n * 4));
    b.used(0); // the root
    b.place(order.subarray(0, kept), bytes, starts, values);
    const units = new Int32Array(b.size * 4);
    for (let i = 0; i < b.size; i++) {
      units[4 * i] = b.base[i]!;
      units[4 * i + 1] = b.check[i]!;
      units[4 * i + 2] = b.value[i]!;
    }
    return new DoubleArray(units, b.size);
  }

  /** The value of a whole key bytes[start, end), or -1. */
  lookup(bytes: Uint8Array, start: number, end: number): number {
    const { units, size } = this;
    let node = 0;
    for (let k = start; k < end; k++) {
      const next = units[node << 2]! + bytes[k]!;
      if (next >= size || units[(next << 2) + 1] !== node) return -1;
      node = next;
    }
    return units[(node << 2) + 2]!;
  }
}

class Builder {
  base: Int32Array;
  check: Int32Array;
  value: Int32Array;
  size = 1;
  /** Free slots form a doubly linked ring through nextFree/prevFree with head `cap` (a sentinel). */
  private nextFree: Int32Array;
  private prevFree: Int32Array;
  private free: Uint8Array;
  /** 1 while a free slot is still on the ring of base candidates. */
  private inRing: Uint8Array;
  /** Failed base searches that started at each slot; see findBase. */
  private misses: Uint8Array;
  private cap: number;

  constructor(capacity: number) {
    this.cap = capacity;
    this.base = new Int32Array(capacity);
    this.check = new Int32Array(capacity).fill(-1);
    this.value = new Int32Array(capacity).fill(-1);
    this.free = new Uint8Array(capacity).fill(1);
    this.inRing = new Uint8Array(capacity).fill(1);
    this.misses = new Uint8Array(capacity);
    this.nextFree = new Int32Array(capacity + 1);
    this.prevFree = new Int32Array(capacity + 1);
    // Ring: head(cap) -> 0 -> 1 -> ... -> cap-1 -> head.
    for (let i = 0; i < capacity; i++) { this.nextFree[i] = i + 1; this.prevFree[i] = i - 1; }
    this.prevFree[0] = capacity;
    this.nextFree[capacity] = 0;
    this.prevFree[capacity] = capacity - 1;
  }

  private grow(min: number): void {
    const old = this.cap;
    let cap = old;
    while (cap <= min) cap *= 2;
    const base = new Int32Array(cap); base.set(this.base); this.base = base;
    const check = new Int32Array(cap).fill(-1); check.set(this.check); this.check = check;
    const value = new Int32Array(cap).fill(-1); value.set(this.value); this.value = value;
    const free = new Uint8Array(cap).fill(1); free.set(this.free); this.free = free;
    const inRing = new Uint8Array(cap).fill(1); inRing.set(this.inRing); this.inRing = inRing;
    const misses = new Uint8Array(cap); misses.set(this.misses); this.misses = misses;
    // Rebuild the ring with the new head `cap`: old free slots in order, then the new ones.
    const nextFree = new Int32Array(cap + 1);
    const prevFree = new Int32Array(cap + 1);
    let last = cap;
    for (let i = this.nextFree[old]!; i !== old; i = this.nextFree[i]!) { nextFree[last] = i; prevFree[i] = last; last = i; }
    for (let i = old; i < cap; i++) { nextFree[last] = i; prevFree[i] = last; last = i; }
    nextFree[last] = cap;
    prevFree[cap] = last;
    this.nextFree = nextFree;
    this.prevFree = prevFree;
    this.cap = cap;
  }

  used(slot: number): void {
    if (slot >= this.cap) this.grow(slot);
    if (this.free[slot] === 0) return;
    this.free[slot] = 0;
    if (this.inRing[slot] === 1) this.unlink(slot);
    if (slot + 1 > this.size) this.size = slot + 1;
  }

  private unlink(slot: number): void {
    this.inRing[slot] = 0;
    const p = this.prevFree[slot]!, n = this.nextFree[slot]!;
    this.nextFree[p] = n;
    this.prevFree[n] = p;
  }

  /**
   * Place every key of `order`, depth first. Keys need not be sorted: each node sorts its range
   * by the byte at its depth (an MSD radix sort done while building), which costs far less than
   * sorting 256k keys up front.
   */
  place(order: Int32Array, bytes: Uint8Array, starts: Int32Array, values: Int32Array): void {
    // Stack of pending (node, lo, hi, depth) instead of recursion: keys can be long.
    let stack = new Int32Array(4 * 256);
    let top = 0;
    const push = (nd: number, l: number, h: number, d: number): void => {
      if (top + 4 > stack.length) { const s = new Int32Array(stack.length * 2); s.set(stack); stack = s; }
      stack[top] = nd; stack[top + 1] = l; stack[top + 2] = h; stack[top + 3] = d; top += 4;
    };
    push(0, 0, order.length, 0);
    const tmp = new Int32Array(order.length);
    const count = new Int32Array(257);
    const labels: number[] = [];
    const groups: number[] = [];
    while (top > 0) {
      top -= 4;
      const nd = stack[top]!, l = stack[top + 1]!, d = stack[top + 3]!;
      let h = stack[top + 2]!;
      // Keys that end here: their value (of equal keys, the last given) goes on this node.
      let last = -1;
      for (let i = l; i < h; ) {
        const k = order[i]!;
        if (starts[k + 1]! - starts[k]! === d) {
          if (k > last) last = k;
          order[i] = order[--h]!;
          order[h] = k;
        } else i++;
      }
      if (last >= 0) this.value[nd] = values[last]!;
      if (h === l) continue;
      sortByByte(order, l, h, d, bytes, starts, tmp, count);
      labels.length = 0;
      groups.length = 0;
      for (let i = l; i < h; i++) {
        const c = bytes[starts[order[i]!]! + d]!;
        if (labels.length === 0 || labels[labels.length - 1] !== c) { labels.push(c); groups.push(i); }
      }
      groups.push(h);
      const base = this.findBase(labels);
      this.base[nd] = base;
      for (const c of labels) {
        this.used(base + c);
        this.check[base + c] = nd;
      }
      for (let j = labels.length - 1; j >= 0; j--) push(base + labels[j]!, groups[j]!, groups[j + 1]!, d + 1);
    }
  }

  /** First base (walking the free ring) whose slots for every label are free. */
  private findBase(labels: number[]): number {
    const first = labels[0]!;
    const top = labels[labels.length - 1]!;
    for (let slot = this.nextFree[this.cap]!; ; ) {
      if (slot === this.cap) {
        // Ring exhausted: grow and continue from the first new slot.
        const old = this.cap;
        this.grow(old + top + 1);
        slot = old;
        continue;
      }
      const base = slot - first;
      if (base >= 1) {
        if (base + top >= this.cap) this.grow(base + top);
        let ok = true;
        for (let k = 1; k < labels.length; k++) {
          if (this.free[base + labels[k]!] === 0) { ok = false; break; }
        }
        if (ok) return base;
      }
      const next = this.nextFree[slot]!;
      // A free slot that failed as the first label many times sits among used ones: leave it out
      // of later searches (it stays free), so the search does not rescan the full front of the
      // array for every node. Without this, a 256k-piece model took seconds to build.
      if (++this.misses[slot]! >= 16) this.unlink(slot);
      slot = next;
    }
  }
}

/** Sort order[l, h) by the byte at depth d of each key: insertion sort when short, else counting sort. */
function sortByByte(order: Int32Array, l: number, h: number, d: number, bytes: Uint8Array, starts: Int32Array, tmp: Int32Array, count: Int32Array): void {
  if (h - l <= 32) {
    for (let i = l + 1; i < h; i++) {
      const k = order[i]!;
      const c = bytes[starts[k]! + d]!;
      let j = i - 1;
      while (j >= l && bytes[starts[order[j]!]! + d]! > c) { order[j + 1] = order[j]!; j--; }
      order[j + 1] = k;
    }
    return;
  }
  count.fill(0);
  for (let i = l; i < h; i++) count[bytes[starts[order[i]!]! + d]! + 1]!++;
  for (let c = 1; c <= 256; c++) count[c] = count[c]! + count[c - 1]!;
  for (let i = l; i < h; i++) { const k = order[i]!; tmp[l + count[bytes[starts[k]! + d]!]!++] = k; }
  order.set(tmp.subarray(l, h), l);
}
