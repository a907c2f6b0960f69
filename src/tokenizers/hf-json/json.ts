/**
 * Typed access to the loosely typed `tokenizer.json`: every getter names the file and the
 * dotted field path when the value is missing or of the wrong type.
 */
import { CorruptTokenizerError, UnsupportedTokenizerError } from '../errors.js';

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

export function expectArray(value: Json | undefined, where: JsonAt): Json[] {
  if (!Array.isArray(value)) throw new CorruptTokenizerError('not a JSON array', { file: where.file, field: where.path, expected: 'an array' });
  return value;
}

export function expectString(value: Json | undefined, where: JsonAt): string {
  if (typeof value !== 'string') throw new CorruptTokenizerError('not a string', { file: where.file, field: where.path, expected: 'a string' });
  return value;
}

export function expectNumber(value: Json | undefined, where: JsonAt): number {
  if (typeof value !== 'number') throw new CorruptTokenizerError('not a number', { file: where.file, field: where.path, expected: 'a number' });
  return value;
}

export function optionalBoolean(value: Json | undefined, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** The `type` tag of a component, checked against the list we implement. */
export function componentType<T extends string>(obj: JsonObject, where: JsonAt, supported: readonly T[]): T {
  const type = expectString(obj.type, child(where, 'type'));
  if (!(supported as readonly string[]).includes(type)) {
    throw new UnsupportedTokenizerError(`unsupported ${where.path} type "${type}"`, {
      file: where.file,
      field: child(where, 'type').path,
      expected: `one of ${supported.join(', ')}`,
    });
  }
  return type as T;
}
