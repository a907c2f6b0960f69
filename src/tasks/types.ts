import type { PairExample, TaggedSentence } from '../datasets/types.js';

/**
 * A sentence-pair task solved by the language model itself: each label has a verbalised text, and
 * the prediction is the label whose whole text is most likely (sum of token log-probs).
 */
export interface PairTask {
  readonly kind: 'pair';
  readonly name: 'xnli' | 'pawsx';
  readonly labels: readonly string[];
  readonly metric: 'accuracy';
  /** One text per label, in `labels` order. */
  verbalize(example: PairExample): string[];
}

/** A word-level tagging task solved with a linear head on each word's first or last sub-token. */
export interface TokenTask {
  readonly kind: 'token';
  readonly name: 'pos' | 'ner';
  readonly labels: readonly string[];
  readonly metric: 'accuracy' | 'f1';
  /** Score predictions against gold tags, sentence by sentence, in [0, 1]. */
  score(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): number;
}

export type Task = PairTask | TokenTask;
export type { PairExample, TaggedSentence };
