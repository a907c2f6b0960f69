/**
 * The plain-data description of a SentencePiece model that the engine runs. A `.model` protobuf
 * parses into it (`model-proto.ts`), and so can any SentencePiece-derived format, e.g. an HF
 * `tokenizer.json` whose `precompiled_charsmap` is base64 of the same blob
 * (see `decodePrecompiledCharsmap`).
 */

/** SentencePiece's piece types (`ModelProto.SentencePiece.Type`), in lower case. */
export type PieceType = 'normal' | 'unknown' | 'control' | 'user_defined' | 'byte' | 'unused';

export interface PieceEntry {
  piece: string;
  /** Stored as float32 in `.model` files; the engine rounds with Math.fround. */
  score: number;
  type: PieceType;
}

export interface NormalizerParts {
  /** sentencepiece's precompiled charsmap (darts-clone trie + normalized strings); null = identity. */
  precompiledCharsmap: Uint8Array | null;
  addDummyPrefix: boolean;
  removeExtraWhitespaces: boolean;
  escapeWhitespaces: boolean;
  /** trainer_spec.treat_whitespace_as_suffix: the dummy `▁` goes at the end instead. */
  treatWhitespaceAsSuffix?: boolean;
  /**
   * How the charsmap is applied. 'sentencepiece' (default): longest match at each position, as
   * normalizer.cc. 'hf-grapheme': as HF tokenizers' `Precompiled` normalizer, per extended
   * grapheme cluster (whole cluster under 6 bytes replaced by its first/shortest match, else
   * per character) — needed to reproduce HF tokenizer.json outputs exactly.
   */
  charsmapMode?: 'sentencepiece' | 'hf-grapheme';
}

export interface SentencePieceParts {
  modelType: 'unigram' | 'bpe';
  /** Index in this array = SentencePiece id. */
  pieces: PieceEntry[];
  /** Id of the piece of type `unknown`. */
  unkId: number;
  /** trainer_spec.byte_fallback: unknown characters become `<0xNN>` byte pieces. */
  byteFallback: boolean;
  normalizer: NormalizerParts;
}
