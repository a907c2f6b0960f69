/** `analyze queue status|retry|drain`: what the queue holds, and the two ways to act on it. */
import type { QueueJobData } from './cell.js';
import { QUEUE_KEYS, type QueueConnection } from './connection.js';
import { countRows } from './rows.js';

export interface QueueJobInfo {
  id: string;
  label: string;
  /** Attempts started so far, and allowed. */
  attempts: number;
  maxAttempts: number;
  /** The worker (`host:pid`) that runs or last ran it. */
  worker?: string;
  /** Steps done / total of the job's run, as its worker last said. */
  progress?: { done: number; total: number };
  /** A failed job's error. */
  error?: string;
}

export interface QueueStatus {
  queue: string;
  counts: { waiting: number; active: number; delayed: number; completed: number; failed: number };
  /** Rows stored (cells done). */
  rows: number;
  active: QueueJobInfo[];
  failed: QueueJobInfo[];
}

function _info(job: { id?: string; data: QueueJobData; attemptsMade: number; opts: { attempts?: number }; processedBy?: string; progress: unknown; failedReason?: string }): QueueJobInfo {
  const progress = job.progress as { done?: unknown; total?: unknown } | undefined;
  return {
    id: job.id ?? '?', label: job.data?.label ?? '?', attempts: job.attemptsMade, maxAttempts: job.opts.attempts ?? 1,
    ...(job.processedBy ? { worker: job.processedBy } : {}),
    ...(progress && typeof progress.done === 'number' && typeof progress.total === 'number' ? { progress: { done: progress.done, total: progress.total } } : {}),
    ...(job.failedReason ? { error: job.failedReason } : {}),
  };
}

export async function queueStatus(connection: QueueConnection): Promise<QueueStatus> {
  const q = connection.queue;
  const c = await q.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'completed', 'failed');
  const [active, failed] = await Promise.all([q.getActive(0, 99), q.getFailed(0, -1)]);
  return {
    queue: connection.url.display,
    counts: { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, completed: c.completed ?? 0, failed: c.failed ?? 0 },
    rows: await countRows(connection.redis),
    active: active.map((j) => _info(j as never)),
    failed: failed.map((j) => _info(j as never)),
  };
}

/** Put failed jobs (all, or those named) back to waiting with fresh attempts; their checkpoints stay. */
export async function retryFailed(connection: QueueConnection, ids: readonly string[] = []): Promise<{ retried: string[]; notFailed: string[] }> {
  const failed = await connection.queue.getFailed(0, -1);
  const wanted = ids.length === 0 ? failed : failed.filter((j) => ids.includes(j.id ?? ''));
  for (const job of wanted) await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
  const retried = wanted.map((j) => j.id ?? '?');
  return { retried, notFailed: ids.filter((id) => !retried.includes(id)) };
}

/**
 * Remove the jobs not yet started (waiting and delayed). With `all`: the whole queue, running and
 * finished jobs, failed ones and stored rows too (and its version stamp), so any tokgap can use it.
 */
export async function drainQueue(connection: QueueConnection, options: { all?: boolean } = {}): Promise<{ removed: number; rows: number; all: boolean }> {
  const q = connection.queue;
  if (!options.all) {
    const before = await q.getJobCounts('waiting', 'prioritized', 'delayed');
    await q.drain(true);
    return { removed: Object.values(before).reduce((a, b) => a + b, 0), rows: 0, all: false };
  }
  const before = await q.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed');
  const rows = await countRows(connection.redis);
  await q.obliterate({ force: true });
  await connection.redis.del(QUEUE_KEYS.rows, QUEUE_KEYS.stamp);
  return { removed: Object.values(before).reduce((a, b) => a + b, 0), rows, all: true };
}
