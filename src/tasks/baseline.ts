/**
 * The trivial baseline of each task on a test set, so a score can be read against "learned nothing":
 * - XNLI, PAWS-X, POS: majority-class accuracy. The majority class (label, or UPOS tag over words)
 *   is counted on the training examples the run used, as a classifier that learned only the label
 *   prior would; it is then scored on the test set. Ties go to the task's label order.
 * - NER: entity-level F1 of tagging every word `O`. It finds no entity, so precision and recall are
 *   both 0 (seqeval's zero_division default) and F1 is 0 whenever the test set has a gold entity.
 */
import type { PairExample, TaggedSentence } from '../datasets/types.js';
import type { PairTask, Task, TokenTask } from './types.js';

/** The most frequent of `values`; ties (and an empty list) go to the earliest in `order`. */
export function majorityLabel(values: Iterable<string>, order: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return order.reduce((best, label) => ((counts.get(label) ?? 0) > (counts.get(best) ?? 0) ? label : best), order[0] ?? '');
}

/** Majority-class accuracy of a pair task: the training set's most frequent label, scored on `test`. */
export function pairBaseline(task: PairTask, train: readonly PairExample[], test: readonly PairExample[]): number {
  const label = majorityLabel(train.map((e) => e.label), task.labels);
  return test.length === 0 ? 0 : test.filter((e) => e.label === label).length / test.length;
}

/**
 * A tagging task's baseline on `test`, scored with the task's own metric: POS tags every word with
 * the training set's most frequent tag; NER tags every word `O` (F1 0 when `test` has an entity).
 */
export function taggedBaseline(task: TokenTask, train: readonly TaggedSentence[], test: readonly TaggedSentence[]): number {
  const tag = task.name === 'ner' ? 'O' : majorityLabel(train.flatMap((s) => s.tags), task.labels);
  return task.score(test.map((s) => s.tags), test.map((s) => s.words.map(() => tag)));
}

/** The baseline of any task (see the module comment). */
export function taskBaseline(task: Task, train: readonly (PairExample | TaggedSentence)[], test: readonly (PairExample | TaggedSentence)[]): number {
  return task.kind === 'pair'
    ? pairBaseline(task, train as readonly PairExample[], test as readonly PairExample[])
    : taggedBaseline(task, train as readonly TaggedSentence[], test as readonly TaggedSentence[]);
}
