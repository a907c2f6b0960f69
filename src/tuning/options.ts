/**
 * What `analyze tune` and `analyze pretrain` accept, parsed at the boundary. Kept free of tfjs, so
 * a command can build its options and parse them without loading the training stack.
 */
import { z } from 'zod';
import { InvalidOptionError } from '../errors.js';
import { splitCommaList } from '../util/comma-list.js';
import { DEFAULT_WORD_TOKEN, WORD_TOKEN_CHOICES } from '../tasks/token-align.js';
import { issueInWords } from '../util/schema-issue.js';

/** What `--backend` accepts. `auto` takes the first of `AUTO_ORDER` that initialises. */
export const BACKEND_CHOICES = ['auto', 'webgpu', 'node-gpu', 'node', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** A list option given as one comma-separated string, an array of them, or both mixed. */
const commaList = z.union([z.string(), z.array(z.string())]).transform(splitCommaList);

/** What `analyze tune` accepts; lists may be comma-separated strings. */
export const TuneConfigSchema = z.object({
  task: z.enum(['xnli', 'pawsx', 'pos', 'ner']),
  methods: commaList.pipe(z.array(z.enum(['prompt', 'finetune'])).min(1)).default(['prompt', 'finetune']),
  langs: commaList.pipe(z.array(z.string().regex(/^[a-z]{2,3}$/, 'language codes of 2 or 3 lowercase letters (en,de,sw)')).min(1, 'at least one language code (en,de,sw)')),
  /** A model folder or `hub:OWNER/NAME[@REVISION]` (resolved by `resolveModel`). */
  model: z.string().min(1),
  /** Model name recorded in results (default: the model spec as given). */
  modelName: z.string().optional(),
  tokenizer: z.string().optional(),
  setting: z.enum(['in-language', 'zero-shot']).default('in-language'),
  /** Training language of zero-shot transfer. */
  sourceLanguage: z.string().regex(/^[a-z]{2,3}$/, 'a language code of 2 or 3 lowercase letters (en)').default('en'),
  seeds: z.union([z.number(), z.string(), z.array(z.union([z.number(), z.string()]))])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((x) => (typeof x === 'number' ? [x] : splitCommaList(x).map(Number))))
    .pipe(z.array(z.number().int().nonnegative()).min(1)).default([1]),
  steps: z.number().int().positive().default(100),
  batchSize: z.number().int().positive().default(8),
  lrPrompt: z.number().positive().default(3e-2),
  lrFinetune: z.number().positive().default(1e-4),
  lrHead: z.number().positive().default(5e-3),
  virtualTokens: z.number().int().positive().default(20),
  maxLength: z.number().int().positive().default(128),
  maxTrain: z.number().int().positive().optional(),
  maxEval: z.number().int().positive().optional(),
  evalEvery: z.number().int().positive().optional(),
  /** POS/NER: the sub-token that represents each word (see src/tasks/token-align.ts). */
  wordToken: z.enum(WORD_TOKEN_CHOICES).default(DEFAULT_WORD_TOKEN),
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

/** What `analyze pretrain` accepts. */
export const PretrainConfigSchema = z.object({
  corpus: z.string().min(1),
  langs: commaList.optional(),
  tokenizer: z.string().min(1),
  out: z.string().min(1),
  dModel: z.number().int().positive().default(128),
  layers: z.number().int().positive().default(2),
  heads: z.number().int().positive().default(4),
  ffn: z.number().int().positive().default(512),
  steps: z.number().int().positive().default(200),
  seqLen: z.number().int().min(2).default(128),
  batchSize: z.number().int().positive().default(8),
  lr: z.number().positive().default(1e-3),
  seed: z.number().int().nonnegative().default(1),
  backend: z.enum(BACKEND_CHOICES).default('auto'),
}).superRefine((c, ctx) => {
  if (c.dModel % c.heads !== 0) ctx.addIssue({ code: 'custom', path: ['heads'], message: `a divisor of --d-model ${c.dModel}` });
});
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
