/**
 * `analyze worker`: takes jobs from the queue (BullMQ's Worker: locks, stall detection, retries),
 * runs each as its own grid with `tune()`, and stores each row in Redis before the job completes.
 * Checkpoints go to `<checkpoints>/<job id>/`, so a job retried on another machine that sees the
 * same folder resumes where the dead worker stopped; without a shared folder it starts over.
 */
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { InvalidOptionError } from '../errors.js';
import { parseTuneConfig, type BackendChoice, type TuneConfig } from '../tuning/options.js';
import type { ResultRow } from '../tuning/results.js';
import { loadResults, resultKey } from '../tuning/results-io.js';
import { tokgapVersion } from '../util/version.js';
import { cellKey, QueueJobDataSchema, type QueueJobData } from './cell.js';
import { QUEUE_NAME, QUEUE_PREFIX, openQueue, redisOptions } from './connection.js';
import { rowsOfCells, storeRows } from './rows.js';
import { parseQueueUrl } from './url.js';

/** What running one job needs besides its config. */
export interface CellContext {
  /** Where this job's runs checkpoint (shared across workers when `--checkpoints` is given). */
  checkpointRoot: string;
  checkpointEvery?: number;
  /** The job's own results file (its rows are read back from it). */
  resultsFile: string;
  onProgress(done: number, total: number): void;
  onNote(note: string): void;
}

/** Runs one job's grid and returns its rows; the default trains with `tune()`, the bench passes a no-op. */
export type CellRunner = (config: TuneConfig, context: CellContext) => Promise<ResultRow[]>;

/** The default runner: `tune()` on the job's config, then its rows from its own results file. */
export const tuneCell: CellRunner = async (config, context) => {
  const { tune } = await import('../tuning/grid.js');
  const summary = await tune(
    { ...config, results: context.resultsFile },
    (_label, done, total) => context.onProgress(done, total),
    undefined,
    { checkpointRoot: context.checkpointRoot, ...(context.checkpointEvery !== undefined ? { checkpointEvery: context.checkpointEvery } : {}) },
  );
  for (const note of new Set(summary.notes)) context.onNote(note);
  // Rows of an earlier attempt that died after writing them are in the same file: they count too.
  return loadResults(context.resultsFile);
};

export type WorkerEvent =
  | { event: 'ready'; worker: string; queue: string; concurrency: number }
  | { event: 'start'; job: string; label: string; attempt: number }
  | { event: 'done'; job: string; label: string; rows: number; stored: number; seconds: number }
  | { event: 'failed'; job: string; label: string; attempt: number; attempts: number; error: string }
  | { event: 'connection'; error: string }
  | { event: 'idle' };

export interface QueueWorkerOptions {
  /** Override the jobs' tfjs backend (default: what each job asks, usually `auto`). */
  backend?: BackendChoice;
  /** Jobs run at the same time in this process (default 1). */
  concurrency?: number;
  /** Shared checkpoint folder (default: a folder of this machine's temp dir, not shared). */
  checkpoints?: string;
  /** Checkpoint every N steps (default: the trainer's). */
  checkpointEvery?: number;
  /** Override the jobs' local data root (this machine's copy of the task data). */
  data?: string;
  /** How long a job's lock lasts without renewal; a worker silent this long is presumed dead (default 60 s). */
  lockMs?: number;
  /** How often workers look for jobs whose lock expired (default 30 s). */
  stalledCheckMs?: number;
  /** Stop once no job is waiting, delayed or running anywhere. */
  exitWhenDone?: boolean;
  /** Worker name stored on each job it runs (default `host:pid`). */
  name?: string;
  runCell?: CellRunner;
  onEvent?(event: WorkerEvent): void;
  /** Resolves to stop the worker (e.g. on a signal). */
  stop?: Promise<void>;
}

export interface QueueWorkerSummary {
  worker: string;
  done: number;
  failed: number;
}

export const DEFAULT_LOCK_MS = 60_000;
export const DEFAULT_STALLED_CHECK_MS = 30_000;

/** Run jobs until stopped (or, with `exitWhenDone`, until the queue has nothing left to run). */
/** Counts and durations are checked before connecting. */
function _checkWorkerOptions(o: QueueWorkerOptions): void {
  const check = (value: number | undefined, option: string, ok: (v: number) => boolean, expected: string): void => {
    if (value !== undefined && !ok(value)) throw new InvalidOptionError(`--${option} was given ${value}`, { field: option, expected });
  };
  const whole = (v: number): boolean => Number.isInteger(v) && v >= 1;
  check(o.concurrency, 'concurrency', whole, 'a whole number of cells, at least 1');
  check(o.checkpointEvery, 'checkpoint-every', whole, 'a whole number of steps, at least 1');
  check(o.lockMs === undefined ? undefined : o.lockMs / 1000, 'lock-seconds', (v) => v >= 1, 'seconds, at least 1');
  check(o.stalledCheckMs === undefined ? undefined : o.stalledCheckMs / 1000, 'stalled-check-seconds', (v) => v >= 0.1, 'seconds, at least 0.1');
}

export async function runQueueWorker(queueUrl: string, options: QueueWorkerOptions = {}): Promise<QueueWorkerSummary> {
  const url = parseQueueUrl(queueUrl);
  _checkWorkerOptions(options);
  const connection = await openQueue(url);
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const runCell = options.runCell ?? tuneCell;
  const root = options.checkpoints ?? join(tmpdir(), 'tokgap-worker-checkpoints');
  const emit = (e: WorkerEvent): void => options.onEvent?.(e);
  const summary: QueueWorkerSummary = { worker: name, done: 0, failed: 0 };
  const rowsClient = new Redis(redisOptions(url, { maxRetriesPerRequest: null }));
  rowsClient.on('error', () => undefined);

  const processJob = async (job: Job<QueueJobData>): Promise<{ rows: number; stored: number }> => {
    const data = QueueJobDataSchema.parse(job.data) as QueueJobData;
    if (data.tokgap !== tokgapVersion()) throw new Error(`job written by tokgap ${data.tokgap}, this worker is tokgap ${tokgapVersion()}`);
    const started = performance.now();
    emit({ event: 'start', job: job.id!, label: data.label, attempt: job.attemptsMade + 1 });
    // A cell done twice keeps its first row: nothing to run when every row is stored already.
    const dir = join(root, job.id!);
    const before = await rowsOfCells(rowsClient, data.cells);
    if (before.every((r) => r !== undefined)) {
      rmSync(dir, { recursive: true, force: true });
      return { rows: before.length, stored: 0 };
    }
    const config = parseTuneConfig({
      ...data.config, ...(options.backend !== undefined ? { backend: options.backend } : {}), ...(options.data !== undefined ? { data: options.data } : {}),
    });
    let lastProgress = 0;
    const rows = await runCell(config, {
      checkpointRoot: join(dir, 'ckpt'), resultsFile: join(dir, 'rows.jsonl'),
      ...(options.checkpointEvery !== undefined ? { checkpointEvery: options.checkpointEvery } : {}),
      onProgress: (done, total) => {
        const now = Date.now();
        if (now - lastProgress < 2000 && done < total) return;
        lastProgress = now;
        void job.updateProgress({ done, total }).catch(() => undefined);
      },
      onNote: (note) => { void job.log(note).catch(() => undefined); },
    });
    const wanted = new Set(data.cells.map(cellKey));
    const mine = rows.filter((r) => wanted.has(resultKey(r)));
    const missing = data.cells.filter((c) => !mine.some((r) => resultKey(r) === cellKey(c)));
    if (missing.length > 0) throw new Error(`the run wrote no row for ${missing.map((c) => c.language).join(', ')}`);
    const stored = await storeRows(rowsClient, mine);
    rmSync(dir, { recursive: true, force: true });
    emit({ event: 'done', job: job.id!, label: data.label, rows: mine.length, stored, seconds: Math.round((performance.now() - started) / 100) / 10 });
    return { rows: mine.length, stored };
  };

  const workerClient = new Redis(redisOptions(url, { maxRetriesPerRequest: null }));
  workerClient.on('error', () => undefined);
  const worker = new Worker<QueueJobData>(QUEUE_NAME, processJob, {
    connection: workerClient, prefix: QUEUE_PREFIX, name, concurrency: options.concurrency ?? 1,
    lockDuration: options.lockMs ?? DEFAULT_LOCK_MS, stalledInterval: options.stalledCheckMs ?? DEFAULT_STALLED_CHECK_MS,
    // A job whose worker died is retried; one that stalls again (it kills every worker) ends failed.
    maxStalledCount: 2,
  });
  worker.on('completed', () => { summary.done++; });
  worker.on('failed', (job, error) => {
    summary.failed++;
    if (job) emit({ event: 'failed', job: job.id ?? '?', label: (job.data as QueueJobData).label, attempt: job.attemptsMade, attempts: job.opts.attempts ?? 1, error: error.message.split('\n')[0]! });
  });
  let lastConnectionError = '';
  worker.on('error', (error) => {
    // Redis gone (restarted, network): ioredis reconnects; say it once per distinct error.
    if (error.message !== lastConnectionError) emit({ event: 'connection', error: error.message.split('\n')[0]! });
    lastConnectionError = error.message;
  });
  await worker.waitUntilReady();
  emit({ event: 'ready', worker: name, queue: url.display, concurrency: options.concurrency ?? 1 });

  const stopped = new Promise<void>((resolve) => {
    void options.stop?.then(resolve);
    if (!options.exitWhenDone) return;
    const timer = setInterval(() => {
      connection.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children').then((counts) => {
        if (Object.values(counts).every((n) => n === 0)) {
          clearInterval(timer);
          emit({ event: 'idle' });
          resolve();
        }
      }, () => undefined);
    }, 1000);
    timer.unref();
  });
  await stopped;
  await worker.close();
  await connection.close();
  rowsClient.disconnect();
  workerClient.disconnect();
  return summary;
}
