/** Rows the readers yield. `line` is the 1-based line in the source file, for error messages. */

/** A sentence pair with a class label (XNLI, PAWS-X). */
export interface PairExample {
  sentence1: string;
  sentence2: string;
  label: string;
  line: number;
}

/** A word-segmented sentence with one tag per word (POS: UPOS, NER: IOB2). */
export interface TaggedSentence {
  words: string[];
  tags: string[];
  /** Line of the sentence's first word. */
  line: number;
}

export type Split = 'train' | 'dev' | 'test';

export const XNLI_LABELS = ['entailment', 'neutral', 'contradiction'] as const;
export const PAWSX_LABELS = ['0', '1'] as const;
/** The 17 Universal POS tags of UD v2. */
export const UPOS_TAGS = [
  'ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN', 'PUNCT',
  'SCONJ', 'SYM', 'VERB', 'X',
] as const;
/** PAN-X / WikiANN IOB2 tags. */
export const NER_TAGS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC'] as const;
