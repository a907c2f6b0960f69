/** Reusable output of a model pass: token i covers normalized bytes [start[i], end[i]) with id[i]. */
export class TokenBuffer {
  start = new Int32Array(64);
  end = new Int32Array(64);
  id = new Int32Array(64);
  count = 0;

  reset(capacity: number): void {
    this.count = 0;
    if (this.start.length >= capacity) return;
    let cap = this.start.length;
    while (cap < capacity) cap *= 2;
    this.start = new Int32Array(cap);
    this.end = new Int32Array(cap);
    this.id = new Int32Array(cap);
  }

  /** Push, but extend the previous token instead when both are the unknown id and touch. */
  pushMergingUnknown(start: number, end: number, id: number, unkId: number): void {
    const last = this.count - 1;
    if (id === unkId && last >= 0 && this.id[last] === unkId && this.end[last] === start) {
      this.end[last] = end;
      return;
    }
    this.push(start, end, id);
  }

  push(start: number, end: number, id: number): void {
    const i = this.count++;
    this.start[i] = start;
    this.end[i] = end;
    this.id[i] = id;
  }
}
