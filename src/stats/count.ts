/**
 * Fill a counter from one encoded segment: tokens are assigned to the words whose span they fall
 * in (Rust et al. 2021 count tokens per word; on running text we use the encoder's offsets).
 */
import { TokenKind, type Encoding, type Tokenizer } from '../tokenizers/types.js';
import type { TokenCounter } from './counter.js';
import { goldWordSpans, segmenterWords, type Span } from './words.js';
import { countCodePoints } from '../util/utf8.js';
import type { UnitStatsBuilder } from './unit-stats.js';

/**
 * Per-word token counts. A token belongs to the first word its span overlaps; an empty span
 * (SentencePiece's lone `▁`) or a whitespace-only token right before a word belongs to that word,
 * since encoding the word alone would produce it too. Tokens outside every word (punctuation,
 * spaces) count only in `tokens`.
 */
export function tokensPerWord(text: string, encoding: Encoding, words: readonly Span[]): Int32Array {
  const perWord = new Int32Array(words.length);
  const { kinds, offsets } = encoding;
  let w = 0;
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] === TokenKind.Control) continue;
    const start = offsets[2 * i];
    const end = offsets[2 * i + 1];
    while (w < words.length && words[w].end <= start) w++;
    if (w >= words.length) break;
    const probeEnd = end > start ? end : start + 1;
    if (words[w].start < probeEnd) perWord[w]++;
    else if (end > start && words[w].start === end && text.slice(start, end).trim() === '') perWord[w]++;
  }
  return perWord;
}

function addWords(counter: TokenCounter, perWord: ArrayLike<number>): void {
  for (let i = 0; i < perWord.length; i++) {
    const n = perWord[i];
    counter.words++;
    counter.wordTokens += n;
    if (n >= 2) counter.continuedWords++;
    else if (n === 1) counter.singleTokenWords++;
  }
}

/**
 * Per-id counts in a dense array while a language is counted, moved into the counter's Map at
 * the end (`flushInto`): one Map update per token was the largest cost of counting after the
 * encoder. Ids enter the Map in order of first occurrence, as the per-token updates put them, so
 * anything that iterates the Map sees the same order and sums the same floats.
 */
export class DenseIdCounts {
  private counts = new Float64Array(1024);
  private readonly firstSeen: number[] = [];

  add(id: number): void {
    if (id >= this.counts.length) {
      const bigger = new Float64Array(Math.max(2 * this.counts.length, id + 1));
      bigger.set(this.counts);
      this.counts = bigger;
    }
    if (this.counts[id]++ === 0) this.firstSeen.push(id);
  }

  /** Add everything to `map` and start empty again. */
  flushInto(map: Map<number, number>): void {
    for (const id of this.firstSeen) {
      map.set(id, (map.get(id) ?? 0) + this.counts[id]);
      this.counts[id] = 0;
    }
    this.firstSeen.length = 0;
  }
}

/**
 * Token-level counts of an encoding (Control tokens skipped); returns the tokens counted. Per-id
 * counts go to `dense` when given (flush it into `counter.idCounts` before reading them).
 */
export function addTokens(counter: TokenCounter, encoding: Encoding, dense?: DenseIdCounts): number {
  const { ids, kinds } = encoding;
  let n = 0;
  for (let i = 0; i < ids.length; i++) {
    const kind = kinds[i];
    if (kind === TokenKind.Control) continue;
    n++;
    if (kind === TokenKind.Unknown) counter.unknown++;
    else if (kind === TokenKind.Byte) counter.byteFallback++;
    if (dense) dense.add(ids[i]);
    else counter.idCounts.set(ids[i], (counter.idCounts.get(ids[i]) ?? 0) + 1);
  }
  counter.tokens += n;
  return n;
}

export interface SegmentInput {
  id: string;
  text: string;
  /** Gold words; when absent, `Intl.Segmenter` words of `locale`. */
  words?: readonly string[];
}

/** Word spans of a segment, independent of the tokenizer (so one segmentation serves many tokenizers). */
export interface SegmentWords {
  spans: Span[];
  /** Gold words not found verbatim in the text, encoded on their own (Rust et al. 2021). */
  unlocated: string[];
}

export function segmentWords(segment: SegmentInput, locale: string): SegmentWords {
  return segment.words ? goldWordSpans(segment.text, segment.words) : { spans: segmenterWords(segment.text, locale), unlocated: [] };
}

/**
 * Encode one segment (no special tokens) and add everything it contributes to `counter`.
 * `words` may be passed in when the same segment is counted with several tokenizers; `units`
 * records what the segment added, for bootstrap intervals.
 */
export function countSegment(counter: TokenCounter, tokenizer: Tokenizer, segment: SegmentInput, locale: string, words: SegmentWords = segmentWords(segment, locale), units?: UnitStatsBuilder, dense?: DenseIdCounts): void {
  const { text } = segment;
  units?.begin(counter);
  const encoding = tokenizer.encode(text, { addSpecialTokens: false });
  const n = addTokens(counter, encoding, dense);
  counter.segmentTokens.set(segment.id, (counter.segmentTokens.get(segment.id) ?? 0) + n);
  counter.chars += countCodePoints(text);
  counter.bytes += Buffer.byteLength(text, 'utf8'); // Node's native count: whole lines, no allocation
  addWords(counter, tokensPerWord(text, encoding, words.spans));
  for (const word of words.unlocated) {
    const e = tokenizer.encode(word, { addSpecialTokens: false });
    let k = 0;
    for (let i = 0; i < e.kinds.length; i++) if (e.kinds[i] !== TokenKind.Control) k++;
    addWords(counter, [k]);
  }
  units?.end(segment.id, counter, encoding);
}
