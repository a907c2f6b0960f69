/**
 * sentencepiece's unigram encoder (unigram_model.cc, EncodeOptimized): one Viterbi pass over
 * the normalized bytes, the best path ending at each character boundary kept in float32 as the
 * C++ does, ties going to the candidate found first. A character no piece covers becomes one
 * unknown token scored min_score - 10; user-defined pieces score length * max_score - 0.1.
 */
import { oneCharLen } from './normalizer.js';
import type { TokenBuffer } from './token-buffer.js';
import { T_UNUSED, T_USER, type Vocab } from './vocab.js';

const UNK_PENALTY = 10;

export class UnigramEncoder {
  private bestScore = new Float32Array(256);
  private startsAt = new Int32Array(256);
  private bestId = new Int32Array(256);
  private readonly unkScore: number;

  constructor(private readonly vocab: Vocab) {
    this.unkScore = Math.fround(vocab.minScore - UNK_PENALTY);
  }

  encode(text: Uint8Array, size: number, out: TokenBuffer): void {
    if (this.bestScore.length < size + 1) {
      let cap = this.bestScore.length;
      while (cap < size + 1) cap *= 2;
      this.bestScore = new Float32Array(cap);
      this.startsAt = new Int32Array(cap);
      this.bestId = new Int32Array(cap);
    }
    const bestScore = this.bestScore, startsAt = this.startsAt, bestId = this.bestId;
    const { units, payload, size: trieSize } = this.vocab.trie;
    const { scores, types, unkId, maxScore } = this.vocab;
    const unkScore = this.unkScore;
    // Local copies: imported bindings cost a getter call per use under some loaders.
    const tUnused = T_UNUSED, tUser = T_USER;
    // -Infinity stands for "no path yet" (the C++ tests starts_at == -1): any real candidate wins.
    bestScore.fill(-Infinity, 1, size + 1);
    bestScore[0] = 0;

    let start = 0;
    while (start < size) {
      const here = bestScore[start]!;
      const mblen = Math.min(oneCharLen(text[start]!), size - start);
      let hasSingle = false;
      let node = 0;
      for (let k = start; k < size; k++) {
        const next = units[node << 2]! + text[k]!;
        if (next >= trieSize || units[(next << 2) + 1] !== node) break;
        node = next;
        const id = units[(node << 2) + 2]!;
        if (id < 0) continue;
        const end = k + 1;
        const length = end - start;
        let score = payload[(node << 2) + 3]!;
        if (score !== score) {
          // Not a NORMAL piece: skip UNUSED; USER_DEFINED scores length × max_score − 0.1.
          const type = types[id]!;
          if (type === tUnused) continue;
          score = type === tUser ? Math.fround(length * maxScore) - 0.1 : scores[id]!;
        }
        // The C++ adds in double and stores the sum as float.
        const cand = score + here;
        if (cand > bestScore[end]!) {
          bestScore[end] = cand;
          startsAt[end] = start;
          bestId[end] = id;
        }
        if (length === mblen) hasSingle = true;
      }
      if (!hasSingle) {
        const end = start + mblen;
        const cand = Math.fround(unkScore + here);
        if (cand > bestScore[end]!) {
          bestScore[end] = cand;
          startsAt[end] = start;
          bestId[end] = unkId;
        }
      }
      start += mblen;
    }

    // Backtrack, filling the buffer from its end. Adjacent unknown characters come out as one
    // unknown token spanning them all, as sentencepiece returns them.
    let count = 0;
    for (let e = size; e > 0; e = startsAt[e]!) count++;
    out.reset(count);
    let i = count;
    for (let e = size; e > 0; e = startsAt[e]!) {
      const id = bestId[e]!;
      if (id === unkId && i < count && out.id[i] === unkId) {
        out.start[i] = startsAt[e]!;
        continue;
      }
      i--;
      out.start[i] = startsAt[e]!;
      out.end[i] = e;
      out.id[i] = id;
    }
    if (i > 0) {
      out.start.copyWithin(0, i, count);
      out.end.copyWithin(0, i, count);
      out.id.copyWithin(0, i, count);
    }
    out.count = count - i;
  }
}
