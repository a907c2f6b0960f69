/**
 * `analyze tune --queue URL [--detach] [--attempts N]`: the options that send a grid to the job
 * queue instead of running it here, and how the command reports enqueuing and following.
 */
import type { Argv } from 'yargs';
import type { TuneConfig } from '../../tuning/options.js';
import type { Output } from '../output.js';

export interface QueueTuneArgs {
  queue?: string;
  detach: boolean;
  attempts: number;
  retrySeconds: number;
  json: boolean;
  quiet: boolean;
}

export function withQueueTuneOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('queue', { type: 'string', describe: 'Enqueue the missing cells on this Redis (redis://HOST:PORT/DB, rediss:// for TLS) for `analyze worker`s instead of running them; then follow them (docs/scaling.md)' })
    .option('detach', { type: 'boolean', default: false, describe: 'With --queue: return right after enqueuing (merge rows later with analyze queue collect)' })
    .option('attempts', { type: 'number', default: 3, describe: 'With --queue: tries per cell before it ends failed' })
    .option('retry-seconds', { type: 'number', default: 5, describe: 'With --queue: wait before a failed cell is tried again; doubles per attempt' }) as Argv<T>;
}

/** Print one JSON line on stdout (--json while following). */
export const jsonLine = (value: unknown): void => { process.stdout.write(`${JSON.stringify(value)}\n`); };

/** Enqueue and follow (or detach); a grid with failed cells exits non-zero after merging the rest. */
export async function runTuneOnQueue(argv: QueueTuneArgs & { queue: string }, config: TuneConfig, out: Output): Promise<void> {
  const { tuneOnQueue, QueueCellsFailedError } = await import('../../queue/index.js');
  const summary = await tuneOnQueue(config, argv.queue, {
    detach: argv.detach, attempts: argv.attempts, backoffMs: argv.retrySeconds * 1000,
    onEnqueued: (e) => {
      if (argv.json && !argv.detach) jsonLine({ event: 'enqueued', queue: e.queue, jobs: e.jobs.length, added: e.added, skipped: e.skipped });
      out.info(`queue ${e.queue}: ${e.jobs.length} job(s) for this grid, ${e.added} added, ${e.jobs.length - e.added} already queued; ${e.skipped} cell(s) already done`);
    },
    onProgress: (p) => {
      if (argv.json) jsonLine({ event: 'progress', ...p });
      out.progress(`${p.active} running, ${p.pending} waiting, ${p.failed} failed`, p.done + p.failed, p.total);
    },
    onNote: (note) => { if (argv.json) jsonLine({ event: 'note', note }); else out.info(note); },
  });
  out.progressDone();
  if (argv.json) jsonLine({ event: argv.detach ? 'enqueued' : 'done', ...summary });
  else {
    out.result(summary, () => [
      ...summary.rows.map((r) => `${r.task}\t${r.language}\t${r.method}\t${r.setting}\tseed ${r.seed}\t${r.metric} ${r.score.toFixed(4)}\tn ${r.n}`),
      summary.detached
        ? `${summary.added} job(s) enqueued on ${summary.queue}; follow with analyze queue status, merge rows with analyze queue collect --results ${summary.resultsFile}`
        : `${summary.rows.length} row(s) merged into ${summary.resultsFile}, ${summary.skipped} cell(s) were already done, ${summary.failed.length} job(s) failed`,
      ...summary.failed.map((f) => `failed ${f.id} (${f.label}) after ${f.attempts} attempt(s): ${f.error}`),
    ].join('\n'));
  }
  if (summary.failed.length > 0) throw new QueueCellsFailedError(summary.failed);
}
