/** Step 1 of a grid run: the training language's data, and each test language's test rows. */
import type { DatasetTask } from '../../datasets/catalog.js';
import { loadSplit, loadTaskData, type DataSource } from '../../datasets/load.js';
import type { PairExample, TaggedSentence } from '../../datasets/types.js';

export type TaskRows = PairExample[] | TaggedSentence[];

/** At most `n` rows (all when `n` is undefined). */
export function capRows<A extends readonly unknown[]>(rows: A, n: number | undefined): A {
  return n === undefined ? rows : (rows.slice(0, n) as unknown as A);
}

export interface RunData {
  /** Training rows, capped at `maxTrain`. */
  train: TaskRows;
  /** Dev rows for model selection, capped at `maxEval`. */
  dev: TaskRows;
  /** The training language's test rows (uncapped). */
  test: TaskRows;
}

/** The training language's train/dev/test data; substitutions go to `notes`. */
export async function loadRunData(dataset: DatasetTask, language: string, source: DataSource, caps: { maxTrain?: number; maxEval?: number }, notes: string[]): Promise<RunData> {
  const data = await loadTaskData(dataset, language, source);
  notes.push(...data.notes);
  return {
    train: capRows(data.train as TaskRows, caps.maxTrain),
    dev: capRows(data.dev as TaskRows, caps.maxEval),
    test: data.test as TaskRows,
  };
}

/**
 * A test language's rows, capped at `maxEval`. Zero-shot targets need only a test set (e.g. Bengali
 * POS has nothing else); without one the test rows are a carved part of the language's dev data.
 */
export async function loadTestRows(dataset: DatasetTask, language: string, trainLanguage: string, run: RunData, source: DataSource, maxEval: number | undefined, notes: string[]): Promise<TaskRows> {
  const test = language === trainLanguage ? run.test : (await loadSplit(dataset, language, 'test', source))?.rows;
  if (test === undefined) notes.push(`no ${dataset} test set for ${language}: tested on a carved part of its dev data`);
  const rows = test ?? (await loadTaskData(dataset, language, source)).test;
  return capRows(rows as TaskRows, maxEval);
}
