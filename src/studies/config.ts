/**
 * A study file (`analyses/*.json`): everything `analyze study` needs to run tokenization
 * statistics → (pretraining) → the tuning grid → correlation → report. Plain data, validated
 * with zod at the boundary; `analyses/study.schema.json` is generated from this schema.
 */
import { z } from 'zod';
import { DEFAULT_BOOTSTRAP, DEFAULT_TARGETS } from '../correlation/verbs/correlate.js';
import { WORD_TOKEN_CHOICES } from '../tasks/token-align.js';

export const TASK_NAMES = ['xnli', 'pawsx', 'pos', 'ner'] as const;
export const METHOD_NAMES = ['prompt', 'finetune'] as const;
export const SETTING_NAMES = ['in-language', 'zero-shot'] as const;

const LanguageCode = z.string().regex(/^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$/, 'a language code such as en, eng or eng_Latn');

export const HfModelSchema = z
  .object({
    type: z.literal('hf'),
    /** `hub:OWNER/NAME[@REVISION]` or a local Hugging Face model folder (config.json, weights, tokenizer files). */
    path: z.string().min(1),
    /** Name recorded in the results (`model` column); default: the path or hub spec. */
    name: z.string().min(1).optional(),
  })
  .strict();

export const SentencePieceTrainSchema = z
  .object({
    type: z.literal('sentencepiece'),
    modelType: z.enum(['unigram', 'bpe']).default('unigram'),
    vocabSize: z.number().int().min(100).max(256_000),
    characterCoverage: z.number().gt(0).max(1).default(0.9995),
    byteFallback: z.boolean().default(true),
    /** Sentences per language fed to spm_train (balanced sampling). */
    sentencesPerLanguage: z.number().int().positive().default(2000),
  })
  .strict();

export const PretrainModelSchema = z
  .object({
    type: z.literal('pretrain'),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    /** Pretraining text: a corpus spec (`flores:DIR`, `text:DIR`, `udhr`). */
    corpus: z.string().min(1),
    languages: z.array(LanguageCode).min(1),
    tokenizer: SentencePieceTrainSchema,
    /** XGLM shape, scaled down: pre-LayerNorm decoder, sinusoidal positions, tied LM head. */
    layers: z.number().int().min(1).max(48),
    dModel: z.number().int().min(8),
    heads: z.number().int().min(1),
    ffn: z.number().int().min(8),
    maxPositions: z.number().int().min(16).default(256),
    steps: z.number().int().positive(),
    batchSize: z.number().int().positive(),
    seqLen: z.number().int().min(8),
    learningRate: z.number().positive(),
    seed: z.number().int().default(1),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.dModel % m.heads !== 0) ctx.addIssue({ code: 'custom', path: ['heads'], message: `dModel ${m.dModel} is not divisible by heads ${m.heads}` });
    if (m.seqLen > m.maxPositions) ctx.addIssue({ code: 'custom', path: ['seqLen'], message: `seqLen ${m.seqLen} exceeds maxPositions ${m.maxPositions}` });
  });

export const ModelSchema = z.discriminatedUnion('type', [HfModelSchema, PretrainModelSchema]);

export const TaskSchema = z
  .object({
    name: z.enum(TASK_NAMES),
    languages: z.array(LanguageCode).min(1),
    /** Evaluation split; the data stage falls back per MANIFEST (e.g. PAWS-X dev where test has no labels). */
    evalSplit: z.enum(['test', 'dev']).default('test'),
  })
  .strict();

export const BudgetsSchema = z
  .object({
    /** Optimiser steps per training run. */
    steps: z.number().int().positive(),
    batchSize: z.number().int().positive(),
    /** Peak rates of prompt tuning and fine-tuning, and of the POS/NER head (default: `analyze tune`'s). */
    learningRate: z.object({ prompt: z.number().positive(), finetune: z.number().positive(), head: z.number().positive().optional() }).strict(),
    /** Soft-prompt length (virtual tokens). */
    promptLength: z.number().int().positive().default(20),
    maxTrainExamples: z.number().int().positive().optional(),
    maxEvalExamples: z.number().int().positive().optional(),
    maxSeqLen: z.number().int().positive().default(128),
    /** POS/NER: the sub-token that represents each word (default: `analyze tune`'s, `last`). */
    wordToken: z.enum(WORD_TOKEN_CHOICES).optional(),
    /** Worker processes for the tuning grid, one core each (default: `analyze tune`'s, as many as useful). */
    workers: z.number().int().positive().optional(),
  })
  .strict();

export const CorrelationSettingsSchema = z
  .object({
    metrics: z.array(z.string().min(1)).min(1).optional(),
    /** Metrics fitted together in one OLS model per task (plus ln pretraining tokens). */
    predictors: z.array(z.string().min(1)).min(1).optional(),
    bootstrap: z.number().int().positive().default(DEFAULT_BOOTSTRAP),
    seed: z.number().int().default(1),
    targets: z.array(z.enum(DEFAULT_TARGETS)).min(1).default([...DEFAULT_TARGETS]),
  })
  .strict();

export const StudyConfigSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    description: z.string().default(''),
    /** `demo` runs are labelled as such in every report. */
    scale: z.enum(['demo', 'full']).default('full'),
    /** Tokenizer specs for the statistics; `model` means the study model's own tokenizer. */
    tokenizers: z.array(z.string().min(1)).min(1),
    /** Corpus for the statistics (parallel text for premium), e.g. `flores:../shared/data/flores200`. */
    corpus: z.string().min(1),
    /** Root of the task data (layout of shared/data/MANIFEST.md). */
    data: z.string().min(1).default('../shared/data'),
    model: ModelSchema,
    tasks: z.array(TaskSchema).min(1),
    methods: z.array(z.enum(METHOD_NAMES)).min(1),
    settings: z.array(z.enum(SETTING_NAMES)).min(1),
    seeds: z.array(z.number().int()).min(1),
    /** Source language of zero-shot transfer. */
    sourceLanguage: LanguageCode.default('en'),
    budgets: BudgetsSchema,
    /** Keep each cell's trained weights under `<out>/saved/` (analyze tune --save). */
    save: z.boolean().optional(),
    correlation: CorrelationSettingsSchema.default({ bootstrap: DEFAULT_BOOTSTRAP, seed: 1, targets: [...DEFAULT_TARGETS] }),
  })
  .strict()
  .superRefine((s, ctx) => {
    const unique = <T>(values: readonly T[], path: (string | number)[], what: string): void => {
      const seen = new Set<T>();
      values.forEach((v, i) => {
        if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `duplicate ${what} ${String(v)}` });
        seen.add(v);
      });
    };
    unique(s.tasks.map((t) => t.name), ['tasks'], 'task');
    s.tasks.forEach((t, i) => unique(t.languages, ['tasks', i, 'languages'], 'language'));
    unique(s.methods, ['methods'], 'method');
    unique(s.settings, ['settings'], 'setting');
    unique(s.seeds, ['seeds'], 'seed');
    if (s.settings.includes('zero-shot')) {
      s.tasks.forEach((t, i) => {
        if (!t.languages.includes(s.sourceLanguage)) {
          ctx.addIssue({ code: 'custom', path: ['tasks', i, 'languages'], message: `zero-shot transfer needs the source language ${s.sourceLanguage} in ${t.name}` });
        }
      });
    }
    if (s.model.type === 'pretrain') {
      const pretrained = new Set(s.model.languages);
      s.tasks.forEach((t, i) => t.languages.forEach((l, j) => {
        if (!pretrained.has(l)) ctx.addIssue({ code: 'custom', path: ['tasks', i, 'languages', j], message: `${l} is not among model.languages, so the pretrained model has never seen it` });
      }));
    }
    if (s.tokenizers.includes('model') && s.model.type !== 'pretrain' && s.model.type !== 'hf') {
      ctx.addIssue({ code: 'custom', path: ['tokenizers'], message: '"model" needs a model with a tokenizer' });
    }
  });

export type StudyConfig = z.output<typeof StudyConfigSchema>;
export type StudyConfigInput = z.input<typeof StudyConfigSchema>;
export type StudyTask = z.output<typeof TaskSchema>;
export type StudyModel = z.output<typeof ModelSchema>;
export type PretrainModel = z.output<typeof PretrainModelSchema>;
export type StudyBudgets = z.output<typeof BudgetsSchema>;

/** The JSON Schema of study files (written to analyses/study.schema.json by scripts/ and checked by a test). */
export function studyJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(StudyConfigSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
