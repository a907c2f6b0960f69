/**
 * `tokenizer.json` components as data: each is a zod discriminated union on its `type` tag, as the
 * HF Rust crate deserialises them, and a separate `build` step turns the data into the function
 * that runs. A bad component is an error naming the file and the dotted field path.
 */
import type { z } from 'zod';
import { CorruptTokenizerError, UnsupportedTokenizerError } from '../errors.js';
import { child, type Json, type JsonAt } from './json.js';

/** Parses `value` with `schema`; an unknown `type` tag is an UnsupportedTokenizerError listing the known ones. */
export function parseComponent<S extends z.ZodType>(schema: S, value: Json, where: JsonAt): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const at = issue.path.reduce<JsonAt>((w, key) => child(w, typeof key === 'number' ? key : String(key)), where);
  const options = (issue as { options?: unknown[] }).options;
  if (issue.code === 'invalid_union' && Array.isArray(options)) {
    const got = issue.path.reduce<unknown>((v, key) => (v as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey], value);
    throw new UnsupportedTokenizerError(`unsupported ${at.path.replace(/\.type$/, '')} type ${JSON.stringify(got)}`, {
      file: where.file, field: at.path, expected: `one of ${options.join(', ')}`,
    });
  }
  throw new CorruptTokenizerError(issue.message, { file: where.file, field: at.path });
}
