/**
 * Checks on what the user typed, for every option of every command at once (a yargs middleware):
 * an empty value (`--langs ""`, `--langs ,`, a trailing `--out`) is an error rather than
 * "everything" or "the default", and a number option given something that is not a number says so
 * with the text given, instead of passing NaN on.
 */
import { InvalidOptionError } from '../errors.js';

/** What the option was given on the command line, as typed (`--steps abc` → "abc"). */
function typedValue(name: string, argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === `--${name}`) return argv[i + 1];
    if (token.startsWith(`--${name}=`)) return token.slice(name.length + 3);
  }
  return undefined;
}

function isEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.replace(/[\s,]/g, '') === '';
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function camel(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * An option typed last, or followed by another option, with no value of its own (`--langs` at the
 * end of the line). yargs fills in the default there, so only the raw tokens show it.
 */
function optionWithoutValue(args: Record<string, unknown>, argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') break;
    if (!token.startsWith('--') || token.includes('=')) continue;
    const name = token.slice(2);
    const value = args[name] ?? args[camel(name)];
    if (value === undefined || typeof value === 'boolean' || name.startsWith('no-')) continue;
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) return token;
  }
  return undefined;
}

export function checkGivenValues(args: Record<string, unknown>, argv: readonly string[]): void {
  const bare = optionWithoutValue(args, argv);
  if (bare !== undefined) {
    throw new InvalidOptionError(`${bare} was given no value`, { field: bare, expected: 'a value after the option; leave the option out to get its default' });
  }
  const keys = Object.keys(args).filter((k) => k !== '_' && k !== '$0' && !(/[A-Z]/.test(k) && kebab(k) in args));
  for (const key of keys) {
    const value = args[key];
    const values = Array.isArray(value) ? value : [value];
    const option = `--${key.length === 1 ? key : kebab(key)}`;
    if (values.some(isEmpty) || (Array.isArray(value) && value.length === 0)) {
      throw new InvalidOptionError(`${option} was given an empty value`, {
        field: option, expected: 'a value; leave the option out to get its default',
      });
    }
    if (values.some((v) => typeof v === 'number' && Number.isNaN(v))) {
      const typed = typedValue(kebab(key), argv) ?? typedValue(key, argv);
      throw new InvalidOptionError(`${option} takes a number, not ${typed === undefined ? 'that' : JSON.stringify(typed)}`, {
        field: option, expected: 'a number such as 8 or 3e-4',
      });
    }
  }
}
