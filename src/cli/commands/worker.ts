/** `analyze worker --queue URL`: take cells from the job queue, train them, store their rows. */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { BACKEND_CHOICES, type BackendChoice } from '../../tuning/options.js';
import { createOutput } from '../output.js';
import { jsonLine } from './queue-options.js';

interface WorkerArgs {
  queue: string;
  backend?: BackendChoice;
  concurrency: number;
  checkpoints?: string;
  checkpointEvery?: number;
  data?: string;
  lockSeconds: number;
  stalledCheckSeconds: number;
  exitWhenDone: boolean;
  json: boolean;
  quiet: boolean;
}

export const workerCommand: CommandModule<object, WorkerArgs> = {
  command: 'worker',
  describe: 'Run cells from a job queue (analyze tune --queue) on this machine and store each row there; any number of workers on any machines',
  builder: (y: Argv) =>
    y
      .option('queue', { type: 'string', demandOption: true, describe: 'The Redis of the queue: redis://[USER:PASSWORD@]HOST:PORT/DB, rediss:// for TLS' })
      .option('backend', { choices: BACKEND_CHOICES, describe: 'tfjs backend for every cell (default: what each cell was enqueued with)' })
      .option('concurrency', { type: 'number', default: 1, describe: 'Cells run at once in this process' })
      .option('checkpoints', { type: 'string', describe: 'Checkpoint folder shared by all workers (NFS, …): a cell retried elsewhere resumes there; without it a retried cell starts over' })
      .option('checkpoint-every', { type: 'number', describe: 'Checkpoint every N steps (default 50)' })
      .option('data', { type: 'string', describe: "This machine's data root (overrides the cells' --data; default $TOKGAP_DATA or the cell's data URL)" })
      .option('lock-seconds', { type: 'number', default: 60, describe: 'A worker silent this long is presumed dead and its cell retried elsewhere' })
      .option('stalled-check-seconds', { type: 'number', default: 30, describe: 'How often to look for cells of dead workers' })
      .option('exit-when-done', { type: 'boolean', default: false, describe: 'Stop once nothing is waiting or running in the queue' })
      .example('$0 worker --queue redis://10.0.0.5:6379/0 --checkpoints /mnt/shared/ckpt', 'one worker per machine (or per GPU)') as unknown as Argv<WorkerArgs>,
  handler: async (argv: ArgumentsCamelCase<WorkerArgs>) => {
    const out = createOutput({ json: argv.json, quiet: argv.quiet });
    const { runQueueWorker, parseQueueUrl } = await import('../../queue/index.js');
    parseQueueUrl(argv.queue);
    const summary = await runQueueWorker(argv.queue, {
      ...(argv.backend !== undefined ? { backend: argv.backend } : {}), concurrency: argv.concurrency,
      ...(argv.checkpoints !== undefined ? { checkpoints: argv.checkpoints } : {}),
      ...(argv.checkpointEvery !== undefined ? { checkpointEvery: argv.checkpointEvery } : {}),
      ...(argv.data !== undefined ? { data: argv.data } : {}),
      lockMs: argv.lockSeconds * 1000, stalledCheckMs: argv.stalledCheckSeconds * 1000, exitWhenDone: argv.exitWhenDone,
      onEvent: (e) => {
        if (argv.json) { jsonLine(e); return; }
        switch (e.event) {
          case 'ready': out.info(`worker ${e.worker} on ${e.queue}, ${e.concurrency} cell(s) at a time`); break;
          case 'start': out.info(`▶ ${e.label} (attempt ${e.attempt})`); break;
          case 'done': out.info(`✓ ${e.label}: ${e.rows} row(s) in ${e.seconds} s`); break;
          case 'failed': out.info(`✗ ${e.label} attempt ${e.attempt}/${e.attempts}: ${e.error}`); break;
          case 'connection': out.info(`queue connection: ${e.error} (reconnecting)`); break;
          case 'idle': out.info('queue empty: stopping'); break;
        }
      },
    });
    if (!argv.json) out.result(summary, () => `worker ${summary.worker}: ${summary.done} job(s) done, ${summary.failed} attempt(s) failed`);
  },
};
