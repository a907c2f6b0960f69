/**
 * SentencePiece BPE converted to tokenizer.json (model BPE with byte_fallback, a Metaspace
 * pre-tokenizer and a Precompiled normalizer): rebuilt as SentencePieceParts and run by our exact
 * SentencePiece engine, since the HF JS library normalizes these files with plain NFKC.
 * tokenizer.json keeps no BPE scores; SentencePiece's BPE trainer scores piece i as -i (checked
 * on the golden .vocab), and merge order only needs that ranking, so score = -id.
 */
import { SentencePieceModel, type PieceEntry, type SentencePieceParts } from '../sentencepiece/index.js';
import { TokenKind, type EncodeOptions, type Encoding, type Tokenizer } from '../types.js';
import { CorruptTokenizerError } from '../errors.js';
import type { AddedToken } from './added-tokens.js';
import type { Template } from './post-processors/index.js';
import { isBytePiece } from './decoders/metaspace.js';
import type { BpeConfig } from './models/index.js';
import { pieceIdsSize } from './models/vocab.js';

export interface SpmBpeJsonParts {
  spec: string;
  name: string;
  file: string;
  model: BpeConfig;
  charsmap: Uint8Array | null;
  addDummyPrefix: boolean;
  removeExtraWhitespaces: boolean;
  addedTokens: AddedToken[];
  template: Template | null;
}

export function sentencePiecePartsFromBpeJson(p: SpmBpeJsonParts): SentencePieceParts {
  const vocab = p.model.vocab;
  let size = pieceIdsSize(vocab, { file: p.file, path: 'model.vocab' });
  for (const t of p.addedTokens) size = Math.max(size, t.id + 1);
  const pieces: PieceEntry[] = Array.from({ length: size }, (_, id) => ({ piece: `<unused${id}>`, score: 0, type: 'unused' as const }));
  for (const piece in vocab) {
    const id = vocab[piece]!;
    pieces[id] = { piece, score: -id, type: isBytePiece(piece) ? 'byte' : 'normal' };
  }
  for (const t of p.addedTokens) pieces[t.id] = { piece: t.content, score: 0, type: t.special ? 'control' : 'user_defined' };
  const unkToken = p.model.unk_token ?? '<unk>';
  const unkId = pieces.findIndex((e) => e.piece === unkToken);
  if (unkId < 0) throw new CorruptTokenizerError(`unk_token "${unkToken}" is not in the vocabulary`, { file: p.file, field: 'model.unk_token', expected: 'a piece of model.vocab' });
  pieces[unkId] = { ...pieces[unkId], type: 'unknown' };
  return {
    modelType: 'bpe',
    pieces,
    unkId,
    byteFallback: true,
    normalizer: { precompiledCharsmap: p.charsmap, addDummyPrefix: p.addDummyPrefix, removeExtraWhitespaces: p.removeExtraWhitespaces, escapeWhitespaces: true },
  };
}

/** The engine plus the tokenizer.json's template (e.g. a leading `<s>`) for `addSpecialTokens`. */
export class SentencePieceBpeJsonTokenizer implements Tokenizer {
  readonly format = 'hf-json' as const;
  readonly spec: string;
  readonly name: string;
  readonly sourceFiles: readonly string[];
  readonly vocabSize: number;
  private readonly spm: SentencePieceModel;

  constructor(private readonly parts: SpmBpeJsonParts) {
    this.spec = parts.spec;
    this.name = parts.name;
    this.sourceFiles = [parts.file];
    this.spm = SentencePieceModel.fromParts(sentencePiecePartsFromBpeJson(parts), { spec: parts.spec, name: parts.name, file: parts.file, sourceFiles: [parts.file] });
    this.vocabSize = this.spm.vocabSize;
  }

  encode(text: string, options: EncodeOptions = {}): Encoding {
    const core = this.spm.encode(text);
    const t = this.parts.template;
    if (!options.addSpecialTokens || !t || t.before.length + t.after.length === 0) return core;
    const ids = [...t.before, ...Array.from(core.ids), ...t.after];
    const spans = [...t.before.flatMap(() => [0, 0]), ...Array.from(core.offsets), ...t.after.flatMap(() => [text.length, text.length])];
    return {
      ids: Int32Array.from(ids),
      pieces: [...t.before.map((id) => this.idToPiece(id)), ...core.pieces, ...t.after.map((id) => this.idToPiece(id))],
      kinds: Uint8Array.from(ids, (id) => this.kindOf(id)),
      offsets: Uint32Array.from(spans),
    };
  }

  decode(ids: ArrayLike<number>): string {
    return this.spm.decode(ids);
  }

  idToPiece(id: number): string {
    return this.spm.idToPiece(id);
  }

  kindOf(id: number): TokenKind {
    return this.parts.template?.specialIds.includes(id) && this.spm.kindOf(id) === TokenKind.Normal ? TokenKind.Control : this.spm.kindOf(id);
  }
}
