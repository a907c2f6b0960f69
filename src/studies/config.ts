/**
 * A study file (`analyses/*.json`): everything `analyze study` needs to run tokenization
 * statistics → (pretraining) → the tuning grid → correlation → report. Plain data, validated
 * with zod at the boundary; `analyses/study.schema.json` is generated from this schema.
 */
import { z } from 'zod';
import { DEFAULT_BOOTSTRAP, DEFAULT_TARGETS } from '../correlation/verbs/correlate.js';
import { TASK_NAMES } from '../tasks/names.js';
import { PretrainSettingsSchema, checkPretrainSettings } from '../tuning/options.js';
import { METHOD_NAMES, SETTING_NAMES } from '../tuning/results.js';
import { TrainingConfigSchema } from '../tuning/training-config.js';

export { TASK_NAMES, METHOD_NAMES, SETTING_NAMES };

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
    /**
     * XGLM shape, scaled down (pre-LayerNorm decoder, sinusoidal positions, tied LM head), and the
     * pretraining settings: `analyze pretrain`'s options under the same names and defaults.
     */
    ...PretrainSettingsSchema.shape,
  })
  .strict()
  .superRefine(checkPretrainSettings);

export const ModelSchema = z.discriminatedUnion('type', [HfModelSchema, PretrainModelSchema]);

export const TaskSchema = z
  .object({
    name: z.enum(TASK_NAMES),
    /** Each cell is scored on the language's test split (the dev split selects the checkpoint; see docs/tuning.md). */
    languages: z.array(LanguageCode).min(1),
  })
  .strict();

/**
 * The tuning grid's training settings: `analyze tune`'s options, same names, same defaults
 * (src/tuning/training-config.ts), and how many worker processes run the grid (`--workers`).
 */
export const BudgetsSchema = TrainingConfigSchema.extend({
  /** Worker processes for the tuning grid, one core each (default: `analyze tune`'s, as many as useful). */
  workers: z.number().int().positive().optional(),
}).strict();

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
    /** Root of the task data (layout in docs/tuning.md, "Data"). */
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
    /** Spread the tuning grid over `analyze worker`s through this Redis (analyze tune --queue; docs/scaling.md). */
    queue: z.string().regex(/^rediss?:\/\//, 'a Redis URL: redis://HOST:PORT/DB or rediss://…').optional(),
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
