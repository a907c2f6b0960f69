/**
 * ids and spans for tiktoken encodings in one pass: the encoding's split regex, then per
 * pre-token either a hit in a bounded word cache or the BPE merge, whose parts carry their byte
 * ranges, so spans come from the bytes directly (no per-token decode or alignment walk).
 *
 * Ids are tiktoken's: a pre-token that is itself a rank is one token, otherwise `bytePairMerge`.
 * Special-token text is never matched as a special token (statistics must not depend on it).
 */
import { BpeScratch, bytePairMerge } from './bpe.js';
import { ByteRankTable, type RawRanks } from './rank-table.js';
import { encodeUtf8CharInto } from '../../util/utf8.js';

/** Natural text repeats words a lot; past this many distinct pre-tokens the cache starts over. */
const WORD_CACHE_LIMIT = 100_000;
/** …or past this many arena entries (16 MB), which long unspaced runs (Thai, Burmese) reach first. */
const ARENA_LIMIT = 1 << 22;

export interface RawEncoding {
  ids: Int32Array;
  offsets: Uint32Array;
}

export class TiktokenEncoder {
  readonly table: ByteRankTable;
  private readonly splitter: RegExp;
  /**
   * Pre-token → where its result sits in `arena`: [count, then id, start, end per token], spans
   * relative to the pre-token. One growing Int32Array instead of a typed array per word.
   */
  private readonly cache = new Map<string, number>();
  private arena = new Int32Array(1 << 16);
  private arenaEnd = 0;
  private readonly scratch = new BpeScratch();
  private wordBytes = new Uint8Array(1024);
  /** Per byte of the current pre-token: UTF-16 start and end of the character holding it. */
  private charStart = new Int32Array(1024);
  private charEnd = new Int32Array(1024);
  private outIds = new Int32Array(1024);
  private outOffsets = new Uint32Array(2048);

  /** `cacheLimit`: distinct pre-tokens kept before the cache starts over (small only in tests). */
  constructor(ranks: RawRanks, splitRegex: RegExp, private readonly cacheLimit = WORD_CACHE_LIMIT) {
    this.table = new ByteRankTable(ranks);
    // Our own sticky-free global copy: exec with lastIndex, no shared state with gpt-tokenizer.
    this.splitter = new RegExp(splitRegex.source, splitRegex.flags.includes('g') ? splitRegex.flags : `${splitRegex.flags}g`);
  }

  encode(text: string): RawEncoding {
    // A UTF-16 unit is at most 3 UTF-8 bytes, hence at most 3 tokens.
    if (this.outIds.length < 3 * text.length) {
      this.outIds = new Int32Array(3 * text.length);
      this.outOffsets = new Uint32Array(6 * text.length);
    }
    const ids = this.outIds;
    const offsets = this.outOffsets;
    let n = 0;
    const re = this.splitter;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const word = m[0];
      const at = m.index;
      let w = this.cache.get(word);
      if (w === undefined) {
        if (this.cache.size >= this.cacheLimit || this.arenaEnd >= ARENA_LIMIT) {
          this.cache.clear();
          this.arenaEnd = 0;
        }
        w = this.encodeWord(word);
        this.cache.set(detached(word), w);
      }
      const arena = this.arena;
      const end = w + 1 + 3 * arena[w];
      for (let k = w + 1; k < end; k += 3) {
        ids[n] = arena[k];
        offsets[2 * n] = at + arena[k + 1];
        offsets[2 * n + 1] = at + arena[k + 2];
        n++;
      }
    }
    return { ids: ids.slice(0, n), offsets: offsets.slice(0, 2 * n) };
  }

  /** Tokens of one pre-token appended to the arena, spans in UTF-16 units relative to its start; returns where. */
  private encodeWord(word: string): number {
    const nb = this.toBytes(word);
    const bytes = this.wordBytes;
    const whole = this.table.get(bytes, 0, nb);
    const parts = whole >= 0 ? 1 : bytePairMerge(this.table, bytes, nb, this.scratch);
    const at = this.arenaEnd;
    if (this.arena.length < at + 1 + 3 * parts) {
      const bigger = new Int32Array(Math.max(2 * this.arena.length, at + 1 + 3 * parts));
      bigger.set(this.arena.subarray(0, at));
      this.arena = bigger;
    }
    const out = this.arena;
    out[at] = parts;
    this.arenaEnd = at + 1 + 3 * parts;
    if (whole >= 0) {
      out[at + 1] = whole;
      out[at + 2] = 0;
      out[at + 3] = word.length;
      return at;
    }
    const { starts, partRank } = this.scratch;
    for (let k = 0, o = at + 1; k < parts; k++, o += 3) {
      const s = starts[k];
      const e = starts[k + 1];
      out[o] = partRank[k];
      out[o + 1] = this.charStart[s];
      // An end inside a character extends to that character's end (byte pieces share its span).
      out[o + 2] = e < nb && this.charStart[e] === this.charStart[e - 1] ? this.charEnd[e - 1] : e < nb ? this.charStart[e] : word.length;
    }
    return at;
  }

  /** UTF-8 of `word` into wordBytes, filling charStart/charEnd; returns the byte count. */
  private toBytes(word: string): number {
    if (this.wordBytes.length < 3 * word.length) {
      const size = 3 * word.length + 16;
      this.wordBytes = new Uint8Array(size);
      this.charStart = new Int32Array(size);
      this.charEnd = new Int32Array(size);
    }
    const buf = this.wordBytes;
    const cs = this.charStart;
    const ce = this.charEnd;
    let pos = 0;
    for (let u = 0; u < word.length; ) {
      const from = pos;
      pos = encodeUtf8CharInto(word, u, buf, pos);
      const units = pos - from === 4 ? 2 : 1;
      for (let b = from; b < pos; b++) {
        cs[b] = u;
        ce[b] = u + units;
      }
      u += units;
    }
    return pos;
  }
}

/**
 * The same text as a string of its own. A regex match is a view into the text it came from, so a
 * cached pre-token would keep its whole corpus file alive (V8 slices); across 204 FLORES
 * languages that held tens of MB per thread. Flattening a concatenation copies just the word.
 */
function detached(word: string): string {
  return (word + ' ').slice(0, -1);
}
