/**
 * OpenAI's tiktoken encodings. The rank lists, split regexes and special-token names come from
 * `gpt-tokenizer` (it loads faster than js-tiktoken); encoding is ours (encoder.ts: split
 * regex, word cache, BPE over a byte-rank hash table, spans from the merged byte ranges) and
 * gives gpt-tokenizer's ids on FLORES (tests). Special tokens in the input are encoded as plain
 * text: statistics must never depend on whether a corpus happens to contain `<|endoftext|>`.
 *
 *
 * Own encoding because gpt-tokenizer gives ids only: pieces and spans would need each token's bytes
 * and a byte walk afterwards, several times slower than spans taken from the merge itself (speed
 * against gpt-tokenizer: docs/benchmarks.md, "tiktoken encode").
 */
import { UnknownTokenizerError } from '../errors.js';
import { TokenKind, type Encoding, type EncodeOptions, type Tokenizer } from '../types.js';
import { TiktokenEncoder } from './encoder.js';
import type { RawRanks } from './rank-table.js';
import { TIKTOKEN_NAMES, isTiktokenName, type TiktokenName } from './names.js';

export { TIKTOKEN_NAMES, isTiktokenName, type TiktokenName };

/** gpt-tokenizer's data for one encoding: the mergeable ranks and its special tokens (name → id). */
interface EncodingData {
  ranks: RawRanks;
  specials: ReadonlyMap<string, number>;
}

/**
 * Explicit imports per name (no computed specifiers, so bundlers and the type checker see them).
 * Only the rank list and the encoding parameters: gpt-tokenizer's encoder object (a 200k-entry
 * Map built on load in every worker) is not needed since we encode and decode ourselves.
 */
const IMPORTERS: Record<TiktokenName, () => Promise<EncodingData>> = {
  cl100k_base: async () => {
    const ranks = (await import('gpt-tokenizer/bpeRanks/cl100k_base')).default;
    return { ranks, specials: (await import('gpt-tokenizer/encodingParams/cl100k_base')).Cl100KBase(ranks).specialTokensEncoder };
  },
  o200k_base: async () => {
    const ranks = (await import('gpt-tokenizer/bpeRanks/o200k_base')).default;
    return { ranks, specials: (await import('gpt-tokenizer/encodingParams/o200k_base')).O200KBase(ranks).specialTokensEncoder };
  },
  r50k_base: async () => {
    const ranks = (await import('gpt-tokenizer/bpeRanks/r50k_base')).default;
    return { ranks, specials: (await import('gpt-tokenizer/encodingParams/r50k_base')).R50KBase(ranks).specialTokensEncoder };
  },
  p50k_base: async () => {
    const ranks = (await import('gpt-tokenizer/bpeRanks/p50k_base')).default;
    return { ranks, specials: (await import('gpt-tokenizer/encodingParams/p50k_base')).P50KBase(ranks).specialTokensEncoder };
  },
};

/** Keeps a leading U+FEFF (a real token byte sequence); invalid UTF-8 becomes U+FFFD, as tiktoken's errors="replace". */
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** tiktoken's pre-tokenizer regex per encoding (p50k shares r50k's), imported with the ranks. */
async function splitRegex(name: TiktokenName): Promise<RegExp> {
  const c = await import('gpt-tokenizer/encodingParams/constants');
  const regex: Record<TiktokenName, RegExp> = {
    cl100k_base: c.CL100K_TOKEN_SPLIT_REGEX,
    o200k_base: c.O200K_TOKEN_SPLIT_REGEX,
    r50k_base: c.R50K_TOKEN_SPLIT_REGEX,
    p50k_base: c.R50K_TOKEN_SPLIT_REGEX,
  };
  return regex[name];
}

/** tiktoken's `n_vocab` (highest id + 1, special tokens included; o200k/cl100k have gaps before their specials). */
const N_VOCAB: Record<TiktokenName, number> = { cl100k_base: 100277, o200k_base: 200019, r50k_base: 50257, p50k_base: 50281 };

/** A rank's text; non-ASCII bytes of a rank that is not valid UTF-8 on its own appear as `<0xNN>`. */
function rankPiece(r: string | readonly number[]): string {
  if (typeof r === 'string') return r;
  return Array.from(r, (b) => (b < 0x80 ? String.fromCharCode(b) : `<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`)).join('');
}

export class TiktokenTokenizer implements Tokenizer {
  readonly format = 'tiktoken' as const;
  readonly sourceFiles: readonly string[] = [];
  readonly vocabSize: number;
  /** Piece per id, built once (a dense array: one indexed load per token in encode); specials on first use. */
  private readonly pieceById: (string | undefined)[];
  private readonly encoder: TiktokenEncoder;
  private readonly specialNames = new Map<number, string>();

  private constructor(
    readonly spec: string,
    readonly name: TiktokenName,
    private readonly ranks: RawRanks,
    specials: ReadonlyMap<string, number>,
    vocabSize: number,
    split: RegExp,
  ) {
    this.vocabSize = vocabSize;
    for (const [text, id] of specials) this.specialNames.set(id, text);
    this.encoder = new TiktokenEncoder(ranks, split);
    this.pieceById = Array.from({ length: vocabSize }, (_, id) => (ranks[id] === undefined ? undefined : rankPiece(ranks[id])));
  }

  static async load(name: string, spec = `tiktoken:${name}`): Promise<TiktokenTokenizer> {
    if (!isTiktokenName(name)) {
      throw new UnknownTokenizerError(`unknown tiktoken encoding "${name}"`, { field: 'tiktoken:NAME', expected: `one of ${TIKTOKEN_NAMES.join(', ')}` });
    }
    const { ranks, specials } = await IMPORTERS[name]();
    return new TiktokenTokenizer(spec, name, ranks, specials, N_VOCAB[name], await splitRegex(name));
  }

  /** The bytes a mergeable rank stands for (gpt-tokenizer stores valid UTF-8 as strings, the rest as byte arrays). */
  tokenBytes(id: number): Uint8Array | null {
    return this.ranks[id] === undefined ? null : this.encoder.table.bytesOf(id);
  }

  /** Every id encode emits is a mergeable rank, so every kind is Normal (0, the zero fill). */
  encode(text: string, _options?: EncodeOptions): Encoding {
    const { ids, offsets } = this.encoder.encode(text);
    const n = ids.length;
    const pieces = new Array<string>(n);
    for (let i = 0; i < n; i++) pieces[i] = this.pieceById[ids[i]] ?? this.idToPiece(ids[i]);
    return { ids, pieces, kinds: new Uint8Array(n), offsets };
  }

  /** Special ids are skipped, as the other formats' decode does. */
  decode(ids: ArrayLike<number>): string {
    const table = this.encoder.table;
    let total = 0;
    for (let i = 0; i < ids.length; i++) total += this.ranks[ids[i]] === undefined ? 0 : table.length(ids[i]);
    const bytes = new Uint8Array(total);
    let pos = 0;
    for (let i = 0; i < ids.length; i++) if (this.ranks[ids[i]] !== undefined) pos = table.copyTo(ids[i], bytes, pos);
    return utf8Decoder.decode(bytes);
  }

  /** The token's text; non-ASCII bytes of a token that is not valid UTF-8 on its own appear as `<0xNN>`. */
  idToPiece(id: number): string {
    const cached = this.pieceById[id];
    if (cached !== undefined) return cached;
    const r = this.ranks[id];
    const piece = r !== undefined ? rankPiece(r) : this.specialPiece(id);
    this.pieceById[id] = piece;
    return piece;
  }

  /** gpt-tokenizer numbers some specials differently from OpenAI (o200k), so names may be unknown. */
  private specialPiece(id: number): string {
    return this.specialNames.get(id) ?? `<|special_${id}|>`;
  }

  /** Every id without a mergeable rank is a special token (p50k's 50256 sits inside the ranks). */
  kindOf(id: number): TokenKind {
    return this.ranks[id] === undefined ? TokenKind.Control : TokenKind.Normal;
  }
}
