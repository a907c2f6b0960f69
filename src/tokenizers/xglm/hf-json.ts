/**
 * Rebuild SentencePiece parts from the HF `tokenizer.json` that transformers' XGLMConverter
 * writes (Unigram model, XGLM id layout), so that it runs through our exact engine:
 * HF vocab = [<s>, <pad>, </s>, <unk>] + SentencePiece pieces 3.. + <madeupwordN>…
 * The HF pipeline (Precompiled, Strip right, Replace ' {2,}', Metaspace prepend) matches
 * SentencePiece's normaliser except on leading whitespace, which SentencePiece drops.
 */
import { BadModelError, decodePrecompiledCharsmap, type PieceEntry, type SentencePieceParts } from '../sentencepiece/index.js';
import { findComponent } from '../hf-json/components.js';
import { normalizerChildren } from '../hf-json/normalizers/index.js';
import { componentConfig, readTokenizerJson } from '../hf-json/tokenizer-json.js';

export const XGLM_SPECIALS = ['<s>', '<pad>', '</s>', '<unk>'] as const;

export interface XglmJsonParts {
  parts: SentencePieceParts;
  /** Number of `<madeupwordN>` entries at the end of the HF vocabulary. */
  madeUpWords: number;
}

export function xglmPartsFromTokenizerJson(path: string): XglmJsonParts {
  const tj = readTokenizerJson(path);
  const { model } = tj;
  if (model.type !== 'Unigram') {
    throw new BadModelError('tokenizer.json has no Unigram model', { file: path, field: 'model.type', expected: 'model.type "Unigram" (XGLMConverter output)' });
  }
  const { vocab } = model;
  for (let i = 0; i < XGLM_SPECIALS.length; i++) {
    if (vocab[i]?.[0] !== XGLM_SPECIALS[i]) {
      throw new BadModelError(`vocab entry ${i} is not ${XGLM_SPECIALS[i]}`, { file: path, field: `model.vocab[${i}]`, expected: 'XGLM layout <s>, <pad>, </s>, <unk>' });
    }
  }
  let end = vocab.length;
  let madeUpWords = 0;
  while (end > XGLM_SPECIALS.length && /^<madeupword\d+>$/.test(vocab[end - 1]![0])) {
    end--;
    madeUpWords++;
  }
  const byteFallback = model.byte_fallback === true;
  const pieces: PieceEntry[] = [
    { piece: '<unk>', score: 0, type: 'unknown' },
    { piece: '<s>', score: 0, type: 'control' },
    { piece: '</s>', score: 0, type: 'control' },
  ];
  for (let i = XGLM_SPECIALS.length; i < end; i++) {
    const [piece, score] = vocab[i]!;
    const isByte = byteFallback && /^<0x[0-9A-F]{2}>$/.test(piece);
    pieces.push({ piece, score, type: isByte ? 'byte' : 'normal' });
  }
  const precompiled = findComponent(componentConfig(tj, 'normalizer'), 'Precompiled', normalizerChildren);
  const charsmap = precompiled?.precompiled_charsmap ?? null;
  return {
    parts: {
      modelType: 'unigram',
      pieces,
      unkId: 0,
      byteFallback,
      normalizer: {
        precompiledCharsmap: charsmap === null ? null : decodePrecompiledCharsmap(charsmap, path),
        addDummyPrefix: true,
        removeExtraWhitespaces: true,
        escapeWhitespaces: true,
        charsmapMode: 'hf-grapheme',
      },
    },
    madeUpWords,
  };
}
