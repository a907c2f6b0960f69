/**
 * What a grid cell trained, kept on disk (`analyze tune --save DIR`), one folder per run named by
 * its cell (`cellFolderName`), written whole or not at all:
 *
 *   prompt tuning    adapter_config.json + adapter_model.safetensors (PEFT's files; `PeftModel.from_pretrained`)
 *                    + the tokenizer's files
 *   full fine-tuning an HF model folder (config.json + model.safetensors + tokenizer files; `XGLMForCausalLM.from_pretrained`)
 *                    + full_finetuning_config.json (the method's config, as PEFT keeps adapter_config.json)
 *   both             head_config.json + head.safetensors for POS/NER (`LinearHead`), and tokgap_cell.json (what
 *                    the run was and how it scored, so `scoreSavedCell` scores it again exactly)
 */
import { readJsonFile } from '../util/json-file.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { DatasetTask } from '../datasets/catalog.js';
import { loadSplit, loadTaskData, type DataSource } from '../datasets/load.js';
import type { PairExample, TaggedSentence } from '../datasets/types.js';
import { BadInputError, InvalidOptionError } from '../errors.js';
import type { EvalResult } from '../tasks/evaluate.js';
import { getTask } from '../tasks/registry.js';
import { WORD_TOKEN_CHOICES, type WordToken } from '../tasks/token-align.js';
import { loadFolderTokenizer, saveTokenizerFolder } from '../tokenizers/folder.js';
import type { Tokenizer } from '../tokenizers/types.js';
import { writeFileAtomic, writeFolderAtomic } from '../util/atomic-write.js';
import { parseWithSchema } from '../util/parse-schema.js';
import { scoreRows, type CellScoring, type ScoredNetwork } from './cell-eval.js';
import { HEAD_CONFIG_FILE, LinearHead } from './heads/linear-head.js';
import { parseFullFineTuningConfig } from './methods/full/config.js';
import { FullFineTuningModel, readFullConfig, writeFullConfig } from './methods/full/model.js';
import { ADAPTER_CONFIG_FILE, PromptTuningModel } from './methods/prompt-tuning/model.js';
import { getTuningMethod, type TunedModel } from './methods/registry.js';
import { assertReplaceableFolder, saveModelFolder } from './model-folder.js';
import { METHOD_NAMES, SETTING_NAMES, type TuningMethod, type TuningSetting } from './results.js';
import { XglmModel } from './xglm/model.js';

/** tokgap's description of a saved cell, beside the weights. */
export const CELL_META_FILE = 'tokgap_cell.json';

export const SavedCellMetaSchema = z.object({
  format: z.literal('tokgap-cell'),
  version: z.literal(1),
  task: z.string().min(1),
  method: z.enum(METHOD_NAMES),
  setting: z.enum(SETTING_NAMES),
  seed: z.number().int(),
  train_language: z.string().min(1),
  /** The results rows' `model`. */
  model: z.string(),
  /** The model folder the run started from (prompt tuning loads it again as the frozen base). */
  base_model: z.string(),
  steps: z.number().int().nonnegative(),
  /** Token cap per sequence and scoring batch size the run used; scoring again with them gives the same predictions. */
  max_length: z.number().int().positive(),
  batch_size: z.number().int().positive(),
  /** Test examples per language the run scored (`maxEval`), null for all. */
  max_eval: z.number().int().positive().nullable(),
  /** POS/NER head files beside the weights. */
  head: z.boolean(),
  /** POS/NER: the sub-token that represented each word (absent: first). */
  word_token: z.enum(WORD_TOKEN_CHOICES).optional(),
}).loose();
export type SavedCellMeta = z.infer<typeof SavedCellMetaSchema>;

/** The cell a run belongs to: enough to name its folder. */
export interface CellIdentity {
  task: string;
  trainLanguage: string;
  method: TuningMethod;
  setting: TuningSetting;
  seed: number;
}

/**
 * A stable, filesystem-safe folder name: `TASK-LANG-METHOD-SETTING-seedN` (e.g.
 * `pos-en-prompt-in-language-seed1`; zero-shot runs are named by their training language).
 */
export function cellFolderName(run: CellIdentity): string {
  return `${run.task}-${run.trainLanguage}-${run.method}-${run.setting}-seed${run.seed}`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** What a finished run hands over to be kept. */
export interface CellParts {
  /** The base model, holding the fine-tuned weights for `finetune`. */
  model: XglmModel;
  /** The method as the registry built it: its config is saved beside the weights. */
  tuned?: TunedModel;
  /** The soft prompt, when the caller has no `tuned` (prompt tuning). */
  prompt?: PromptTuningModel;
  head?: LinearHead;
  tokenizer: Tokenizer;
  /** The model folder the run started from. */
  modelDir: string;
  maxLength: number;
  batchSize: number;
  maxEval?: number;
  steps: number;
  wordToken?: WordToken;
}

/** Refuse, before anything trains, a save folder already holding a cell of another model (its results would point at the wrong weights). */
export function assertSaveFoldersFree(root: string, runs: readonly (CellIdentity & { model: string })[]): void {
  if (existsSync(root) && !statSync(root).isDirectory()) {
    throw new InvalidOptionError(`${root} is not a folder`, { file: root, field: 'save', expected: 'a folder (created if missing) to keep the trained cells in' });
  }
  for (const run of runs) {
    assertReplaceableFolder(join(root, cellFolderName(run)), CELL_META_FILE, 'save');
    const file = join(root, cellFolderName(run), CELL_META_FILE);
    if (!existsSync(file)) continue;
    let model: unknown;
    try {
      model = (JSON.parse(readFileSync(file, 'utf8')) as { model?: unknown }).model;
    } catch (cause) {
      throw new BadInputError('cannot read the saved cell', { file, field: 'model', expected: `a ${CELL_META_FILE} written by analyze tune --save`, cause });
    }
    if (model !== run.model) {
      throw new InvalidOptionError(`${join(root, cellFolderName(run))} holds a cell of model ${JSON.stringify(model)}, not ${run.model}`, {
        file, field: 'save', expected: 'one --save folder per model',
      });
    }
  }
}

/** Write the run's cell folder under `root` (atomically, replacing an older one) and return its path. */
export function saveGridCell(root: string, run: CellIdentity & { model: string }, parts: CellParts): string {
  const dir = join(root, cellFolderName(run));
  const meta: SavedCellMeta = {
    format: 'tokgap-cell', version: 1, task: run.task, method: run.method, setting: run.setting, seed: run.seed,
    train_language: run.trainLanguage, model: run.model, base_model: parts.modelDir, steps: parts.steps,
    max_length: parts.maxLength, batch_size: parts.batchSize, max_eval: parts.maxEval ?? null, head: parts.head !== undefined,
    ...(parts.head !== undefined && parts.wordToken !== undefined ? { word_token: parts.wordToken } : {}),
  };
  const extras = (tmp: string): void => {
    parts.head?.save(tmp);
    writeFileAtomic(join(tmp, CELL_META_FILE), `${JSON.stringify(meta, null, 2)}\n`);
  };
  if (run.method === 'finetune') {
    // An HF model folder, with the method's config (`full_finetuning_config.json`) beside its weights.
    const config = parseFullFineTuningConfig(parts.tuned?.config ?? {});
    saveModelFolder(parts.model, parts.tokenizer, dir, { tuning: { task: run.task, language: run.trainLanguage, setting: run.setting, seed: run.seed, steps: parts.steps } }, (tmp) => {
      writeFullConfig(tmp, config);
      extras(tmp);
    });
  } else {
    const prompt = parts.tuned ?? parts.prompt;
    if (prompt === undefined) throw new InvalidOptionError('a prompt-tuning cell needs its prompt', { field: 'prompt' });
    writeFolderAtomic(dir, (tmp) => {
      prompt.save(tmp);
      // PEFT names the base model here (AutoPeftModel loads it from there).
      const file = join(tmp, ADAPTER_CONFIG_FILE);
      const adapter = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      writeFileAtomic(file, `${JSON.stringify({ ...adapter, base_model_name_or_path: parts.modelDir }, null, 2)}\n`);
      saveTokenizerFolder(parts.tokenizer, tmp, parts.model.config.max_position_embeddings);
      extras(tmp);
    });
  }
  return dir;
}

/** Read `tokgap_cell.json`; a missing or malformed one names the file and field. */
export function readSavedCellMeta(dir: string): SavedCellMeta {
  const file = join(dir, CELL_META_FILE);
  const data = readJsonFile(file, `saved cell's ${CELL_META_FILE} (written by analyze tune --save)`);
  return parseWithSchema(SavedCellMetaSchema, data, (message, field) =>
    new BadInputError(`bad saved cell: ${message}`, { file, field, expected: `a ${CELL_META_FILE} written by analyze tune --save` }));
}

/** A saved cell loaded back, ready to score; `dispose()` frees its tensors. */
export interface LoadedCell {
  meta: SavedCellMeta;
  scoring: CellScoring;
  dispose(): void;
}

export interface LoadCellOptions {
  /** The base model of a prompt-tuning cell (default: the folder recorded in the cell). */
  modelDir?: string;
  /** Default: the tokenizer saved in the cell. */
  tokenizer?: Tokenizer;
}

/** Load a cell folder: the fine-tuned model, or the base model with the saved soft prompt; the head; the tokenizer. */
export async function loadSavedCell(dir: string, options: LoadCellOptions = {}): Promise<LoadedCell> {
  const meta = readSavedCellMeta(dir);
  const task = getTask(meta.task);
  const tokenizer = options.tokenizer ?? (await loadFolderTokenizer(dir));
  if (tokenizer === undefined) throw new BadInputError('the saved cell holds no tokenizer', { file: dir, field: 'tokenizer', expected: 'tokenizer files beside the weights' });
  if (meta.head && !existsSync(join(dir, HEAD_CONFIG_FILE))) throw new BadInputError('the saved cell lacks its head', { file: join(dir, HEAD_CONFIG_FILE), field: 'head' });
  // A fine-tuned cell is a whole model folder; a prompt-tuning cell is an adapter on its base model.
  const model = XglmModel.fromPretrained(meta.method === 'finetune' ? dir : options.modelDir ?? meta.base_model);
  const tuned: TunedModel = meta.method === 'finetune' ? new FullFineTuningModel(model, readFullConfig(dir) ?? {}) : getTuningMethod(meta.method).load(model, dir);
  const net: ScoredNetwork = {
    lmHeadWeight: () => model.lmHeadWeight(),
    hidden: (ids, mask) => tuned.dropAdded(tuned.hidden({ inputIds: ids, attentionMask: mask })),
  };
  const head = meta.head ? LinearHead.load(dir) : undefined;
  return {
    meta,
    scoring: { task, net, ...(head ? { head } : {}), tokenizer, maxLength: meta.max_length, padId: model.config.pad_token_id, batchSize: meta.batch_size, ...(meta.word_token !== undefined ? { wordToken: meta.word_token } : {}) },
    dispose: () => { head?.dispose(); tuned.dispose(); model.dispose(); },
  };
}

export interface ScoreCellOptions extends LoadCellOptions {
  language: string;
  data: DataSource;
  /** Default: what the run used. */
  maxEval?: number;
}

/** Score a saved cell on a language's test set, as the grid scored it (same data, cap, length and batches). */
export async function scoreSavedCell(dir: string, options: ScoreCellOptions): Promise<EvalResult> {
  const cell = await loadSavedCell(dir, options);
  try {
    const dataset = cell.meta.task as DatasetTask;
    const lang = options.language;
    const test = lang === cell.meta.train_language
      ? (await loadTaskData(dataset, lang, options.data)).test
      : (await loadSplit(dataset, lang, 'test', options.data))?.rows ?? (await loadTaskData(dataset, lang, options.data)).test;
    const cap = options.maxEval ?? cell.meta.max_eval ?? undefined;
    const rows = (cap === undefined ? test : test.slice(0, cap)) as PairExample[] | TaggedSentence[];
    return await scoreRows(cell.scoring, rows);
  } finally {
    cell.dispose();
  }
}
