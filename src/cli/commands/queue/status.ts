/** `analyze queue status`: counts, running cells and every failure with its error and attempts. */
import type { Argv, CommandModule } from 'yargs';
import { createOutput } from '../../output.js';
import { withQueue, withQueueOption, type QueueArgs } from './common.js';

export const queueStatusCommand: CommandModule<object, QueueArgs> = {
  command: 'status',
  describe: 'Pending, running, done and failed cells; each failure with its error and attempt count',
  builder: (y: Argv) => withQueueOption(y) as unknown as Argv<QueueArgs>,
  handler: async (argv) => {
    const out = createOutput(argv);
    const { queueStatus } = await import('../../../queue/index.js');
    const status = await withQueue(argv.queue, queueStatus);
    const c = status.counts;
    out.result(status, () => [
      `queue ${status.queue}: ${c.waiting} waiting, ${c.delayed} delayed (retry backoff), ${c.active} running, ${c.completed} done, ${c.failed} failed; ${status.rows} row(s) stored`,
      ...status.active.map((j) => `running ${j.label}${j.worker ? ` on ${j.worker}` : ''}${j.progress ? ` (step ${j.progress.done}/${j.progress.total})` : ''}, attempt ${j.attempts}/${j.maxAttempts}  [${j.id}]`),
      ...status.failed.map((j) => `failed ${j.label} after ${j.attempts}/${j.maxAttempts} attempt(s): ${j.error ?? 'unknown error'}  [${j.id}]`),
    ].join('\n'));
  },
};
