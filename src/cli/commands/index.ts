/**
 * The explicit list of CLI commands (no directory scan, so the type checker sees them all).
 * To add a command: write a yargs CommandModule in this folder and add it to the array.
 */
import type { CommandModule } from 'yargs';
import { reportCommand } from './report.js';
import { tokenizationCommand } from './tokenization.js';

export const commands: CommandModule<object, any>[] = [reportCommand, tokenizationCommand];
