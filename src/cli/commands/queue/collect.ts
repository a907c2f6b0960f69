/** `analyze queue collect --results FILE`: merge the queue's stored rows into a results file. */
import type { Argv, CommandModule } from 'yargs';
import { createOutput } from '../../output.js';
import { withQueue, withQueueOption, type QueueArgs } from './common.js';

interface CollectArgs extends QueueArgs {
  results: string;
}

export const queueCollectCommand: CommandModule<object, CollectArgs> = {
  command: 'collect',
  describe: 'Append every row stored in the queue to a results file, skipping cells it already has',
  builder: (y: Argv) => withQueueOption(y).option('results', { type: 'string', default: 'results/tuning.jsonl', describe: 'Results file (JSON Lines, appended)' }) as unknown as Argv<CollectArgs>,
  handler: async (argv) => {
    const out = createOutput(argv);
    const { collectQueue } = await import('../../../queue/index.js');
    const result = await withQueue(argv.queue, (c) => collectQueue(c, argv.results));
    out.result({ resultsFile: result.resultsFile, appended: result.appended.length, already: result.already, rows: result.appended }, () =>
      `${result.appended.length} row(s) appended to ${result.resultsFile}, ${result.already} already there`);
  },
};
