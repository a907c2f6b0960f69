/**
 * `tokenizer.json` components as data: each is a zod discriminated union on its `type` tag, as the
 * HF Rust crate deserialises them, and a separate `build` step turns the data into the function
 * that runs. A bad component is an error naming the file and the dotted field path.
 */
import type { z } from 'zod';
import { CorruptTokenizerError, UnsupportedTokenizerError } from '../errors.js';
import { child, type Json, type JsonAt } from './json.js';

type Issue = z.core.$ZodIssue;

/** An issue saying a `type` tag (or another discriminator) is not one the union knows. */
const unknownType = (issue: Issue): issue is Issue & { options: unknown[] } =>
  issue.code === 'invalid_union' && Array.isArray((issue as { options?: unknown[] }).options);

/** Parses `value` with `schema`; an unknown `type` tag is an UnsupportedTokenizerError listing the known ones. */
export function parseComponent<S extends z.ZodType>(schema: S, value: Json | undefined, where: JsonAt): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const at = issue.path.reduce<JsonAt>((w, key) => child(w, typeof key === 'number' ? key : String(key)), where);
  if (unknownType(issue)) {
    const got = issue.path.reduce<unknown>((v, key) => (v as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey], value);
    throw new UnsupportedTokenizerError(`unsupported ${at.path.replace(/\.type$/, '')} type ${JSON.stringify(got)}`, {
      file: where.file, field: at.path, expected: `one of ${issue.options.join(', ')}`,
    });
  }
  throw new CorruptTokenizerError(issue.message, { file: where.file, field: at.path });
}

/**
 * For choosing a route: `value` parsed, or null when it is absent or has a `type` the schema does
 * not know (a file our pipeline cannot run goes to the HF library). A known component with a
 * malformed field is still an error, so a broken file is not silently run another way.
 */
export function parseKnownComponent<S extends z.ZodType>(schema: S, value: Json | undefined, where: JsonAt): z.output<S> | null {
  if (value === null || value === undefined) return null;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  if (unknownType(parsed.error.issues[0]!)) return null;
  return parseComponent(schema, value, where);
}

/** The first component tagged `type` in `config` or, depth first, in the `Sequence`s under it. */
export function findComponent<C extends { type: string }, T extends C['type']>(
  config: C | null | undefined,
  type: T,
  children: (c: C) => readonly C[] | undefined,
): Extract<C, { type: T }> | null {
  if (!config) return null;
  if (config.type === type) return config as Extract<C, { type: T }>;
  for (const c of children(config) ?? []) {
    const found = findComponent(c, type, children);
    if (found) return found;
  }
  return null;
}
