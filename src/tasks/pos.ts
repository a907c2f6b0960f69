import { UPOS_TAGS } from '../datasets/types.js';
import { TaskInputError } from './errors.js';
import type { TokenTask } from './types.js';

/** Word-level accuracy over all words of all sentences. */
export function wordAccuracy(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): number {
  checkShapes(gold, predicted);
  let right = 0;
  let total = 0;
  gold.forEach((g, i) => {
    const p = predicted[i]!;
    g.forEach((tag, j) => {
      total++;
      if (p[j] === tag) right++;
    });
  });
  return total === 0 ? 0 : right / total;
}

export const posTask: TokenTask = {
  kind: 'token',
  name: 'pos',
  labels: UPOS_TAGS,
  metric: 'accuracy',
  score: wordAccuracy,
};

export function checkShapes(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): void {
  if (gold.length !== predicted.length) {
    throw new TaskInputError(`${predicted.length} predicted sentences for ${gold.length} gold sentences`, { field: 'predicted', expected: 'one prediction per sentence' });
  }
  gold.forEach((g, i) => {
    if (predicted[i]!.length !== g.length) {
      throw new TaskInputError(`sentence ${i}: ${predicted[i]!.length} predicted tags for ${g.length} words`, { field: 'predicted', expected: 'one tag per word' });
    }
  });
}
