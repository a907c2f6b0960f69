/** `analyze queue drain`: remove cells not yet started; `--all` empties the whole queue. */
import type { Argv, CommandModule } from 'yargs';
import { createOutput } from '../../output.js';
import { withQueue, withQueueOption, type QueueArgs } from './common.js';

interface DrainArgs extends QueueArgs {
  all: boolean;
}

export const queueDrainCommand: CommandModule<object, DrainArgs> = {
  command: 'drain',
  describe: 'Remove the cells not yet started (waiting or in retry backoff); --all removes everything: running, done and failed jobs, the stored rows and the version stamp',
  builder: (y: Argv) => withQueueOption(y).option('all', { type: 'boolean', default: false, describe: 'Empty the queue completely (also a queue of another tokgap version); collect its rows first' }) as unknown as Argv<DrainArgs>,
  handler: async (argv) => {
    const out = createOutput(argv);
    const { drainQueue } = await import('../../../queue/index.js');
    const result = await withQueue(argv.queue, (c) => drainQueue(c, { all: argv.all }), { anyVersion: argv.all });
    out.result(result, () => (result.all ? `queue emptied: ${result.removed} job(s) and ${result.rows} stored row(s) removed` : `${result.removed} job(s) not yet started removed`));
  },
};
