/**
 * Enqueue every run of a grid that is not already done (in the results file or in the queue's
 * rows): one job per run, its id the cell identity, so a second enqueue of the same grid adds
 * nothing. Local paths become absolute, so workers elsewhere read the same shared folders.
 */
import { isAbsolute, resolve } from 'node:path';
import { InvalidOptionError } from '../errors.js';
import { planGrid } from '../tuning/grid.js';
import { isHubSpec } from '../hub/spec.js';
import type { TuneConfig } from '../tuning/options.js';
import { loadResults } from '../tuning/results-io.js';
import { gridSpecOf } from '../tuning/run-config.js';
import { tokgapVersion } from '../util/version.js';
import { jobDataOf, type CellRef } from './cell.js';
import type { QueueConnection } from './connection.js';
import { rowsOfCells } from './rows.js';

export interface EnqueueOptions {
  /** Tries per job before it ends failed (default 3); a stalled job (dead worker) is retried too. */
  attempts?: number;
  /** First retry delay; it doubles per attempt (default 5 s). */
  backoffMs?: number;
}

export interface EnqueuedJob {
  id: string;
  label: string;
  cells: CellRef[];
  /** Already in the queue before this call (waiting, running, done or failed). */
  existed: boolean;
}

export interface EnqueueSummary {
  queue: string;
  jobs: EnqueuedJob[];
  /** Jobs this call added. */
  added: number;
  /** Cells already done (results file or queue rows): not enqueued. */
  skipped: number;
}

export const DEFAULT_ATTEMPTS = 3;
export const DEFAULT_BACKOFF_MS = 5000;

/** `path` → absolute, for the folders and files a config names (hub specs stay as they are). */
function _absolute(path: string | undefined): string | undefined {
  return path === undefined || isAbsolute(path) ? path : resolve(path);
}

/** `spm:rel/x.model` → `spm:/abs/rel/x.model` for tokenizer specs that name a local path. */
function _absoluteTokenizer(spec: string | undefined): string | undefined {
  const m = spec === undefined ? null : /^(spm|xglm|hf):(.+)$/.exec(spec);
  return m ? `${m[1]}:${_absolute(m[2])}` : spec;
}

/** The config as workers get it: local paths absolute; the model name recorded as given. */
export function portableConfig(config: TuneConfig): TuneConfig {
  const model = isHubSpec(config.model) ? config.model : _absolute(config.model)!;
  return {
    ...config, model, modelName: config.modelName ?? config.model,
    ...(config.tokenizer !== undefined ? { tokenizer: _absoluteTokenizer(config.tokenizer)! } : {}),
    ...(config.data !== undefined ? { data: _absolute(config.data)! } : {}),
    ...(config.save !== undefined ? { save: _absolute(config.save)! } : {}),
  };
}

/** Attempts and backoff are checked before anything is enqueued. */
export function checkEnqueueOptions(options: EnqueueOptions): void {
  if (options.attempts !== undefined && !(Number.isInteger(options.attempts) && options.attempts >= 1)) {
    throw new InvalidOptionError(`--attempts was given ${options.attempts}`, { field: 'attempts', expected: 'a whole number of tries, at least 1' });
  }
  if (options.backoffMs !== undefined && !(Number.isFinite(options.backoffMs) && options.backoffMs >= 0)) {
    throw new InvalidOptionError(`--retry-seconds was given ${options.backoffMs / 1000}`, { field: 'retrySeconds', expected: 'seconds, 0 or more' });
  }
}

export async function enqueueGrid(connection: QueueConnection, given: TuneConfig, options: EnqueueOptions = {}): Promise<EnqueueSummary> {
  checkEnqueueOptions(options);
  const config = portableConfig(given);
  const spec = gridSpecOf(config);
  const everyCell = planGrid(spec, []).flatMap((run) => jobDataOf(config, run, '').data.cells);
  const stored = (await rowsOfCells(connection.redis, everyCell)).filter((r) => r !== undefined);
  const runs = planGrid(spec, [...loadResults(config.results), ...stored]);
  const version = tokgapVersion();
  const jobs = runs.map((run) => jobDataOf(config, run, version));
  const states = await Promise.all(jobs.map((j) => connection.queue.getJobState(j.id)));
  const fresh = jobs.filter((_, i) => states[i] === 'unknown');
  const backoff = { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS };
  await connection.queue.addBulk(fresh.map((j) => ({
    name: 'cell', data: j.data, opts: { jobId: j.id, attempts: options.attempts ?? DEFAULT_ATTEMPTS, backoff, removeOnComplete: false, removeOnFail: false },
  })));
  const summary: EnqueueSummary = {
    queue: connection.url.display,
    jobs: jobs.map((j, i) => ({ id: j.id, label: j.data.label, cells: j.data.cells, existed: states[i] !== 'unknown' })),
    added: fresh.length,
    skipped: everyCell.length - jobs.reduce((n, j) => n + j.data.cells.length, 0),
  };
  return summary;
}
