import type { PairExample, TaggedSentence } from '../datasets/types.js';
import type { Tokenizer } from '../tokenizers/types.js';
import { TaskInputError } from './errors.js';
import { alignWords, IGNORE_INDEX, type AlignedSentence, type WordToken } from './token-align.js';
import type { PairTask, TokenTask } from './types.js';

/** Token ids of one pair example's verbalisations: `candidates[label]`, and which label is gold. */
export interface EncodedPair {
  candidates: Int32Array[];
  gold: number;
}

/** Encode every verbalisation (special tokens added, as the model saw text in pretraining), cut to `maxLength`. */
export function encodePairs(task: PairTask, examples: readonly PairExample[], tokenizer: Tokenizer, maxLength: number): EncodedPair[] {
  return examples.map((ex) => {
    const gold = task.labels.indexOf(ex.label);
    if (gold < 0) throw new TaskInputError(`label "${ex.label}" is not a ${task.name} label`, { line: ex.line, field: 'label', expected: task.labels.join(', ') });
    const candidates = task.verbalize(ex).map((text) => tokenizer.encode(text, { addSpecialTokens: true }).ids.slice(0, maxLength));
    return { candidates, gold };
  });
}

/** Tagged sentences aligned to sub-tokens (`wordToken`, default `DEFAULT_WORD_TOKEN`), with tags as indices into `task.labels`. */
export function encodeTagged(
  task: TokenTask, sentences: readonly TaggedSentence[], tokenizer: Tokenizer, maxLength: number, wordToken?: WordToken,
): AlignedSentence[] {
  return sentences.map((s) => {
    const tagIds = s.tags.map((t) => {
      const i = task.labels.indexOf(t);
      if (i < 0) throw new TaskInputError(`tag "${t}" is not a ${task.name} tag`, { line: s.line, field: 'tag', expected: task.labels.join(', ') });
      return i;
    });
    return alignWords(tokenizer, s.words, tagIds, { maxLength, ...(wordToken ? { wordToken } : {}) });
  });
}

/** A right-padded batch as nested arrays (ready for `tf.tensor2d`). */
export interface PaddedBatch {
  ids: number[][];
  mask: number[][];
  /** `labels` padded with IGNORE_INDEX; for LM batches, the ids themselves. */
  labels: number[][];
}

/** Pad sequences to the batch's longest; labels default to the ids (causal-LM training). */
export function padBatch(seqs: readonly Int32Array[], padId: number, labels?: readonly Int32Array[]): PaddedBatch {
  const t = Math.max(1, ...seqs.map((s) => s.length));
  const ids: number[][] = [];
  const mask: number[][] = [];
  const lab: number[][] = [];
  seqs.forEach((s, r) => {
    const pad = t - s.length;
    ids.push([...s, ...Array<number>(pad).fill(padId)]);
    mask.push([...Array<number>(s.length).fill(1), ...Array<number>(pad).fill(0)]);
    lab.push([...(labels ? labels[r]! : s), ...Array<number>(pad).fill(IGNORE_INDEX)]);
  });
  return { ids, mask, labels: lab };
}
