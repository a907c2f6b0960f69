/**
 * Schemas of the model vocabularies. They hold up to a few hundred thousand entries, so each is
 * checked in one loop that reports the first bad entry's path: zod's per-entry tuple or record
 * parse costs a large share of the file's load time at that size.
 */
import { z } from 'zod';

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

export const PieceIdsSchema = z.custom<PieceIds>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'not a JSON object of piece → id')
  .superRefine((vocab, ctx) => {
    for (const piece in vocab) {
      const id = vocab[piece];
      if (!Number.isInteger(id) || id! < 0) return void ctx.addIssue({ code: 'custom', message: 'the id is not a non-negative integer', path: [piece] });
    }
  });
