/**
 * Models of a tokenizer.json: data (`ModelConfigSchema`, a zod union on the `type` tag) with the
 * fields this code reads. Unigram is built here for our own pipeline (`buildUnigram`); BPE with
 * a charsmap is rebuilt for the SentencePiece engine (sentencepiece-bpe.ts); the HF library builds
 * the others from the file itself.
 */
import { z } from 'zod';
import { UnigramModel } from './unigram.js';
import { PieceIdsSchema, UnigramVocabSchema, type PieceIds, type UnigramVocab } from './vocab.js';

export const MODEL_TYPES = ['Unigram', 'BPE', 'WordPiece', 'WordLevel'] as const;

export interface UnigramConfig { type: 'Unigram'; vocab: UnigramVocab; unk_id?: number | null | undefined; byte_fallback?: boolean | undefined }
export interface BpeConfig { type: 'BPE'; vocab: PieceIds; unk_token?: string | null | undefined; byte_fallback?: boolean | undefined }
export interface WordPieceConfig { type: 'WordPiece'; unk_token?: string | null | undefined; continuing_subword_prefix?: string | null | undefined }
export interface WordLevelConfig { type: 'WordLevel'; unk_token?: string | null | undefined }

/** A model as `tokenizer.json` writes it (the fields this code reads). */
export type ModelConfig = UnigramConfig | BpeConfig | WordPieceConfig | WordLevelConfig;

export const ModelConfigSchema: z.ZodType<ModelConfig> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Unigram'), vocab: UnigramVocabSchema, unk_id: z.number().int().nonnegative().nullish(), byte_fallback: z.boolean().optional() }),
  z.object({ type: z.literal('BPE'), vocab: PieceIdsSchema, unk_token: z.string().nullish(), byte_fallback: z.boolean().optional() }),
  z.object({ type: z.literal('WordPiece'), unk_token: z.string().nullish(), continuing_subword_prefix: z.string().nullish() }),
  z.object({ type: z.literal('WordLevel'), unk_token: z.string().nullish() }),
]);

/** The Viterbi model a Unigram config describes. */
export function buildUnigram(config: UnigramConfig): UnigramModel {
  const n = config.vocab.length;
  const pieces: string[] = new Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [piece, score] = config.vocab[i]!;
    pieces[i] = piece;
    scores[i] = score;
  }
  return new UnigramModel(pieces, scores, config.unk_id ?? null, config.byte_fallback ?? false);
}
