/**
 * The loosely typed `tokenizer.json` and where a value sits in it: the file and the dotted field
 * path that every error names. Fields are read through the component schemas (components.ts).
 */
import { CorruptTokenizerError } from '../errors.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Where a value sits: the file and its dotted path, for error messages. */
export interface JsonAt {
  file: string;
  path: string;
}

export const at = (file: string, path: string): JsonAt => ({ file, path });
export const child = (where: JsonAt, key: string | number): JsonAt => ({
  file: where.file,
  path: typeof key === 'number' ? `${where.path}[${key}]` : where.path ? `${where.path}.${key}` : key,
});

export function expectObject(value: Json | undefined, where: JsonAt): JsonObject {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    throw new CorruptTokenizerError('not a JSON object', { file: where.file, field: where.path, expected: 'an object' });
  }
  return value;
}
