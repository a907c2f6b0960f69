import type { Tokenizer } from '../tokenizers/types.js';

/** Label id for positions that carry no label (as in HF/PyTorch cross-entropy's ignore_index). */
export const IGNORE_INDEX = -100;

export interface AlignedSentence {
  /** Token ids of the words joined by single spaces (special tokens included when asked). */
  ids: Int32Array;
  /** Tag index at each word's first sub-token, IGNORE_INDEX elsewhere. */
  labels: Int32Array;
  /** Position of each word's first sub-token in `ids`, or -1 when it has none (lost to truncation). */
  wordFirstToken: Int32Array;
}

export interface AlignOptions {
  /** Add the tokenizer's special tokens (XGLM's leading `</s>`). Default true. */
  addSpecialTokens?: boolean;
  /** Keep at most this many tokens. */
  maxLength?: number;
}

/**
 * Tokenise a word-segmented sentence as running text (words joined by spaces, one encode call) and
 * find each word's first sub-token from the tokenizer's character offsets: the first token whose
 * span overlaps the word. Empty spans (SentencePiece's lone `▁`, special tokens) belong to no word.
 */
export function alignWords(
  tokenizer: Tokenizer,
  words: readonly string[],
  tagIds: readonly number[] | undefined,
  options: AlignOptions = {},
): AlignedSentence {
  const text = words.join(' ');
  const enc = tokenizer.encode(text, { addSpecialTokens: options.addSpecialTokens ?? true });
  const n = Math.min(enc.ids.length, options.maxLength ?? Number.POSITIVE_INFINITY);
  const ids = enc.ids.slice(0, n);
  const labels = new Int32Array(n).fill(IGNORE_INDEX);
  const wordFirstToken = new Int32Array(words.length).fill(-1);
  let wordStart = 0;
  let t = 0;
  words.forEach((word, w) => {
    const wordEnd = wordStart + word.length;
    const start = (i: number): number => enc.offsets[2 * i]!;
    const end = (i: number): number => enc.offsets[2 * i + 1]!;
    // Tokens are in text order: skip those before this word and empty spans, never going back.
    while (t < n && (end(t) <= wordStart || end(t) === start(t))) t++;
    if (t < n && start(t) < wordEnd) {
      wordFirstToken[w] = t;
      if (tagIds) labels[t] = tagIds[w]!;
      t++;
    }
    wordStart = wordEnd + 1;
  });
  return { ids, labels, wordFirstToken };
}
