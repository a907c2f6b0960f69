/**
 * Schemas of the model vocabularies. They hold up to a few hundred thousand entries, so entries
 * are checked in one plain loop that reports the first bad entry's path: zod's per-entry tuple or
 * record parse costs a large share of the file's load time at that size.
 */
import { z } from 'zod';
import { CorruptTokenizerError } from '../../errors.js';
import { child, type JsonAt } from '../json.js';

/** Unigram's `vocab`: `[piece, score]` pairs, in id order. */
export type UnigramVocab = readonly (readonly [string, number])[];

/** BPE's `vocab`: piece → id. */
export type PieceIds = Readonly<Record<string, number>>;

export const UnigramVocabSchema = z.custom<UnigramVocab>((v) => Array.isArray(v), 'not a JSON array of [piece, score] pairs')
  .superRefine((vocab, ctx) => {
    for (let i = 0; i < vocab.length; i++) {
      const entry: unknown = vocab[i];
      if (!Array.isArray(entry)) return void ctx.addIssue({ code: 'custom', message: 'not a [piece, score] pair', path: [i] });
      if (typeof entry[0] !== 'string') return void ctx.addIssue({ code: 'custom', message: 'the piece is not a string', path: [i, 0] });
      if (typeof entry[1] !== 'number') return void ctx.addIssue({ code: 'custom', message: 'the score is not a number', path: [i, 1] });
    }
  });

/**
 * Only the shape: the ids are checked by `pieceIdsSize` on the route that reads them, inside the
 * loop it needs anyway, since a file the HF library runs pays for every pass over a big object.
 */
export const PieceIdsSchema = z.custom<PieceIds>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'not a JSON object of piece → id');

/** One more than the largest id of `vocab`; an id that is not a non-negative integer is an error naming its piece. */
export function pieceIdsSize(vocab: PieceIds, where: JsonAt): number {
  let size = 0;
  for (const piece in vocab) {
    const id = vocab[piece]!;
    if (!Number.isInteger(id) || id < 0) {
      throw new CorruptTokenizerError('the id is not a non-negative integer', { file: where.file, field: child(where, piece).path, expected: 'an id' });
    }
    if (id >= size) size = id + 1;
  }
  return size;
}
