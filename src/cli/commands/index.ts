/**
 * The explicit list of CLI commands (no directory scan, so the type checker sees them all).
 * To add a command: write a yargs CommandModule in this folder and add it to the array.
 */
import type { CommandModule } from 'yargs';
import { correlateCommand } from './correlate.js';
import { studyCommand } from './study.js';
import { reportCommand } from './report.js';
import { tokenizationCommand } from './tokenization.js';
import { encodeCommand } from './encode.js';
import { tuneCommand } from './tune.js';
import { pretrainCommand } from './pretrain.js';
import { workerCommand } from './worker.js';
import { queueCommand } from './queue.js';

export const commands: CommandModule<object, any>[] = [
  // Order = order in `analyze --help`, following the data flow.
  tokenizationCommand,
  encodeCommand,
  reportCommand,
  pretrainCommand,
  tuneCommand,
  workerCommand,
  queueCommand,
  correlateCommand,
  studyCommand,
];
