/**
 * The training settings of the tuning grid: one schema, one set of names (those of `analyze tune`'s
 * options), one set of defaults. `analyze tune` builds its options (defaults and help) from it
 * (`src/cli/schema-options.ts`), `runGrid` fills what a caller leaves out from `TRAINING_DEFAULTS`,
 * and a study file's `budgets` is this schema. Kept free of tfjs.
 */
import { z } from 'zod';
import { DEFAULT_WORD_TOKEN, WORD_TOKEN_CHOICES } from '../tasks/token-align.js';

const positiveInt = z.number().int().positive();

/** Every field has a default or is optional, so `{}` is a whole config (`TRAINING_DEFAULTS`). */
export const TrainingConfigSchema = z.object({
  steps: positiveInt.default(100).describe('Optimiser steps per run'),
  batchSize: positiveInt.default(8).describe('Examples per training and scoring batch'),
  lrPrompt: z.number().positive().default(3e-2).describe('Peak learning rate of prompt tuning'),
  lrFinetune: z.number().positive().default(1e-4).describe('Peak learning rate of full fine-tuning'),
  lrHead: z.number().positive().default(5e-3).describe('Peak learning rate of the POS/NER linear head (both methods)'),
  virtualTokens: positiveInt.default(20).describe('Soft-prompt length (prompt tuning)'),
  maxLength: positiveInt.default(128).describe("Token cap per sequence (also capped by the model's positions, less the soft prompt)"),
  maxTrain: positiveInt.optional().describe('Use at most this many training examples'),
  maxEval: positiveInt.optional().describe('Use at most this many dev and test examples'),
  evalEvery: positiveInt.optional().describe('Dev evaluation every N steps for model selection (default steps/4)'),
  wordToken: z.enum(WORD_TOKEN_CHOICES).default(DEFAULT_WORD_TOKEN)
    .describe('POS/NER: the sub-token whose hidden state represents each word (last sees the whole word in a causal model)'),
  freezeEmbeddings: z.boolean().default(false)
    .describe('Full fine-tuning: keep the token embeddings (tied to the LM head) frozen; a results file holds one choice'),
});

export type TrainingConfig = z.output<typeof TrainingConfigSchema>;
export type TrainingConfigInput = z.input<typeof TrainingConfigSchema>;

/** What each setting is when nothing sets it. */
export const TRAINING_DEFAULTS: Readonly<TrainingConfig> = Object.freeze(TrainingConfigSchema.parse({}));

/** Evaluations for model selection: every `evalEvery` steps, by default four per run. */
export function evalEveryOf(config: Pick<TrainingConfig, 'steps' | 'evalEvery'>): number {
  return config.evalEvery ?? Math.max(1, Math.floor(config.steps / 4));
}

/**
 * Study files before the names were unified used other keys for the same settings; each maps to
 * the key that replaced it, so the study loader can say which key to write instead.
 */
export const RENAMED_TRAINING_KEYS: Readonly<Record<string, string>> = {
  learningRate: '`lrPrompt`, `lrFinetune` and `lrHead`',
  promptLength: '`virtualTokens`',
  maxSeqLen: '`maxLength`',
  maxTrainExamples: '`maxTrain`',
  maxEvalExamples: '`maxEval`',
};

/** `given` with every setting it leaves out (or sets to undefined) taken from `TRAINING_DEFAULTS`. */
export function withTrainingDefaults(given: Partial<TrainingConfig>): TrainingConfig {
  const out: Record<string, unknown> = { ...TRAINING_DEFAULTS };
  for (const key of Object.keys(TrainingConfigSchema.shape) as (keyof TrainingConfig)[]) {
    if (given[key] !== undefined) out[key] = given[key];
  }
  return out as TrainingConfig;
}

/** Just the training settings of a larger object (a `TuneConfig`, a study's budgets), leaving out those it does not set. */
export function pickTrainingConfig(from: Partial<TrainingConfig>): Partial<TrainingConfig> {
  return Object.fromEntries((Object.keys(TrainingConfigSchema.shape) as (keyof TrainingConfig)[])
    .filter((k) => from[k] !== undefined).map((k) => [k, from[k]])) as Partial<TrainingConfig>;
}
