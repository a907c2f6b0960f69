import { conlluLines } from '../corpora/conllu.js';
import { DatasetFormatError } from './errors.js';
import type { TaggedSentence } from './types.js';

/**
 * CoNLL-U (UD treebanks): one sentence per block, words with FORM (column 2) and UPOS (column 4).
 * Comments, multiword-token ranges (`3-4`) and empty nodes (`5.1`) are skipped, so the words are the
 * syntactic words that carry UPOS.
 */
export function fromConllu(text: string, file: string, tags: readonly string[]): TaggedSentence[] {
  const out: TaggedSentence[] = [];
  let cur: TaggedSentence | null = null;
  const columnsError = (message: string, line: number): Error => new DatasetFormatError(message, { file, line, expected: 'a CoNLL-U word line' });
  for (const item of conlluLines(text, columnsError)) {
    if (item.kind === 'break') {
      if (cur) out.push(cur);
      cur = null;
      continue;
    }
    if (item.kind === 'comment' || !item.word) continue;
    const { line, cols } = item;
    const id = cols[0]!;
    if (!/^\d+$/.test(id)) throw new DatasetFormatError(`bad word id "${id}"`, { file, line, field: 'ID', expected: 'an integer' });
    const upos = cols[3]!;
    if (!tags.includes(upos)) {
      throw new DatasetFormatError(`UPOS "${upos}" is not in the tag set`, { file, line, field: 'UPOS', expected: `one of ${tags.join(', ')}` });
    }
    cur ??= { words: [], tags: [], line };
    cur.words.push(cols[1]!);
    cur.tags.push(upos);
  }
  if (cur) out.push(cur);
  return out;
}
