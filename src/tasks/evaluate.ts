import { evalBatches } from '../datasets/batches.js';
import type { TaggedSentence } from '../datasets/types.js';
import type { EncodedPair } from './encode.js';
import { wordPositions, type AlignedSentence } from './token-align.js';
import type { PairTask, TokenTask } from './types.js';

export interface EvalResult {
  score: number;
  n: number;
  /** What was predicted: the label index per pair example, or the tag per word of each sentence (`''` for a word cut off). */
  predictions?: number[] | string[][];
}

/**
 * Accuracy of "most likely verbalisation wins": every candidate of every example is scored by
 * `logProbs` (sum of token log-probs per sequence), in length-sorted batches of `batchSize`.
 */
export async function evaluatePairs(
  _task: PairTask,
  encoded: readonly EncodedPair[],
  logProbs: (batch: Int32Array[]) => Promise<number[]> | number[],
  batchSize: number,
): Promise<EvalResult> {
  const flat: { ex: number; label: number; ids: Int32Array }[] = [];
  encoded.forEach((e, ex) => e.candidates.forEach((ids, label) => flat.push({ ex, label, ids })));
  const scores = encoded.map((e) => e.candidates.map(() => Number.NEGATIVE_INFINITY));
  for (const batch of evalBatches(flat.map((f) => f.ids.length), batchSize)) {
    const got = await logProbs(batch.map((i) => flat[i]!.ids));
    batch.forEach((i, k) => (scores[flat[i]!.ex]![flat[i]!.label] = got[k]!));
  }
  const predictions = argmaxRows(scores);
  const right = predictions.filter((best, ex) => best === encoded[ex]!.gold).length;
  return { score: encoded.length ? right / encoded.length : 0, n: encoded.length, predictions };
}

/** Index of the best label for each example, given `scores[example][label]`; ties go to the first label. */
export function argmaxRows(scores: readonly (readonly number[])[]): number[] {
  return scores.map((row) => row.reduce((best, s, i) => (s > row[best]! ? i : best), 0));
}

/**
 * Tag every word with the label predicted at its representing sub-token (first or last, as the
 * sentence was aligned) and score with the task's metric.
 * `predict` returns, per sentence of the batch, the best label index at each token position.
 * A word without a sub-token (cut by truncation) gets no tag and counts as wrong.
 */
export async function evaluateTagged(
  task: TokenTask,
  sentences: readonly TaggedSentence[],
  aligned: readonly AlignedSentence[],
  predict: (batch: AlignedSentence[]) => Promise<number[][]> | number[][],
  batchSize: number,
): Promise<EvalResult> {
  const predicted: string[][] = sentences.map((s) => s.words.map(() => ''));
  for (const batch of evalBatches(aligned.map((a) => a.ids.length), batchSize)) {
    const got = await predict(batch.map((i) => aligned[i]!));
    batch.forEach((i, k) => {
      wordPositions(aligned[i]!).forEach((pos, w) => {
        if (pos >= 0) predicted[i]![w] = task.labels[got[k]![pos]!] ?? '';
      });
    });
  }
  return { score: task.score(sentences.map((s) => s.tags), predicted), n: sentences.length, predictions: predicted };
}
