/** `analyze queue retry`: failed cells back to waiting with fresh attempts. */
import type { Argv, CommandModule } from 'yargs';
import { InvalidOptionError } from '../../../errors.js';
import { createOutput } from '../../output.js';
import { withQueue, withQueueOption, type QueueArgs } from './common.js';

interface RetryArgs extends QueueArgs {
  job?: string[];
}

export const queueRetryCommand: CommandModule<object, RetryArgs> = {
  command: 'retry',
  describe: 'Put failed cells (all, or those given by --job) back in the queue with fresh attempts; their checkpoints are kept',
  builder: (y: Argv) => withQueueOption(y).option('job', { type: 'string', array: true, describe: 'Job id(s) to retry, as analyze queue status shows them (default: every failed job)' }) as unknown as Argv<RetryArgs>,
  handler: async (argv) => {
    const out = createOutput(argv);
    const { retryFailed } = await import('../../../queue/index.js');
    const result = await withQueue(argv.queue, (c) => retryFailed(c, argv.job ?? []));
    if (result.notFailed.length > 0) {
      throw new InvalidOptionError(`--job was given ${result.notFailed.join(', ')}, not a failed job of the queue`, { field: 'job', expected: 'the id of a failed job (analyze queue status lists them)' });
    }
    out.result(result, () => `${result.retried.length} failed job(s) back in the queue${result.retried.length ? `: ${result.retried.join(', ')}` : ''}`);
  },
};
