/**
 * One queue job = one grid run (`runTuneConfig`): its serialisable config, the cells it fills
 * (one per test language) and its id, which is the cell's identity (model, task, languages,
 * method, setting, seed and a hash of the training budget), so enqueuing it twice adds nothing.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { GridRun } from '../tuning/grid.js';
import type { TuneConfig } from '../tuning/options.js';
import { resultKey } from '../tuning/results-io.js';
import type { ResultRow } from '../tuning/results.js';
import { runTuneConfig } from '../tuning/run-config.js';
import { QUEUE_FORMAT } from './connection.js';

/** The identity of one results row (what `resultKey` reads). */
export type CellRef = Pick<ResultRow, 'task' | 'language' | 'method' | 'setting' | 'seed' | 'model'>;

/** What a job carries: everything a worker on another machine needs to run it. */
export interface QueueJobData {
  format: number;
  tokgap: string;
  /** `pos prompt en seed 1` / `xnli prompt en→de,sw seed 2`. */
  label: string;
  /** The run's own TuneConfig (one method, one seed, its languages). */
  config: TuneConfig;
  /** The rows this job writes, one per test language. */
  cells: CellRef[];
}

export const QueueJobDataSchema = z.object({
  format: z.literal(QUEUE_FORMAT),
  tokgap: z.string(),
  label: z.string(),
  config: z.record(z.string(), z.unknown()),
  cells: z.array(z.object({
    task: z.string(), language: z.string(), method: z.enum(['prompt', 'finetune']), setting: z.enum(['in-language', 'zero-shot']), seed: z.number().int(), model: z.string(),
  })).min(1),
});

/**
 * The training budget: every option that changes what a run computes. Paths and the backend are
 * where and how it runs (a worker may override them), not what; identity fields are in the id.
 */
export function budgetOf(config: TuneConfig): Record<string, unknown> {
  const {
    task: _task, methods: _methods, langs: _langs, setting: _setting, sourceLanguage: _source, seeds: _seeds, model: _model, modelName: _name,
    results: _results, data: _data, dataUrl: _dataUrl, backend: _backend, save: _save, ...budget
  } = config;
  return budget;
}

/** JSON with sorted keys and no undefined values, so equal budgets hash alike. */
function _canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(_canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${_canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The run's cell identity as a BullMQ job id (no `:`; readable prefix, hash of the whole identity). */
export function cellJobId(config: TuneConfig, run: GridRun): string {
  const languages = [...run.evalLanguages].sort();
  const identity = { model: run.model, task: run.task, method: run.method, setting: run.setting, seed: run.seed, train: run.trainLanguage, languages, budget: budgetOf(config) };
  const hash = createHash('sha256').update(_canonical(identity)).digest('hex').slice(0, 16);
  const where = run.setting === 'zero-shot' ? `${run.trainLanguage}-to-${languages.join('+')}` : run.trainLanguage;
  return `${run.task}-${run.method}-${run.setting}-${where}-seed${run.seed}-${hash}`.replace(/[^\w.+-]/g, '_');
}

/** One job per run of the grid. */
export function jobDataOf(config: TuneConfig, run: GridRun, tokgap: string): { id: string; data: QueueJobData } {
  const cells: CellRef[] = run.evalLanguages.map((language) => ({ task: run.task, language, method: run.method, setting: run.setting, seed: run.seed, model: run.model }));
  const label = `${run.task} ${run.method} ${run.trainLanguage}${run.setting === 'zero-shot' ? `→${run.evalLanguages.join(',')}` : ''} seed ${run.seed}`;
  return { id: cellJobId(config, run), data: { format: QUEUE_FORMAT, tokgap, label, config: runTuneConfig(config, run), cells } };
}

/** The rows key of a cell (the results file's duplicate rule). */
export const cellKey = (cell: CellRef): string => resultKey(cell);
