/**
 * `analyze tune --queue URL` (and a study with `queue`): enqueue the grid's missing cells instead
 * of running them, then follow them across all workers and merge their rows into the results
 * file; `detach` returns right after enqueuing (`analyze queue collect` merges later).
 */
import type { TuneConfig } from '../tuning/options.js';
import type { ResultRow } from '../tuning/results.js';
import { checkOutputFile } from '../util/output-location.js';
import { mergeRows } from './collect.js';
import { openQueue } from './connection.js';
import { checkEnqueueOptions, enqueueGrid, type EnqueueOptions, type EnqueueSummary } from './enqueue.js';
import { followJobs, type FailedJob, type FollowProgress } from './follow.js';
import { rowsOfCells } from './rows.js';

export interface QueueTuneOptions extends EnqueueOptions {
  /** Return right after enqueuing. */
  detach?: boolean;
  /** Poll interval while following (default 1 s). */
  intervalMs?: number;
  onEnqueued?(summary: EnqueueSummary): void;
  onProgress?(progress: FollowProgress): void;
  onNote?(note: string): void;
}

export interface QueueTuneSummary {
  queue: string;
  resultsFile: string;
  /** Jobs of this grid (one per run) and how many this call added. */
  jobs: number;
  added: number;
  /** Cells already done before this call. */
  skipped: number;
  detached: boolean;
  /** Rows merged into the results file by this call. */
  rows: ResultRow[];
  failed: FailedJob[];
}

export async function tuneOnQueue(config: TuneConfig, queueUrl: string, options: QueueTuneOptions = {}): Promise<QueueTuneSummary> {
  checkOutputFile(config.results, { option: '--results' });
  checkEnqueueOptions(options);
  const connection = await openQueue(queueUrl);
  try {
    const enqueued = await enqueueGrid(connection, config, options);
    options.onEnqueued?.(enqueued);
    const base = { queue: enqueued.queue, resultsFile: config.results, jobs: enqueued.jobs.length, added: enqueued.added, skipped: enqueued.skipped };
    if (options.detach) {
      // Rows already stored (cells another command enqueued) are merged now; the rest by collect.
      const stored = (await rowsOfCells(connection.redis, enqueued.jobs.flatMap((j) => j.cells))).filter((r): r is ResultRow => r !== undefined);
      return { ...base, detached: true, rows: mergeRows(config.results, stored).appended, failed: [] };
    }
    const followed = await followJobs(connection, enqueued.jobs, config.results, {
      ...(options.intervalMs !== undefined ? { intervalMs: options.intervalMs } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.onNote ? { onNote: options.onNote } : {}),
    });
    return { ...base, detached: false, rows: followed.rows, failed: followed.failed };
  } finally {
    await connection.close();
  }
}
