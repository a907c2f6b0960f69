/**
 * tokenizer.json files that are not SentencePiece-derived (byte-level BPE such as GPT-2,
 * Llama 3, Qwen 3; WordPiece; BPE with Metaspace such as Llama 2) through `@huggingface/tokenizers`.
 * That library reports no offsets, so spans come from walking each token's bytes along the input
 * (see byte-token-spans.ts); where a normalizer rewrote the text (lower-casing, accent stripping) the spans
 * are approximate, the ids are the library's.
 */
import { Tokenizer as HfTokenizer } from '@huggingface/tokenizers';
import { TokenKind, type EncodeOptions, type Encoding, type Tokenizer } from '../types.js';
import { alignByteTokens } from './byte-token-spans.js';
import { isBytePiece } from './decoders/metaspace.js';
import type { JsonObject } from './json.js';
import type { AddedToken } from './added-tokens.js';
import type { ModelConfig } from './models/index.js';

/** GPT-2's byte ↔ printable-character table, inverted: character → byte. */
function byteLevelDecoderTable(): Map<string, number> {
  const bs: number[] = [];
  for (let b = 33; b <= 126; b++) bs.push(b);
  for (let b = 161; b <= 172; b++) bs.push(b);
  for (let b = 174; b <= 255; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  }
  return new Map(bs.map((b, i) => [String.fromCodePoint(cs[i]), b]));
}

/** Does any component of the file (pre-tokenizer, decoder, post-processor) use ByteLevel? */
function usesByteLevel(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(usesByteLevel);
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if (obj.type === 'ByteLevel') return true;
    return Object.entries(obj).some(([k, v]) => k !== 'vocab' && k !== 'merges' && k !== 'added_tokens' && usesByteLevel(v));
  }
  return false;
}

const utf8 = new TextEncoder();

export interface GenericParts {
  spec: string;
  name: string;
  file: string;
  /** The whole file, which the HF library reads itself. */
  json: JsonObject;
  model: ModelConfig;
  addedTokens: readonly AddedToken[];
  config: JsonObject;
}

/** The unknown token's id, for its kind and its spans. */
function unkIdOf(model: ModelConfig, hf: HfTokenizer): number | undefined {
  if (model.type === 'Unigram') return model.unk_id ?? undefined;
  return typeof model.unk_token === 'string' ? hf.token_to_id(model.unk_token) : undefined;
}

export class GenericHfTokenizer implements Tokenizer {
  readonly format = 'hf-json' as const;
  readonly spec: string;
  readonly name: string;
  readonly sourceFiles: readonly string[];
  readonly vocabSize: number;
  private readonly hf: HfTokenizer;
  private readonly byteLevel: Map<string, number> | null;
  private readonly specialIds = new Set<number>();
  private readonly addedIds = new Set<number>();
  private readonly unkId: number | undefined;
  private readonly byteFallback: boolean;
  private readonly subwordPrefix: string | null;
  private readonly idToPieceTable = new Map<number, string>();

  constructor(parts: GenericParts) {
    this.spec = parts.spec;
    this.name = parts.name;
    this.sourceFiles = [parts.file];
    this.hf = new HfTokenizer(parts.json, parts.config);
    this.byteLevel = usesByteLevel({ pre_tokenizer: parts.json.pre_tokenizer, decoder: parts.json.decoder }) ? byteLevelDecoderTable() : null;
    const { model } = parts;
    this.byteFallback = (model.type === 'BPE' || model.type === 'Unigram') && model.byte_fallback === true;
    this.subwordPrefix = model.type === 'WordPiece' ? model.continuing_subword_prefix ?? '##' : null;
    for (const t of parts.addedTokens) {
      this.addedIds.add(t.id);
      if (t.special) this.specialIds.add(t.id);
    }
    this.unkId = unkIdOf(model, this.hf);
    let max = -1;
    for (const id of this.hf.get_vocab(true).values()) if (id > max) max = id;
    this.vocabSize = max + 1;
  }

  /** The input bytes a token stands for, or null for a token that stands for none. */
  private tokenBytes(id: number, piece: string): Uint8Array | null {
    if (id === this.unkId) return null;
    if (this.addedIds.has(id)) return utf8.encode(piece);
    if (this.byteLevel) {
      const out: number[] = [];
      for (const ch of piece) {
        const b = this.byteLevel.get(ch);
        if (b === undefined) return utf8.encode(piece);
        out.push(b);
      }
      return Uint8Array.from(out);
    }
    if (this.byteFallback && isBytePiece(piece)) return Uint8Array.of(parseInt(piece.slice(3, 5), 16));
    let text = piece.replaceAll('\u2581', ' ');
    if (this.subwordPrefix && text.startsWith(this.subwordPrefix)) text = text.slice(this.subwordPrefix.length);
    return utf8.encode(text);
  }

  encode(text: string, options: EncodeOptions = {}): Encoding {
    const core: number[] = this.hf.encode(text, { add_special_tokens: false }).ids;
    let full = core;
    let lead = 0;
    if (options.addSpecialTokens) {
      full = this.hf.encode(text, { add_special_tokens: true }).ids as number[];
      lead = Math.max(0, full.findIndex((_, k) => core.every((id, j) => full[k + j] === id)));
    }
    const coreSpans = alignByteTokens(text, core.map((id) => this.tokenBytes(id, this.idToPiece(id))));
    const offsets = new Uint32Array(full.length * 2);
    for (let i = 0; i < full.length; i++) {
      const j = i - lead;
      const inCore = j >= 0 && j < core.length;
      offsets[2 * i] = inCore ? coreSpans[2 * j] : j < 0 ? 0 : text.length;
      offsets[2 * i + 1] = inCore ? coreSpans[2 * j + 1] : j < 0 ? 0 : text.length;
    }
    return {
      ids: Int32Array.from(full),
      pieces: full.map((id) => this.idToPiece(id)),
      kinds: Uint8Array.from(full, (id) => this.kindOf(id)),
      offsets,
    };
  }

  decode(ids: ArrayLike<number>): string {
    return this.hf.decode(Array.from(ids), { skip_special_tokens: true, clean_up_tokenization_spaces: false });
  }

  idToPiece(id: number): string {
    const cached = this.idToPieceTable.get(id);
    if (cached !== undefined) return cached;
    const piece = this.hf.id_to_token(id) ?? '';
    this.idToPieceTable.set(id, piece);
    return piece;
  }

  kindOf(id: number): TokenKind {
    if (this.specialIds.has(id)) return TokenKind.Control;
    if (id === this.unkId) return TokenKind.Unknown;
    if (this.byteFallback && isBytePiece(this.idToPiece(id))) return TokenKind.Byte;
    return TokenKind.Normal;
  }
}
