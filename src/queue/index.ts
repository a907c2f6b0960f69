/**
 * The job queue (BullMQ on Redis) that spreads a tuning grid over machines: enqueue, workers,
 * status/retry/drain, collect. docs/scaling.md describes how to run it.
 */
export { parseQueueUrl, type QueueUrl } from './url.js';
export { openQueue, preflightQueue, QUEUE_KEYS, QUEUE_NAME, QUEUE_PREFIX, QUEUE_FORMAT, type QueueConnection } from './connection.js';
export { cellJobId, budgetOf, jobDataOf, type CellRef, type QueueJobData } from './cell.js';
export { enqueueGrid, portableConfig, DEFAULT_ATTEMPTS, type EnqueueOptions, type EnqueueSummary, type EnqueuedJob } from './enqueue.js';
export { runQueueWorker, tuneCell, DEFAULT_LOCK_MS, DEFAULT_STALLED_CHECK_MS, type CellRunner, type CellContext, type QueueWorkerOptions, type WorkerEvent } from './worker.js';
export { queueStatus, retryFailed, drainQueue, type QueueStatus, type QueueJobInfo } from './manage.js';
export { collectQueue, mergeRows, type MergeSummary } from './collect.js';
export { followJobs, type FollowProgress, type FailedJob } from './follow.js';
export { tuneOnQueue, type QueueTuneOptions, type QueueTuneSummary } from './tune.js';
export { storeRows, rowsOfCells, allRows } from './rows.js';
export { QueueUrlError, QueueUnreachableError, QueueVersionError, QueueCellsFailedError } from './errors.js';
