/**
 * The one interface every tokenizer implements, whatever its file format
 * (SentencePiece `.model`, HF `tokenizer.json`, tiktoken ranks).
 */

/** What a token id stands for. Statistics count `unknown` and `byte` separately and never count `control`. */
export const TokenKind = {
  /** An ordinary vocabulary piece. */
  Normal: 0,
  /** The unknown token (`<unk>`). */
  Unknown: 1,
  /** A byte-fallback piece such as `<0xE3>`. */
  Byte: 2,
  /** A special/control/added token (`<s>`, `</s>`, `<pad>`, `<madeupword0>` …). */
  Control: 3,
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

export interface EncodeOptions {
  /**
   * Add the tokenizer's special tokens (e.g. XGLM's leading `</s>`). Default false: statistics
   * never count added special tokens; `analyze encode --special` turns them on.
   */
  addSpecialTokens?: boolean;
}

export interface Encoding {
  /** Token ids in the tokenizer's own id space (XGLM's +1 shift included for `xglm:`). */
  ids: Int32Array;
  /** The surface piece of each id (`▁the`, `<0xE3>`, `Ġthe` …). */
  pieces: string[];
  /** `TokenKind` of each id. */
  kinds: Uint8Array;
  /**
   * Span of each token in the ORIGINAL input string, in UTF-16 code units: token i covers
   * [offsets[2i], offsets[2i+1]). Byte pieces of one character share that character's span;
   * a span may be empty (e.g. SentencePiece's dummy-prefix `▁`).
   */
  offsets: Uint32Array;
}

export type TokenizerFormat = 'sentencepiece' | 'xglm' | 'hf-json' | 'tiktoken';

export interface Tokenizer {
  /** The spec string it was loaded from (`spm:…`, `xglm:…`, `hf:…`, `tiktoken:…`, `hub:…`, `named:…`). */
  readonly spec: string;
  /** A short display name (e.g. `xglm-564M`, `o200k_base`, file stem). */
  readonly name: string;
  readonly format: TokenizerFormat;
  /** Number of ids the model can emit (including special/added tokens). */
  readonly vocabSize: number;
  /** Files the tokenizer was read from, for provenance hashes in reports (empty for packaged ranks). */
  readonly sourceFiles: readonly string[];
  encode(text: string, options?: EncodeOptions): Encoding;
  decode(ids: ArrayLike<number>): string;
  idToPiece(id: number): string;
  kindOf(id: number): TokenKind;
}

/**
 * An optional fast path some tokenizers offer: the ids of one line given as valid UTF-8 bytes
 * (no string, pieces, kinds or offsets built), equal to `encode(decoded text, options).ids`.
 * `analyze encode` uses it for ids-only output.
 */
export interface Utf8IdsEncoder {
  encodeIdsUtf8(bytes: Uint8Array, options?: EncodeOptions): Int32Array;
}

export function hasUtf8Ids(tokenizer: Tokenizer): tokenizer is Tokenizer & Utf8IdsEncoder {
  return typeof (tokenizer as Partial<Utf8IdsEncoder>).encodeIdsUtf8 === 'function';
}
