/**
 * XGLM's tokenizer: a SentencePiece model seen through fairseq's dictionary
 * (transformers' XGLMTokenizer): `<s>`=0, `<pad>`=1, `</s>`=2, `<unk>`=3, every other
 * SentencePiece id shifted by +1, then 7 `<madeupwordN>`; one sequence is `</s>` + ids.
 * Checked against transformers' output (golden xglm-format-golden.json, test/fixtures/golden).
 */
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { InvalidOptionError } from '../../errors.js';
import { SentencePieceModel } from '../sentencepiece/index.js';
import type { EncodeOptions, Encoding, Tokenizer, TokenizerFormat } from '../types.js';
import { TokenKind } from '../types.js';
import { XGLM_SPECIALS, xglmPartsFromTokenizerJson } from './hf-json.js';

/**
 * How the SentencePiece normalisation charsmap is applied: `sentencepiece` (longest match, as
 * sentencepiece and transformers' slow XGLMTokenizer do) or `transformers` (per grapheme cluster,
 * as the fast tokenizer that `AutoTokenizer` builds from `sentencepiece.bpe.model` does). They
 * differ on rare sequences such as Bengali `ে` + `া`.
 */
export type XglmNormalization = 'sentencepiece' | 'transformers';

const FAIRSEQ_OFFSET = 1;
const UNK = 3;
const EOS = 2;
const MADE_UP_WORDS = 7;

export class XglmTokenizer implements Tokenizer {
  readonly format: TokenizerFormat = 'xglm';
  readonly vocabSize: number;
  private readonly spmSize: number;

  private constructor(
    readonly spm: SentencePieceModel,
    private readonly madeUpWords: number,
    readonly spec: string,
    readonly name: string,
    readonly sourceFiles: readonly string[],
  ) {
    this.spmSize = spm.vocabSize;
    this.vocabSize = this.spmSize + FAIRSEQ_OFFSET + madeUpWords;
  }

  /**
   * An HF XGLM directory: `sentencepiece.bpe.model`, else `tokenizer.json` (which always follows
   * transformers). `normalization` applies to the SentencePiece file.
   */
  static fromDir(dir: string, spec = `xglm:${dir}`, normalization: XglmNormalization = 'sentencepiece'): XglmTokenizer {
    const name = basename(resolve(dir));
    const model = join(dir, 'sentencepiece.bpe.model');
    if (existsSync(model)) {
      const spm = _withNormalization(SentencePieceModel.fromFile(model), normalization);
      return new XglmTokenizer(spm, MADE_UP_WORDS, spec, name, [model]);
    }
    const json = join(dir, 'tokenizer.json');
    if (existsSync(json)) {
      const { parts, madeUpWords } = xglmPartsFromTokenizerJson(json);
      const spm = SentencePieceModel.fromParts(parts, { file: json, name, sourceFiles: [json] });
      return new XglmTokenizer(spm, madeUpWords, spec, name, [json]);
    }
    throw new InvalidOptionError('not an XGLM tokenizer directory', {
      file: dir, field: 'tokenizer', expected: 'a folder with sentencepiece.bpe.model or tokenizer.json',
    });
  }

  /**
   * A SentencePiece model seen through XGLM's conventions, as transformers' `XGLMTokenizer` reads a
   * `sentencepiece.bpe.model`: what a model folder saved with that file gives in Python.
   */
  static fromSentencePiece(spm: SentencePieceModel, spec = `xglm:${spm.spec}`, normalization: XglmNormalization = 'sentencepiece'): XglmTokenizer {
    return new XglmTokenizer(_withNormalization(spm, normalization), MADE_UP_WORDS, spec, spm.name, spm.sourceFiles);
  }

  /** Which charsmap application this tokenizer follows. */
  get normalization(): XglmNormalization {
    return this.spm.parts.normalizer.charsmapMode === 'hf-grapheme' ? 'transformers' : 'sentencepiece';
  }

  /** SentencePiece id → XGLM id (`<unk>` 0 → 3, others +1). */
  private toXglm(id: number): number {
    return id === 0 ? UNK : id + FAIRSEQ_OFFSET;
  }

  encode(text: string, options?: EncodeOptions): Encoding {
    const e = this.spm.encode(text);
    const special = options?.addSpecialTokens === true ? 1 : 0;
    const n = e.ids.length + special;
    const ids = new Int32Array(n);
    const kinds = new Uint8Array(n);
    const pieces = new Array<string>(n);
    const offsets = new Uint32Array(2 * n);
    if (special) {
      ids[0] = EOS;
      kinds[0] = TokenKind.Control;
      pieces[0] = '</s>';
    }
    const unkSpm = this.spm.parts.unkId;
    for (let i = 0; i < e.ids.length; i++) {
      const id = e.ids[i]!;
      const j = i + special;
      ids[j] = id === unkSpm ? UNK : this.toXglm(id);
      kinds[j] = e.kinds[i]!;
      // HF shows the unknown token as `<unk>`, not its surface.
      pieces[j] = id === unkSpm ? '<unk>' : e.pieces[i]!;
      offsets[2 * j] = e.offsets[2 * i]!;
      offsets[2 * j + 1] = e.offsets[2 * i + 1]!;
    }
    return { ids, pieces, kinds, offsets };
  }

  /** Ids of one line of valid UTF-8 (`Utf8IdsEncoder`): the SentencePiece ids shifted, `</s>` first with `addSpecialTokens`. */
  encodeIdsUtf8(bytes: Uint8Array, options?: EncodeOptions): Int32Array {
    const spmIds = this.spm.encodeIdsUtf8(bytes);
    const special = options?.addSpecialTokens === true ? 1 : 0;
    const ids = new Int32Array(spmIds.length + special);
    if (special) ids[0] = EOS;
    const unkSpm = this.spm.parts.unkId;
    for (let i = 0; i < spmIds.length; i++) {
      const id = spmIds[i]!;
      ids[i + special] = id === unkSpm ? UNK : this.toXglm(id);
    }
    return ids;
  }

  decode(ids: ArrayLike<number>): string {
    const spmIds: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (id === UNK) spmIds.push(0);
      else if (id > UNK && id < this.spmSize + FAIRSEQ_OFFSET) spmIds.push(id - FAIRSEQ_OFFSET);
      else this.idToPiece(id); // range check; specials and made-up words print nothing
    }
    return this.spm.decode(spmIds);
  }

  idToPiece(id: number): string {
    if (!Number.isInteger(id) || id < 0 || id >= this.vocabSize) {
      throw new InvalidOptionError(`id ${id} is out of range`, { field: 'id', expected: `0 ≤ id < ${this.vocabSize}` });
    }
    if (id <= UNK) return XGLM_SPECIALS[id]!;
    if (id < this.spmSize + FAIRSEQ_OFFSET) return this.spm.idToPiece(id - FAIRSEQ_OFFSET);
    return `<madeupword${id - this.spmSize - FAIRSEQ_OFFSET}>`;
  }

  kindOf(id: number): TokenKind {
    this.idToPiece(id);
    if (id === UNK) return TokenKind.Unknown;
    if (id < UNK || id >= this.spmSize + FAIRSEQ_OFFSET) return TokenKind.Control;
    return this.spm.kindOf(id - FAIRSEQ_OFFSET);
  }
}

function _withNormalization(spm: SentencePieceModel, normalization: XglmNormalization): SentencePieceModel {
  const mode = normalization === 'transformers' ? 'hf-grapheme' : 'sentencepiece';
  if ((spm.parts.normalizer.charsmapMode ?? 'sentencepiece') === mode) return spm;
  return SentencePieceModel.fromParts(
    { ...spm.parts, normalizer: { ...spm.parts.normalizer, charsmapMode: mode } },
    { spec: spm.spec, name: spm.name, sourceFiles: spm.sourceFiles },
  );
}

/** Load `xglm:DIR` (the `xglm:` prefix is optional). */
export function loadXglmSpec(spec: string): XglmTokenizer {
  const dir = spec.startsWith('xglm:') ? spec.slice(5) : spec;
  if (dir.length === 0) throw new InvalidOptionError('empty XGLM spec', { field: 'tokenizer', expected: 'xglm:DIR' });
  return XglmTokenizer.fromDir(dir, spec.startsWith('xglm:') ? spec : `xglm:${spec}`);
}
