/**
 * A SentencePiece-derived tokenizer.json (Unigram, as written by transformers' converters for
 * XGLM, XLM-R, mBART, T5 …) run through our own pipeline: added tokens, normalizer,
 * pre-tokenizer, Unigram model, template. Every stage follows the HF Rust crate, which is what
 * transformers (and so the golden fixture) runs; see normalizers/precompiled.ts for where that
 * differs from SentencePiece itself.
 */
import { TokenKind, type EncodeOptions, type Encoding, type Tokenizer } from '../types.js';
import { alignedFrom, type Aligned } from './aligned-string.js';
import { splitAddedTokens, type AddedToken } from './added-tokens.js';
import type { Normalizer } from './normalizers/index.js';
import type { PreTokenizer } from './pre-tokenizers/index.js';
import type { UnigramModel } from './models/unigram.js';
import type { Template } from './post-processors/index.js';
import type { Decoder } from './decoders/index.js';
import { isBytePiece } from './decoders/metaspace.js';

const MADE_UP_WORD = /^<madeupword\d+>$/;

export interface PipelineParts {
  spec: string;
  name: string;
  file: string;
  normalizer: Normalizer | null;
  preTokenizer: PreTokenizer | null;
  model: UnigramModel;
  addedTokens: AddedToken[];
  template: Template | null;
  decoder: Decoder;
}

export class SentencePieceDerivedTokenizer implements Tokenizer {
  readonly format = 'hf-json' as const;
  readonly spec: string;
  readonly name: string;
  readonly sourceFiles: readonly string[];
  readonly vocabSize: number;
  private readonly idToPieceTable: string[];
  private readonly kinds: Uint8Array;

  constructor(private readonly parts: PipelineParts) {
    this.spec = parts.spec;
    this.name = parts.name;
    this.sourceFiles = [parts.file];
    const pieces = [...parts.model.pieces];
    for (const t of parts.addedTokens) pieces[t.id] = t.content;
    for (let i = 0; i < pieces.length; i++) pieces[i] ??= '';
    this.idToPieceTable = pieces;
    this.vocabSize = pieces.length;
    this.kinds = new Uint8Array(pieces.length);
    pieces.forEach((p, id) => {
      if (isBytePiece(p)) this.kinds[id] = TokenKind.Byte;
      else if (MADE_UP_WORD.test(p)) this.kinds[id] = TokenKind.Control; // XGLM's fairseq padding words
    });
    for (const t of parts.addedTokens) if (t.special) this.kinds[t.id] = TokenKind.Control;
    for (const id of parts.template?.specialIds ?? []) if (id < this.kinds.length) this.kinds[id] = TokenKind.Control;
    // `<unk>` is usually also a special added token; statistics need it as Unknown.
    if (parts.model.unkId !== null && parts.model.unkId < this.kinds.length) this.kinds[parts.model.unkId] = TokenKind.Unknown;
  }

  encode(text: string, options: EncodeOptions = {}): Encoding {
    const ids: number[] = [];
    const spans: number[] = [];
    const p = this.parts;
    if (options.addSpecialTokens && p.template) for (const id of p.template.before) ids.push(id), spans.push(0, 0);
    let first = true;
    for (const seg of splitAddedTokens(text, p.addedTokens)) {
      if (seg.kind === 'added') {
        ids.push(seg.token.id);
        spans.push(seg.start, seg.end);
        first = false;
        continue;
      }
      let normalized: Aligned = alignedFrom(text.slice(seg.start, seg.end), seg.start);
      if (p.normalizer) normalized = p.normalizer(normalized);
      const preTokens = p.preTokenizer ? p.preTokenizer(normalized, first) : normalized.chars.length ? [normalized] : [];
      first = false;
      for (const pre of preTokens) {
        for (const t of p.model.tokenize(pre.chars)) {
          ids.push(t.id);
          spans.push(pre.start[t.start], pre.end[t.end - 1]);
        }
      }
    }
    if (options.addSpecialTokens && p.template) for (const id of p.template.after) ids.push(id), spans.push(text.length, text.length);
    return {
      ids: Int32Array.from(ids),
      pieces: ids.map((id) => this.idToPiece(id)),
      kinds: Uint8Array.from(ids, (id) => this.kindOf(id)),
      offsets: Uint32Array.from(spans),
    };
  }

  decode(ids: ArrayLike<number>): string {
    const pieces: string[] = [];
    for (const id of Array.from(ids)) if (this.kindOf(id) !== TokenKind.Control) pieces.push(this.idToPiece(id));
    return this.parts.decoder(pieces);
  }

  idToPiece(id: number): string {
    return this.idToPieceTable[id] ?? '';
  }

  kindOf(id: number): TokenKind {
    return (this.kinds[id] ?? TokenKind.Normal) as TokenKind;
  }
}
