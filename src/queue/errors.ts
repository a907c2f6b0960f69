/** Errors of the job queue: each names the queue (password hidden) and what to do about it. */
import { TokgapError, type TokgapErrorFields } from '../errors.js';

/** `--queue` (or a study's `queue`) is not a Redis URL tokgap can use. */
export class QueueUrlError extends TokgapError {
  constructor(given: string, problem: string, fields: TokgapErrorFields = {}) {
    super('INVALID_OPTION', `--queue was given ${JSON.stringify(given)}: ${problem}`, {
      field: 'queue', expected: 'redis://[USER:PASSWORD@]HOST[:PORT][/DB] or rediss://… (TLS)', ...fields,
    });
    this.name = 'TokgapError';
  }
}

/** The Redis server could not be reached (or refused the credentials). */
export class QueueUnreachableError extends TokgapError {
  constructor(where: string, why: string, fields: TokgapErrorFields = {}) {
    super('QUEUE_UNREACHABLE', `cannot reach the queue at ${where}: ${why}`, {
      expected: 'a running Redis server reachable from this machine (docs/scaling.md)', ...fields,
    });
    this.name = 'TokgapError';
  }
}

/** The Redis holds a queue written by another tokgap version (or another format). */
export class QueueVersionError extends TokgapError {
  constructor(where: string, found: string, ours: string) {
    super('QUEUE_VERSION', `the queue at ${where} belongs to tokgap ${found}, this is tokgap ${ours}`, {
      field: 'queue',
      expected: `workers and commands of the same tokgap version as the queue, another Redis database (…/DB), or an emptied queue (analyze queue drain --all --queue URL)`,
    });
    this.name = 'TokgapError';
  }
}

/** Some cells of the grid ended failed after all their attempts (their errors stay in the queue). */
export class QueueCellsFailedError extends TokgapError {
  constructor(failed: readonly { id: string; error: string }[]) {
    const first = failed[0];
    super('CELLS_FAILED', `${failed.length} queued cell(s) failed after all attempts${first ? `; first: ${first.id}: ${first.error}` : ''}`, {
      expected: 'a fix of the cause, then analyze queue retry --queue URL (analyze queue status lists every error)',
    });
    this.name = 'TokgapError';
  }
}
