/**
 * Follow a grid's jobs across all workers until each is done (all its rows stored) or failed,
 * merging rows into the results file as they arrive. A lost connection (Redis restarted) is
 * waited out: the clients reconnect and the loop goes on.
 */
import type { ResultRow } from '../tuning/results.js';
import { mergeRows } from './collect.js';
import type { QueueConnection } from './connection.js';
import type { EnqueuedJob } from './enqueue.js';
import { rowsOfCells } from './rows.js';

export interface FollowProgress {
  /** Jobs of this grid. */
  total: number;
  done: number;
  failed: number;
  active: number;
  /** Waiting or delayed (a retry's backoff). */
  pending: number;
}

export interface FailedJob {
  id: string;
  label: string;
  error: string;
  attempts: number;
}

export interface FollowSummary {
  /** Rows this call appended to the results file. */
  rows: ResultRow[];
  failed: FailedJob[];
}

export interface FollowOptions {
  intervalMs?: number;
  onProgress?(progress: FollowProgress): void;
  onNote?(note: string): void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function followJobs(connection: QueueConnection, jobs: readonly EnqueuedJob[], resultsFile: string, options: FollowOptions = {}): Promise<FollowSummary> {
  const open = new Map(jobs.map((j) => [j.id, j]));
  const summary: FollowSummary = { rows: [], failed: [] };
  let done = 0;
  let last = '';
  let offline = false;
  for (;;) {
    try {
      let active = 0;
      let pending = 0;
      for (const job of [...open.values()]) {
        const rows = await rowsOfCells(connection.redis, job.cells);
        if (rows.every((r) => r !== undefined)) {
          summary.rows.push(...mergeRows(resultsFile, rows as ResultRow[]).appended);
          open.delete(job.id);
          done++;
          continue;
        }
        const state = await connection.queue.getJobState(job.id);
        if (state === 'failed') {
          const failed = await connection.queue.getJob(job.id);
          summary.failed.push({ id: job.id, label: job.label, error: failed?.failedReason ?? 'unknown error', attempts: failed?.attemptsMade ?? 0 });
          open.delete(job.id);
        } else if (state === 'active') active++;
        else pending++;
      }
      if (offline) options.onNote?.('queue reachable again');
      offline = false;
      const progress: FollowProgress = { total: jobs.length, done, failed: summary.failed.length, active, pending };
      const key = JSON.stringify(progress);
      if (key !== last) options.onProgress?.(progress);
      last = key;
      if (open.size === 0) return summary;
    } catch (error) {
      if (!offline) options.onNote?.(`queue unreachable (${error instanceof Error ? error.message : String(error)}); waiting for it to come back`);
      offline = true;
    }
    await sleep(options.intervalMs ?? 1000);
  }
}
