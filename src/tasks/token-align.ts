import type { Tokenizer } from '../tokenizers/types.js';

/** Label id for positions that carry no label (as in HF/PyTorch cross-entropy's ignore_index). */
export const IGNORE_INDEX = -100;

/**
 * Which sub-token stands for a word in POS/NER. `first` is the BERT/XTREME convention; a causal
 * model's first sub-token has not yet seen the rest of its word, so its `last` sub-token (which has)
 * is the other choice.
 */
export const WORD_TOKEN_CHOICES = ['first', 'last'] as const;
export type WordToken = (typeof WORD_TOKEN_CHOICES)[number];
/** The default word representation (measured in docs/tuning.md, "Word representation"). */
export const DEFAULT_WORD_TOKEN: WordToken = 'first';

export interface AlignedSentence {
  /** Token ids of the words joined by single spaces (special tokens included when asked). */
  ids: Int32Array;
  /** Tag index at each word's representing sub-token (`wordToken`), IGNORE_INDEX elsewhere. */
  labels: Int32Array;
  /** Position of each word's first sub-token in `ids`, or -1 when it has none (lost to truncation). */
  wordFirstToken: Int32Array;
  /** Position of each word's last sub-token in `ids`, or -1 when truncation cut it off. */
  wordLastToken: Int32Array;
  /** Which of the two carries the label and the prediction. */
  wordToken: WordToken;
}

export interface AlignOptions {
  /** Add the tokenizer's special tokens (XGLM's leading `</s>`). Default true. */
  addSpecialTokens?: boolean;
  /** Keep at most this many tokens. */
  maxLength?: number;
  /** Which sub-token carries each word's label (default `DEFAULT_WORD_TOKEN`). */
  wordToken?: WordToken;
}

/** The positions that represent each word under the sentence's `wordToken` choice. */
export function wordPositions(a: AlignedSentence): Int32Array {
  return a.wordToken === 'last' ? a.wordLastToken : a.wordFirstToken;
}

/**
 * Tokenise a word-segmented sentence as running text (words joined by spaces, one encode call) and
 * find each word's first and last sub-tokens from the tokenizer's character offsets: the tokens
 * whose spans overlap the word. Empty spans (SentencePiece's lone `▁`, special tokens) belong to no
 * word; a token reaching into the next word belongs to that word, as its first sub-token.
 */
export function alignWords(
  tokenizer: Tokenizer,
  words: readonly string[],
  tagIds: readonly number[] | undefined,
  options: AlignOptions = {},
): AlignedSentence {
  const text = words.join(' ');
  const enc = tokenizer.encode(text, { addSpecialTokens: options.addSpecialTokens ?? true });
  const total = enc.ids.length;
  const n = Math.min(total, options.maxLength ?? Number.POSITIVE_INFINITY);
  const ids = enc.ids.slice(0, n);
  const wordToken = options.wordToken ?? DEFAULT_WORD_TOKEN;
  const labels = new Int32Array(n).fill(IGNORE_INDEX);
  const wordFirstToken = new Int32Array(words.length).fill(-1);
  const wordLastToken = new Int32Array(words.length).fill(-1);
  const start = (i: number): number => enc.offsets[2 * i]!;
  const end = (i: number): number => enc.offsets[2 * i + 1]!;
  const empty = (i: number): boolean => end(i) === start(i);
  let wordStart = 0;
  let t = 0;
  words.forEach((word, w) => {
    const wordEnd = wordStart + word.length;
    // Tokens are in text order: skip those before this word and empty spans, never going back.
    while (t < total && (end(t) <= wordStart || empty(t))) t++;
    if (t < total && start(t) < wordEnd) {
      const first = t;
      let last = t;
      t++;
      // The word's further sub-tokens; one that reaches past the space into the next word is left to it.
      while (t < total && start(t) < wordEnd && end(t) <= wordEnd + 1) {
        if (!empty(t)) last = t;
        t++;
      }
      if (first < n) wordFirstToken[w] = first;
      if (last < n) wordLastToken[w] = last;
      const at = wordToken === 'last' ? wordLastToken[w]! : wordFirstToken[w]!;
      if (tagIds && at >= 0) labels[at] = tagIds[w]!;
    }
    wordStart = wordEnd + 1;
  });
  return { ids, labels, wordFirstToken, wordLastToken, wordToken };
}
