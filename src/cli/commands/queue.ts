/** `analyze queue status|retry|drain|collect --queue URL`: look at and manage the job queue. */
import type { Argv, CommandModule } from 'yargs';
import { queueCollectCommand } from './queue/collect.js';
import { queueDrainCommand } from './queue/drain.js';
import { queueRetryCommand } from './queue/retry.js';
import { queueStatusCommand } from './queue/status.js';

export const queueCommand: CommandModule<object, object> = {
  command: 'queue <command>',
  describe: 'Show and manage the job queue of analyze tune --queue: status, retry, drain, collect',
  builder: (y: Argv) =>
    y
      .command(queueStatusCommand as never)
      .command(queueRetryCommand as never)
      .command(queueDrainCommand as never)
      .command(queueCollectCommand as never)
      .demandCommand(1, 'Name a queue command: status, retry, drain or collect.'),
  handler: () => undefined,
};
