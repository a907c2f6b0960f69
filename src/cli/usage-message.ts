/**
 * yargs' own usage messages in tokgap's words: "Unknown arguments: lang, foo" becomes
 * "unknown option --lang (did you mean --langs?), option --foo; see analyze tokenization --help
 * for what it takes", "Missing required arguments: model" becomes "missing required option
 * --model; …". Other messages pass through.
 */
import type { CommandModule } from 'yargs';
import { nearestName } from '../util/edit-distance.js';
import { builderCalls, type BuilderCall } from './builder-calls.js';

/** Options every command takes (main.ts). */
const GLOBAL_OPTIONS = ['json', 'quiet', 'debug', 'help', 'version'];

/** The option names a command's builder declares, and the options every command takes. */
export function optionNames(command: CommandModule<object, any> | undefined): string[] {
  let calls: BuilderCall[] = [];
  try {
    if (command !== undefined) calls = builderCalls(command);
  } catch { /* a builder that needs the real yargs: no suggestions */ }
  const names = calls.flatMap(({ method, args: [first] }) => {
    if ((method === 'option' || method === 'positional') && typeof first === 'string') return [first];
    if (method === 'options' && typeof first === 'object' && first !== null) return Object.keys(first);
    return [];
  });
  return [...names, ...GLOBAL_OPTIONS];
}

/** `argv` tells an unknown option (typed with dashes) from a stray argument, which yargs names alike. */
export function usageMessage(message: string, argv: readonly string[], command: CommandModule<object, any> | undefined): string {
  const where = command !== undefined ? `analyze ${String(command.command).split(' ')[0]} --help` : 'analyze --help';
  const missing = /^Missing required arguments?: (.+)$/.exec(message);
  if (missing) {
    const names = missing[1]!.split(', ');
    return `missing required option${names.length > 1 ? 's' : ''} ${names.map((n) => `--${n}`).join(', ')}; see ${where} for what it takes`;
  }
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (!unknown) return message;
  const known = optionNames(command);
  const typed = new Set(argv.filter((a) => a.startsWith('-')).map((a) => a.replace(/^-+/, '').split('=')[0]!));
  const named = unknown[1]!.split(', ').map((raw) => {
    if (!typed.has(raw)) return `argument "${raw}"`;
    const guess = nearestName(raw, known);
    return `option --${raw}${guess !== undefined ? ` (did you mean --${guess}?)` : ''}`;
  });
  return `unknown ${named.join(', ')}; see ${where} for what it takes`;
}
