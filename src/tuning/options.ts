/**
 * What `analyze tune` and `analyze pretrain` accept, parsed at the boundary. Kept free of tfjs, so
 * a command can build its options and parse them without loading the training stack.
 */
import { z } from 'zod';
import { InvalidOptionError } from '../errors.js';
import { splitCommaList } from '../util/comma-list.js';
import { TASK_NAMES } from '../tasks/names.js';
import { issueInWords } from '../util/schema-issue.js';
import { METHOD_NAMES, SETTING_NAMES } from './results.js';
import { TRAINING_DEFAULTS, TrainingConfigSchema } from './training-config.js';

/** What `--backend` accepts. `auto` takes the first of `AUTO_ORDER` that initialises. */
export const BACKEND_CHOICES = ['auto', 'webgpu', 'node-gpu', 'node', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** A list option given as one comma-separated string, an array of them, or both mixed. */
const commaList = z.union([z.string(), z.array(z.string())]).transform(splitCommaList);

/**
 * What `analyze tune` accepts: which grid to run, the training settings (`TrainingConfigSchema`,
 * under the same names) and where things are. Lists may be comma-separated strings or arrays.
 */
export const TuneConfigSchema = z.object({
  task: z.enum(TASK_NAMES),
  methods: commaList.pipe(z.array(z.enum(METHOD_NAMES)).min(1)).default([...METHOD_NAMES]),
  langs: commaList.pipe(z.array(z.string().regex(/^[a-z]{2,3}$/, 'language codes of 2 or 3 lowercase letters (en,de,sw)')).min(1, 'at least one language code (en,de,sw)')),
  /** A model folder or `hub:OWNER/NAME[@REVISION]` (resolved by `resolveModel`). */
  model: z.string().min(1),
  /** Model name recorded in results (default: the model spec as given). */
  modelName: z.string().optional(),
  tokenizer: z.string().optional(),
  setting: z.enum(SETTING_NAMES).default('in-language'),
  /** Training language of zero-shot transfer. */
  sourceLanguage: z.string().regex(/^[a-z]{2,3}$/, 'a language code of 2 or 3 lowercase letters (en)').default('en'),
  seeds: z.union([z.number(), z.string(), z.array(z.union([z.number(), z.string()]))])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((x) => (typeof x === 'number' ? [x] : splitCommaList(x).map(Number))))
    .pipe(z.array(z.number().int().nonnegative()).min(1)).default([1]),
  ...TrainingConfigSchema.shape,
  results: z.string().default('results/tuning.jsonl'),
  /** Local data root laid out like shared/data (default $TOKGAP_DATA). */
  data: z.string().optional(),
  /** URL root with the same layout, mirrored into the cache. */
  dataUrl: z.string().url().optional(),
  backend: z.enum(BACKEND_CHOICES).default('auto'),
  /** Keep each run's trained weights in a folder under this one (docs/tuning.md, "Saved cells"). */
  save: z.string().min(1).optional(),
  /** Child processes that run the grid's runs side by side (default: as many as useful; grid-pool.ts). */
  workers: z.number().int().positive().optional(),
});
export type TuneConfig = z.infer<typeof TuneConfigSchema>;

export function parseTuneConfig(data: unknown): TuneConfig {
  return _parseOptions('tune', TuneConfigSchema, data);
}

/**
 * The model shape and training settings of pretraining, one set of names and defaults for
 * `analyze pretrain` and a study's `{type: "pretrain"}` model.
 */
export const PretrainSettingsSchema = z.object({
  dModel: z.number().int().positive().default(128).describe('Hidden size'),
  layers: z.number().int().positive().default(2).describe('Decoder layers'),
  heads: z.number().int().positive().default(4).describe('Attention heads (a divisor of --d-model)'),
  ffn: z.number().int().positive().default(512).describe('Feed-forward width'),
  maxPositions: z.number().int().min(2).optional()
    .describe("max_position_embeddings: the longest sequence the model takes, soft prompt included (default: the larger of --seq-len and tune's default --max-length, 128)"),
  steps: z.number().int().positive().default(200).describe('Optimiser steps'),
  seqLen: z.number().int().min(2).default(128).describe('Tokens per training block'),
  batchSize: z.number().int().positive().default(8).describe('Blocks per batch'),
  lr: z.number().positive().default(1e-3).describe('Peak learning rate (AdamW, linear warmup/decay)'),
  seed: z.number().int().nonnegative().default(1).describe('Seed of the initial weights and batch order'),
});
export type PretrainSettings = z.output<typeof PretrainSettingsSchema>;
/** What each pretraining setting is when nothing sets it. */
export const PRETRAIN_DEFAULTS: Readonly<PretrainSettings> = Object.freeze(PretrainSettingsSchema.parse({}));

/** The cross-field rules of `PretrainSettingsSchema`, for every schema that embeds it. */
export function checkPretrainSettings(c: Pick<PretrainSettings, 'dModel' | 'heads' | 'seqLen' | 'maxPositions'>, ctx: z.RefinementCtx): void {
  if (c.dModel % c.heads !== 0) ctx.addIssue({ code: 'custom', path: ['heads'], message: `a divisor of --d-model ${c.dModel} (study files: dModel ${c.dModel} is not divisible by heads ${c.heads})` });
  if (c.maxPositions !== undefined && c.seqLen > c.maxPositions) ctx.addIssue({ code: 'custom', path: ['seqLen'], message: `at most maxPositions ${c.maxPositions}` });
}

/** `max_position_embeddings` of a pretrained model: `maxPositions`, else room for `seqLen` and for tuning's default `maxLength`. */
export function positionsOf(c: Pick<PretrainSettings, 'seqLen' | 'maxPositions'>): number {
  return c.maxPositions ?? Math.max(c.seqLen, TRAINING_DEFAULTS.maxLength);
}

/** What `analyze pretrain` accepts. */
export const PretrainConfigSchema = z.object({
  corpus: z.string().min(1),
  langs: commaList.optional(),
  tokenizer: z.string().min(1),
  out: z.string().min(1),
  ...PretrainSettingsSchema.shape,
  backend: z.enum(BACKEND_CHOICES).default('auto'),
}).superRefine(checkPretrainSettings);
export type PretrainConfig = z.infer<typeof PretrainConfigSchema>;

export function parsePretrainConfig(data: unknown): PretrainConfig {
  return _parseOptions('pretrain', PretrainConfigSchema, data);
}

/** An option error names the option as typed (`--batch-size`), what it was given and what it allows. */
function _parseOptions<S extends z.ZodType>(command: 'tune' | 'pretrain', schema: S, data: unknown): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const words = issueInWords(parsed.error.issues[0], data);
  const option = `--${(words.path.split('.')[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const given = words.given === undefined ? 'nothing' : words.given === '[]' || words.given === '""' ? 'an empty value' : words.given;
  // field stays the schema path (`methods.1`) for callers that match on it.
  throw new InvalidOptionError(`analyze ${command} ${option} was given ${given}`, { field: words.path || option, expected: words.allowed });
}
