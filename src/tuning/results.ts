/**
 * One line of the results file (JSON Lines) that `analyze tune` appends and the correlation
 * layer reads: one (task, language, method, setting, seed) cell.
 */
import type { TaskName } from '../tasks/names.js';
import type { WordToken } from '../tasks/token-align.js';

export type { TaskName } from '../tasks/names.js';

/** The tuning methods, as results name them (`ResultRow.method`; the registry in methods/registry.ts builds each). */
export const METHOD_NAMES = ['prompt', 'finetune'] as const;
export type TuningMethod = (typeof METHOD_NAMES)[number];

/** in-language: train and test per language; zero-shot: train on the source language, test on each. */
export const SETTING_NAMES = ['in-language', 'zero-shot'] as const;
export type TuningSetting = (typeof SETTING_NAMES)[number];

export interface ResultRow {
  task: TaskName | string;
  /** ISO 639-1 where one exists (the datasets' own codes: en, de, zh …). */
  language: string;
  method: TuningMethod;
  setting: TuningSetting;
  seed: number;
  /** `accuracy` for XNLI, PAWS-X and POS; `f1` (entity-level, seqeval-style) for NER. */
  metric: 'accuracy' | 'f1' | string;
  /** In [0, 1]. */
  score: number;
  /** Number of test examples scored. */
  n: number;
  trainable_params: number;
  total_params: number;
  steps: number;
  wall_s: number;
  /** tfjs backend that ran it: wasm, cpu, webgpu, tensorflow (node), … */
  backend: string;
  /** Model directory or name (e.g. `facebook/xglm-564M`, `pretrained:demo-small`). */
  model: string;
  /** The folder holding what this cell's run trained (`--save`); absent when nothing was kept. */
  saved?: string;
  /**
   * The task's trivial baseline on the same test examples, in the same metric: majority-class
   * accuracy (class counted on the run's training examples) for XNLI, PAWS-X and POS; F1 of tagging
   * everything `O` for NER (0 when the test set has entities). Absent in files written before it.
   */
  baseline?: number;
  /** POS/NER only: which sub-token represented each word (`first` or `last`). */
  word_token?: WordToken;
  /** Fine-tuning with the token embeddings frozen (`--freeze-embeddings`); absent when every parameter trained. */
  freeze_embeddings?: boolean;
}

/** What identifies a cell: the grid's "already done", a study's plan and correlation's duplicate check all use it. */
export interface CellKeyFields {
  task: string;
  language: string;
  method: string;
  setting: string;
  seed: number;
  model?: string;
}

/**
 * The identity of a cell: `task/language/method/setting/seed/model` (e.g. `pos/en/prompt/in-language/1/m`).
 * Rows of other engines may name no model: their key ends at the seed (`pos/en/prompt/in-language/1`).
 * The model comes last, so a model name holding `/` (`facebook/xglm-564M`) stays unambiguous.
 */
export function cellKey(c: CellKeyFields): string {
  const key = [c.task, c.language, c.method, c.setting, c.seed].join('/');
  return c.model === undefined || c.model === '' ? key : `${key}/${c.model}`;
}
