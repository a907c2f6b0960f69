/**
 * SentencePieceModel: our own exact SentencePiece encoder (no WASM, no native code).
 * Pipeline as in sentencepiece_processor.cc: UTF-8 → normalizer (with byte alignment) →
 * unigram Viterbi or BPE merges → unknown pieces split into `<0xNN>` bytes when byte_fallback →
 * ids, pieces, kinds and UTF-16 offsets in the original string.
 *
 * Speed against spm_encode: docs/benchmarks.md ("SentencePiece encode", bench/tokenization-encode.ts).
 * What makes it fast:
 * byte-level work on one reused UTF-8 buffer, a packed double-array trie with each NORMAL
 * piece's score in its node, float32 Viterbi in typed arrays, and an exact per-word cache for BPE.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { EncodeOptions, Encoding, Tokenizer, TokenizerFormat } from '../types.js';
import { TokenKind } from '../types.js';
import { isAscii, utf8Length, Utf8ToUtf16 } from '../../util/utf8.js';
import { BpeEncoder } from './bpe.js';
import { BadModelError } from './errors.js';
import { parseModelProto } from './model-proto.js';
import { Normalizer, oneCharLen } from './normalizer.js';
import type { SentencePieceParts } from './parts.js';
import { TokenBuffer } from './token-buffer.js';
import { UnigramEncoder } from './unigram.js';
import { T_BYTE, T_CONTROL, T_UNKNOWN, T_UNUSED, Vocab } from './vocab.js';

/** sentencepiece's kDefaultUnknownSymbol, what decode prints for `<unk>`. */
const UNK_SURFACE = ' \u2047 ';

export interface SentencePieceModelOptions {
  spec?: string;
  name?: string;
  sourceFiles?: readonly string[];
  /** For error messages. */
  file?: string;
}

export class SentencePieceModel implements Tokenizer {
  readonly spec: string;
  readonly name: string;
  readonly format: TokenizerFormat = 'sentencepiece';
  readonly vocabSize: number;
  readonly sourceFiles: readonly string[];
  readonly parts: SentencePieceParts;

  private readonly vocab: Vocab;
  private readonly normalizer: Normalizer;
  private readonly model: UnigramEncoder | BpeEncoder;
  private readonly kindById: Uint8Array;
  private readonly utf8 = new TextEncoder();
  private readonly utf8Decoder = new TextDecoder();
  private srcBuf = new Uint8Array(1024);
  private readonly tokens = new TokenBuffer();
  private readonly hfGraphemes: boolean;

  private constructor(parts: SentencePieceParts, options: SentencePieceModelOptions) {
    const file = options.file ?? options.name ?? 'sentencepiece parts';
    if (parts.modelType !== 'unigram' && parts.modelType !== 'bpe') {
      throw new BadModelError(`model type ${String(parts.modelType)} is not supported`, { file, field: 'modelType', expected: 'unigram or bpe' });
    }
    this.parts = parts;
    this.vocab = new Vocab(parts, file);
    this.normalizer = new Normalizer(parts.normalizer, this.vocab.userDefined, file);
    this.model = parts.modelType === 'unigram' ? new UnigramEncoder(this.vocab) : new BpeEncoder(this.vocab);
    this.hfGraphemes = parts.normalizer.charsmapMode === 'hf-grapheme';
    this.vocabSize = parts.pieces.length;
    this.kindById = new Uint8Array(this.vocabSize);
    for (let i = 0; i < this.vocabSize; i++) {
      const t = this.vocab.types[i]!;
      this.kindById[i] = t === T_UNKNOWN ? TokenKind.Unknown : t === T_BYTE ? TokenKind.Byte : t === T_CONTROL ? TokenKind.Control : TokenKind.Normal;
    }
    this.spec = options.spec ?? `spm:${file}`;
    this.name = options.name ?? file;
    this.sourceFiles = options.sourceFiles ?? [];
  }

  static fromFile(path: string): SentencePieceModel {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (cause) {
      throw new BadModelError('cannot read the SentencePiece model', { file: path, expected: 'a readable .model file', cause });
    }
    return SentencePieceModel.fromBuffer(bytes, path, { spec: `spm:${path}`, name: basename(path).replace(/\.model$/, ''), sourceFiles: [path] });
  }

  static fromBuffer(bytes: Uint8Array, nameForErrors: string, options: SentencePieceModelOptions = {}): SentencePieceModel {
    const info = parseModelProto(bytes, nameForErrors);
    if (info.parts.unkId < 0) {
      throw new BadModelError('the model has no piece of type UNKNOWN', { file: nameForErrors, field: 'pieces', expected: 'one <unk> piece' });
    }
    return new SentencePieceModel(info.parts, { file: nameForErrors, ...options });
  }

  static fromParts(parts: SentencePieceParts, options: SentencePieceModelOptions = {}): SentencePieceModel {
    return new SentencePieceModel(parts, options);
  }

  /** Encode to the model's raw token spans; the low-level fast path the public encode builds on. */
  private run(text: string): number {
    // UTF-8 needs at most 3 bytes per UTF-16 unit; lone surrogates become U+FFFD (EF BF BD).
    const need = text.length * 3 + 4;
    if (this.srcBuf.length < need) this.srcBuf = new Uint8Array(need * 2);
    const written = this.utf8.encodeInto(text, this.srcBuf).written;
    const n = this.normalizer.normalize(this.srcBuf, written, this.hfGraphemes ? graphemeByteEnds(text) : null);
    if (n === 0) { this.tokens.reset(0); return 0; }
    this.model.encode(this.normalizer.out, n, this.tokens);
    return this.tokens.count;
  }

  /** Encode UTF-8 bytes that are already valid (the line filter's fast path: no string in between). */
  private runUtf8(bytes: Uint8Array): number {
    if (this.hfGraphemes) return this.run(this.utf8Decoder.decode(bytes));
    const n = this.normalizer.normalize(bytes, bytes.length, null);
    if (n === 0) { this.tokens.reset(0); return 0; }
    this.model.encode(this.normalizer.out, n, this.tokens);
    return this.tokens.count;
  }

  /** Ids only (no pieces, kinds or offsets): what the benchmark and bulk counting need. */
  encodeIds(text: string): Int32Array {
    return this.expandIds(this.run(text));
  }

  /**
   * Ids of one line given as valid UTF-8 (the caller checks it, e.g. with `buffer.isUtf8`): the
   * same ids as `encodeIds` of its decoded text, without decoding it. `analyze encode` uses this.
   */
  encodeIdsUtf8(bytes: Uint8Array): Int32Array {
    return this.expandIds(this.runUtf8(bytes));
  }

  /** The ids of the last model pass, unknown runs split into byte pieces when byte_fallback. */
  private expandIds(count: number): Int32Array {
    const t = this.tokens;
    const byteIds = this.vocab.byteIds;
    const fallback = this.parts.byteFallback;
    const unk = this.vocab.unkId;
    let extra = 0;
    if (fallback) for (let i = 0; i < count; i++) if (t.id[i] === unk) extra += t.end[i]! - t.start[i]! - 1;
    const ids = new Int32Array(count + extra);
    const norm = this.normalizer.out;
    let j = 0;
    for (let i = 0; i < count; i++) {
      const id = t.id[i]!;
      if (fallback && id === unk) {
        for (let b = t.start[i]!; b < t.end[i]!; b++) ids[j++] = byteIds[norm[b]!]!;
      } else ids[j++] = id;
    }
    return ids;
  }

  encode(text: string, _options?: EncodeOptions): Encoding {
    const count = this.run(text);
    const t = this.tokens;
    const norm = this.normalizer.out;
    const n2o = this.normalizer.normToOrig;
    const { byteIds, unkId: unk, pieces: pieceOf } = this.vocab;
    const fallback = this.parts.byteFallback;
    let extra = 0;
    if (fallback) for (let i = 0; i < count; i++) if (t.id[i] === unk) extra += t.end[i]! - t.start[i]! - 1;
    const total = count + extra;
    const ids = new Int32Array(total);
    const kinds = new Uint8Array(total);
    const pieces = new Array<string>(total);
    const offsets = new Uint32Array(total * 2);
    const ascii = isAscii(text);
    const toU16 = ascii ? null : new Utf8ToUtf16(text);
    const conv = (byteOff: number): number => (toU16 === null ? byteOff : toU16.at(byteOff));
    let j = 0;
    for (let i = 0; i < count; i++) {
      const id = t.id[i]!;
      const s = t.start[i]!, e = t.end[i]!;
      if (id === unk && fallback) {
        // Each byte piece gets the span of its own character (the Encoding contract);
        // sentencepiece itself gives the whole run's span to the last byte only.
        for (let p = s; p < e; ) {
          const q = Math.min(e, p + oneCharLen(norm[p]!));
          const cb = conv(n2o[p]!), ce = conv(n2o[q]!);
          for (let b = p; b < q; b++) {
            const bid = byteIds[norm[b]!]!;
            ids[j] = bid;
            kinds[j] = this.kindById[bid]!;
            pieces[j] = pieceOf[bid]!;
            offsets[2 * j] = cb;
            offsets[2 * j + 1] = ce;
            j++;
          }
          p = q;
        }
        continue;
      }
      const ob = conv(n2o[s]!);
      const oe = conv(n2o[e]!);
      ids[j] = id;
      kinds[j] = this.kindById[id]!;
      // An unknown token shows its normalized surface, as sentencepiece's EncodeAsPieces does.
      pieces[j] = id === unk ? this.utf8Decoder.decode(norm.subarray(s, e)) : pieceOf[id]!;
      offsets[2 * j] = ob;
      offsets[2 * j + 1] = oe;
      j++;
    }
    return { ids, pieces, kinds, offsets };
  }

  decode(ids: ArrayLike<number>): string {
    const types = this.vocab.types;
    const bytes: number[] = [];
    let text = '';
    const flush = (): void => {
      if (bytes.length > 0) { text += this.utf8Decoder.decode(Uint8Array.from(bytes)); bytes.length = 0; }
    };
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (!(id >= 0 && id < this.vocabSize)) throw new BadModelError(`id ${id} is out of range`, { field: 'ids', expected: `0 ≤ id < ${this.vocabSize}` });
      const t = types[id]!;
      if (t === T_CONTROL || t === T_UNUSED) continue;
      if (t === T_BYTE) { bytes.push(parseInt(this.vocab.pieces[id]!.slice(3, 5), 16)); continue; }
      flush();
      text += t === T_UNKNOWN ? UNK_SURFACE : this.vocab.pieces[id]!;
    }
    flush();
    let out = this.parts.normalizer.escapeWhitespaces ? text.replaceAll('\u2581', ' ') : text;
    const nz = this.parts.normalizer;
    if ((nz.addDummyPrefix || nz.removeExtraWhitespaces) && !nz.treatWhitespaceAsSuffix && out.startsWith(' ')) out = out.slice(1);
    return out;
  }

  idToPiece(id: number): string {
    const p = this.vocab.pieces[id];
    if (p === undefined) throw new BadModelError(`id ${id} is out of range`, { field: 'id', expected: `0 ≤ id < ${this.vocabSize}` });
    return p;
  }

  kindOf(id: number): TokenKind {
    const k = this.kindById[id];
    if (k === undefined) throw new BadModelError(`id ${id} is out of range`, { field: 'id', expected: `0 ≤ id < ${this.vocabSize}` });
    return k as TokenKind;
  }

  /** Id of a piece string (reserved pieces included), or the unknown id, as PieceToId. */
  pieceToId(piece: string): number {
    const r = this.vocab.reserved.get(piece);
    if (r !== undefined) return r;
    const b = this.utf8.encode(piece);
    const id = this.vocab.trie.lookup(b, 0, b.length);
    return id >= 0 ? id : this.vocab.unkId;
  }
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** UTF-8 byte offset of the end of each extended grapheme cluster of `text`. */
function graphemeByteEnds(text: string): Int32Array {
  const ends: number[] = [];
  let byte = 0;
  for (const { segment } of graphemes.segment(text)) {
    byte += utf8Length(segment);
    ends.push(byte);
  }
  ends.push(byte + 1);
  return Int32Array.from(ends);
}

