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

  /** Build from distinct byte keys and their values. Empty keys are ignored. */
  static build(keys: readonly Uint8Array[], values: readonly number[]): DoubleArray {
    // Sort by bytes through one-char-per-byte strings: the default sort compares them natively,
    // far faster than a JS comparator over 256k keys.
    const byKey = new Map<string, number>();
    for (let i = 0; i < keys.length; i++) if (keys[i]!.length > 0) byKey.set(binaryString(keys[i]!), i);
    const order = [...byKey.keys()].sort().map((k) => byKey.get(k)!);
    const b = new Builder(Math.max(1024, keys.length * 4));
    b.used(0); // the root
    b.place(0, order, 0, order.length, 0, keys, values);
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

function binaryString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
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
  private cap: number;

  constructor(capacity: number) {
    this.cap = capacity;
    this.base = new Int32Array(capacity);
    this.check = new Int32Array(capacity).fill(-1);
    this.value = new Int32Array(capacity).fill(-1);
    this.free = new Uint8Array(capacity).fill(1);
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
    const p = this.prevFree[slot]!, n = this.nextFree[slot]!;
    this.nextFree[p] = n;
    this.prevFree[n] = p;
    if (slot + 1 > this.size) this.size = slot + 1;
  }

  /** Place the children of `node` for sorted keys order[lo, hi) sharing a prefix of length `depth`. */
  place(node: number, order: number[], lo: number, hi: number, depth: number, keys: readonly Uint8Array[], values: readonly number[]): void {
    // Stack of pending nodes instead of recursion: keys can be long.
    const stack: [number, number, number, number][] = [[node, lo, hi, depth]];
    const labels: number[] = [];
    const starts: number[] = [];
    while (stack.length > 0) {
      const [nd, l, h, d] = stack.pop()!;
      labels.length = 0;
      starts.length = 0;
      let i = l;
      if (i < h && keys[order[i]!]!.length === d) {
        this.value[nd] = values[order[i]!]!;
        i++;
      }
      for (; i < h; i++) {
        const c = keys[order[i]!]![d]!;
        if (labels.length === 0 || labels[labels.length - 1] !== c) { labels.push(c); starts.push(i); }
      }
      if (labels.length === 0) continue;
      starts.push(h);
      const base = this.findBase(labels);
      this.base[nd] = base;
      for (const c of labels) {
        this.used(base + c);
        this.check[base + c] = nd;
      }
      for (let j = labels.length - 1; j >= 0; j--) stack.push([base + labels[j]!, starts[j]!, starts[j + 1]!, d + 1]);
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
      slot = this.nextFree[slot]!;
    }
  }
}
