/**
 * The `Unigram` model as the HF Rust crate runs it (its `encode_optimized`): a forward Viterbi
 * over code points where, at each start, vocabulary pieces are tried shortest first and a later
 * candidate must score strictly higher to win (so ties keep the shorter piece / earlier start);
 * a code point no single-character piece covers becomes an unknown node scored min_score - 10;
 * adjacent unknowns fuse into one token (fuse_unk); unknowns become `<0xNN>` pieces when
 * byte_fallback is on and those pieces exist.
 */

interface TrieNode {
  id: number;
  next: Map<string, TrieNode> | null;
}

/** One token of a pre-token: its id and its code-point range [start, end) in the pre-token. */
export interface ModelToken {
  id: number;
  start: number;
  end: number;
}

const UNK_PENALTY = 10;

export class UnigramModel {
  private readonly root: TrieNode = { id: -1, next: null };
  private readonly pieceToId = new Map<string, number>();
  private readonly scores: Float64Array;
  private readonly unkScore: number;

  constructor(
    readonly pieces: readonly string[],
    scores: ArrayLike<number>,
    readonly unkId: number | null,
    readonly byteFallback: boolean,
  ) {
    this.scores = Float64Array.from(scores);
    let min = Infinity;
    for (let id = 0; id < pieces.length; id++) {
      const piece = pieces[id];
      this.pieceToId.set(piece, id); // a repeated piece resolves to its last id, as in the crate
      let node = this.root;
      for (const ch of piece) {
        node.next ??= new Map();
        let n = node.next.get(ch);
        if (!n) {
          n = { id: -1, next: null };
          node.next.set(ch, n);
        }
        node = n;
      }
      if (piece.length > 0) node.id = id;
      if (this.scores[id] < min) min = this.scores[id];
    }
    this.unkScore = (Number.isFinite(min) ? min : 0) - UNK_PENALTY;
  }

  idOf(piece: string): number | undefined {
    return this.pieceToId.get(piece);
  }

  tokenize(chars: readonly string[]): ModelToken[] {
    const n = chars.length;
    if (n === 0) return [];
    const best = new Float64Array(n + 1);
    const from = new Int32Array(n + 1).fill(-1);
    const ids = new Int32Array(n + 1).fill(-1);
    const unk = this.unkId ?? -1;
    for (let s = 0; s < n; s++) {
      const base = best[s];
      let single = false;
      let node: TrieNode | undefined = this.root;
      for (let k = s; k < n; k++) {
        node = node.next?.get(chars[k]);
        if (!node) break;
        if (node.id < 0) continue;
        const e = k + 1;
        const cand = this.scores[node.id] + base;
        if (from[e] < 0 || cand > best[e]) {
          best[e] = cand;
          from[e] = s;
          ids[e] = node.id;
        }
        if (e - s === 1) single = true;
      }
      if (!single) {
        const e = s + 1;
        const cand = this.unkScore + base;
        if (from[e] < 0 || cand > best[e]) {
          best[e] = cand;
          from[e] = s;
          ids[e] = unk;
        }
      }
    }
    // Backtrack, fusing adjacent unknowns.
    const rev: ModelToken[] = [];
    for (let e = n; e > 0; ) {
      const s = from[e];
      const id = ids[e];
      const prev = rev[rev.length - 1];
      if (id === unk && unk >= 0 && prev && prev.id === unk) {
        prev.start = s;
      } else rev.push({ id, start: s, end: e });
      e = s;
    }
    rev.reverse();
    return this.resolve(rev, chars);
  }

  /** Map unknown spans to the piece they spell if the vocabulary has it, else bytes or unk, as the crate does. */
  private resolve(tokens: ModelToken[], chars: readonly string[]): ModelToken[] {
    if (this.unkId === null) return tokens;
    const out: ModelToken[] = [];
    for (const t of tokens) {
      if (t.id !== this.unkId) {
        out.push(t);
        continue;
      }
      const text = chars.slice(t.start, t.end).join('');
      const known = this.pieceToId.get(text);
      if (known !== undefined) {
        out.push({ id: known, start: t.start, end: t.end });
        continue;
      }
      if (this.byteFallback) {
        const byteIds = Array.from(new TextEncoder().encode(text), (b) => this.pieceToId.get(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`));
        if (byteIds.every((id) => id !== undefined)) {
          for (const id of byteIds) out.push({ id: id as number, start: t.start, end: t.end });
          continue;
        }
      }
      out.push(t);
    }
    return out;
  }
}
