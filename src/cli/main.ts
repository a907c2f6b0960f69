#!/usr/bin/env node
/**
 * The `analyze` (alias `tokgap`) command line. Thin: each command is a yargs module in
 * ./commands that parses options, calls one library function and formats the result. Handlers
 * import their stage when they run, so `--help` and option errors do not load tfjs, Vega or the
 * tokenizers; a builder imports only light modules (constants, choices).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import yargs, { type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { isTokgapError } from '../errors.js';
import { EXIT, EXIT_CODES_HELP, exitCodeFor } from '../util/exit-codes.js';
import { checkGivenValues } from './given-values.js';
import { usageMessage } from './usage-message.js';
import { setInterruptHandler } from '../util/interrupt.js';
import { SMOKE_CAPS, smokeMode } from '../util/smoke.js';
import { setDownloadProgress, terminalDownloadProgress } from '../net/progress.js';

export async function main(argv: string[] = hideBin(process.argv)): Promise<void> {
  setInterruptHandler((signal) => {
    // Finished units are on disk (checkpoints, results lines, complete output sets); the rest reruns.
    process.stderr.write(`\ninterrupted (${signal}): finished work is kept (per-language checkpoints, results lines already written, the last complete output set); run the same command again to resume.\n`);
    process.exit(signal === 'SIGINT' ? EXIT.INTERRUPTED : EXIT.TERMINATED);
  });
  if (smokeMode() && !argv.includes('--quiet') && !argv.includes('-q')) {
    process.stderr.write(`smoke mode (TOKGAP_SMOKE): training stops after ${SMOKE_CAPS.steps} steps on ${SMOKE_CAPS.examples} examples; scores mean nothing\n`);
  }
  let cli = yargs(argv)
    .scriptName('analyze')
    .usage('$0 <command> [options]\n\nMeasure how a tokenizer treats each language, and link it to prompt-tuning vs fine-tuning gaps.')
    .option('json', { type: 'boolean', default: false, describe: 'Print machine-readable JSON on stdout; no progress output' })
    .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'Print nothing but errors' })
    .option('debug', { type: 'boolean', default: false, describe: 'On an internal error, print its stack trace (also TOKGAP_DEBUG=1)' })
    // An empty value (`--langs "$UNSET"`) or a number that is not one is a usage error, never "everything".
    .middleware((args) => checkGivenValues(args, argv), true)
    // Downloads (hub models, datasets) draw progress on a terminal, never under --json or --quiet.
    .middleware((args) => setDownloadProgress(args.json || args.quiet ? null : terminalDownloadProgress(process.stderr)))
    .strict()
    .demandCommand(1, 'Name a command: see `analyze --help`.')
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .epilogue(EXIT_CODES_HELP)
    .fail((message, error, y) => {
      if (error) throw error;
      void y;
      const command = registered.find((c) => String(c.command).split(' ')[0] === argv[0]);
      const text = usageMessage(message, argv, command);
      process.stderr.write(`error: ${text}\n${text === message ? 'Run with --help for usage.\n' : ''}`);
      process.exit(EXIT.USAGE);
    });
  const registered = await commandsFor(argv);
  for (const command of registered) cli = cli.command(command as never);
  try {
    await cli.parseAsync();
  } catch (error) {
    if (isTokgapError(error)) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exit(exitCodeFor(error.code));
    }
    reportInternalError(error, debugWanted(argv));
  }
}

/**
 * The command modules to register. `analyze encode` is a line filter whose whole-process time is
 * what users feel, so it registers only itself: the other commands' builders import zod, the
 * corpora and more (about 0.3 s). Its help and errors read the same either way.
 */
async function commandsFor(argv: readonly string[]): Promise<readonly CommandModule<object, any>[]> {
  if (argv[0] === 'encode') return [(await import('./commands/encode.js')).encodeCommand];
  return (await import('./commands/index.js')).commands;
}

/** `--debug` anywhere on the command line, or TOKGAP_DEBUG set to anything but empty/0/false. */
export function debugWanted(argv: readonly string[] = hideBin(process.argv), env: NodeJS.ProcessEnv = process.env): boolean {
  const flag = env.TOKGAP_DEBUG?.trim().toLowerCase();
  return argv.includes('--debug') || (flag !== undefined && flag !== '' && flag !== '0' && flag !== 'false');
}

/**
 * An exception no check anticipated is a bug: one line that says so and where to report it; the
 * trace only with --debug / TOKGAP_DEBUG=1.
 */
export function reportInternalError(error: unknown, debug: boolean): never {
  const what = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  process.stderr.write(`internal error (a bug in tokgap): ${what.split('\n')[0]}\n`);
  if (debug) process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  else process.stderr.write('Please report it on the tokgap issue tracker with the command line and the output of the same command with --debug (or TOKGAP_DEBUG=1).\n');
  process.exit(EXIT.INTERNAL);
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
  main().catch((error: unknown) => reportInternalError(error, debugWanted()));
}
