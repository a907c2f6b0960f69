/**
 * The mergeable per-language counter that every metric is computed from. Shards (segments,
 * languages split across workers, checkpoints) are combined with `mergeCounters`; sums and
 * per-id counts make the merge exact, so sharding never changes a metric.
 */
export interface TokenCounter {
  /** Tokens counted (Control kind excluded). */
  tokens: number;
  words: number;
  /** Tokens assigned to a word (the numerator of fertility). */
  wordTokens: number;
  /** Words split into ≥ 2 tokens. */
  continuedWords: number;
  /** Words kept as exactly one token. */
  singleTokenWords: number;
  /** Unicode code points of the text. */
  chars: number;
  /** UTF-8 bytes of the text. */
  bytes: number;
  unknown: number;
  byteFallback: number;
  /** How often each token id occurred. */
  idCounts: Map<number, number>;
  /** Tokens per segment id, for premium on parallel text. */
  segmentTokens: Map<string, number>;
}

export function emptyCounter(): TokenCounter {
  return {
    tokens: 0, words: 0, wordTokens: 0, continuedWords: 0, singleTokenWords: 0,
    chars: 0, bytes: 0, unknown: 0, byteFallback: 0, idCounts: new Map(), segmentTokens: new Map(),
  };
}

/** A new counter holding both shards (inputs unchanged). */
export function mergeCounters(a: TokenCounter, b: TokenCounter): TokenCounter {
  const out = emptyCounter();
  for (const c of [a, b]) {
    out.tokens += c.tokens;
    out.words += c.words;
    out.wordTokens += c.wordTokens;
    out.continuedWords += c.continuedWords;
    out.singleTokenWords += c.singleTokenWords;
    out.chars += c.chars;
    out.bytes += c.bytes;
    out.unknown += c.unknown;
    out.byteFallback += c.byteFallback;
    for (const [id, n] of c.idCounts) out.idCounts.set(id, (out.idCounts.get(id) ?? 0) + n);
    for (const [seg, n] of c.segmentTokens) out.segmentTokens.set(seg, (out.segmentTokens.get(seg) ?? 0) + n);
  }
  return out;
}

/** Plain-JSON form for checkpoints (Maps become pair lists). */
export interface TokenCounterJSON extends Omit<TokenCounter, 'idCounts' | 'segmentTokens'> {
  idCounts: [number, number][];
  segmentTokens: [string, number][];
}

export function counterToJSON(c: TokenCounter): TokenCounterJSON {
  return { ...c, idCounts: [...c.idCounts], segmentTokens: [...c.segmentTokens] };
}

export function counterFromJSON(j: TokenCounterJSON): TokenCounter {
  return { ...j, idCounts: new Map(j.idCounts), segmentTokens: new Map(j.segmentTokens) };
}
