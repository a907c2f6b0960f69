/**
 * Rebuild SentencePiece parts from the HF `tokenizer.json` that transformers' XGLMConverter
 * writes (Unigram model, XGLM id layout), so that it runs through our exact engine:
 * HF vocab = [<s>, <pad>, </s>, <unk>] + SentencePiece pieces 3.. + <madeupwordN>…
 * The HF pipeline (Precompiled, Strip right, Replace ' {2,}', Metaspace prepend) matches
 * SentencePiece's normaliser except on leading whitespace, which SentencePiece drops.
 */
import { readFileSync } from 'node:fs';
import { BadModelError, decodePrecompiledCharsmap, type PieceEntry, type SentencePieceParts } from '../sentencepiece/index.js';

export const XGLM_SPECIALS = ['<s>', '<pad>', '</s>', '<unk>'] as const;

export interface XglmJsonParts {
  parts: SentencePieceParts;
  /** Number of `<madeupwordN>` entries at the end of the HF vocabulary. */
  madeUpWords: number;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function findCharsmap(normalizer: unknown): string | null {
  if (!isObject(normalizer)) return null;
  if (normalizer.type === 'Precompiled' && typeof normalizer.precompiled_charsmap === 'string') return normalizer.precompiled_charsmap;
  if (normalizer.type === 'Sequence' && Array.isArray(normalizer.normalizers)) {
    for (const n of normalizer.normalizers) {
      const found = findCharsmap(n);
      if (found !== null) return found;
    }
  }
  return null;
}

export function xglmPartsFromTokenizerJson(path: string): XglmJsonParts {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new BadModelError('cannot read tokenizer.json as JSON', { file: path, expected: 'an HF tokenizer.json', cause });
  }
  const model = isObject(json) ? json.model : undefined;
  if (!isObject(model) || model.type !== 'Unigram' || !Array.isArray(model.vocab)) {
    throw new BadModelError('tokenizer.json has no Unigram model', { file: path, field: 'model', expected: 'model.type "Unigram" with a vocab array (XGLMConverter output)' });
  }
  const vocab = model.vocab as unknown[];
  for (let i = 0; i < XGLM_SPECIALS.length; i++) {
    const e = vocab[i];
    if (!Array.isArray(e) || e[0] !== XGLM_SPECIALS[i]) {
      throw new BadModelError(`vocab entry ${i} is not ${XGLM_SPECIALS[i]}`, { file: path, field: `model.vocab[${i}]`, expected: 'XGLM layout <s>, <pad>, </s>, <unk>' });
    }
  }
  let end = vocab.length;
  let madeUpWords = 0;
  while (end > XGLM_SPECIALS.length) {
    const e = vocab[end - 1];
    if (!Array.isArray(e) || typeof e[0] !== 'string' || !/^<madeupword\d+>$/.test(e[0])) break;
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
    const e = vocab[i];
    if (!Array.isArray(e) || typeof e[0] !== 'string' || typeof e[1] !== 'number') {
      throw new BadModelError(`vocab entry ${i} is not [piece, score]`, { file: path, field: `model.vocab[${i}]`, expected: '[string, number]' });
    }
    const isByte = byteFallback && /^<0x[0-9A-F]{2}>$/.test(e[0]);
    pieces.push({ piece: e[0], score: e[1], type: isByte ? 'byte' : 'normal' });
  }
  const charsmap = findCharsmap((json as Json).normalizer);
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
