#!/usr/bin/env node
/**
 * The `analyze` (alias `tokgap`) command line. Thin: each command is a yargs module in
 * ./commands that parses options, calls one library function and formats the result. Handlers
 * import their stage when they run, so `--help` and option errors do not load tfjs, Vega or the
 * tokenizers; a builder imports only light modules (constants, choices).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands/index.js';
import { isTokgapError } from '../errors.js';
import { exitCodeFor } from './exit-codes.js';
import { setDownloadProgress, terminalDownloadProgress } from '../net/progress.js';

export async function main(argv: string[] = hideBin(process.argv)): Promise<void> {
  let cli = yargs(argv)
    .scriptName('analyze')
    .usage('$0 <command> [options]\n\nMeasure how a tokenizer treats each language, and link it to prompt-tuning vs fine-tuning gaps.')
    .option('json', { type: 'boolean', default: false, describe: 'Print machine-readable JSON on stdout; no progress output' })
    .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'Print nothing but errors' })
    // Downloads (hub models, datasets) draw progress on a terminal, never under --json or --quiet.
    .middleware((args) => setDownloadProgress(args.json || args.quiet ? null : terminalDownloadProgress(process.stderr)))
    .strict()
    .demandCommand(1, 'Name a command: see `analyze --help`.')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, error, y) => {
      if (error) throw error;
      void y;
      process.stderr.write(`error: ${message}\nRun with --help for usage.\n`);
      process.exit(64);
    });
  for (const command of commands) cli = cli.command(command as never);
  try {
    await cli.parseAsync();
  } catch (error) {
    if (isTokgapError(error)) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exit(exitCodeFor(error.code));
    }
    throw error;
  }
}

// Run when executed as a script (also through npm's bin symlink), not when imported by tests.
function invokedDirectly(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}
if (invokedDirectly()) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
