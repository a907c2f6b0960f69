/**
 * The `added_tokens` of a tokenizer.json: they are cut out of the raw input before normalization
 * (leftmost, longest match first), as the crate's AddedVocabulary does, and never split further.
 */
import { z } from 'zod';
import { parseComponent } from './components.js';
import type { Json, JsonAt } from './json.js';

export interface AddedToken {
  id: number;
  content: string;
  special: boolean;
  lstrip: boolean;
  rstrip: boolean;
}

/** `added_tokens` as `tokenizer.json` writes it (the fields this code reads); they carry no type tag. */
export const AddedTokensConfigSchema = z.array(z.object({
  id: z.number().int().nonnegative(),
  content: z.string(),
  special: z.boolean().optional(),
  lstrip: z.boolean().optional(),
  rstrip: z.boolean().optional(),
}));

export type AddedTokensConfig = z.output<typeof AddedTokensConfigSchema>;

export function addedTokensFromJson(value: Json | undefined, where: JsonAt): AddedToken[] {
  if (value === null || value === undefined) return [];
  return buildAddedTokens(parseComponent(AddedTokensConfigSchema, value, where));
}

export function buildAddedTokens(config: AddedTokensConfig): AddedToken[] {
  return config.map((t) => ({ id: t.id, content: t.content, special: t.special ?? false, lstrip: t.lstrip ?? false, rstrip: t.rstrip ?? false }));
}

/** A piece of the input: plain text to tokenize, or one added token. UTF-16 span in the input. */
export type Segment = { kind: 'text'; start: number; end: number } | { kind: 'added'; token: AddedToken; start: number; end: number };

const isSpace = (c: string | undefined): boolean => c !== undefined && /\s/u.test(c);

export function splitAddedTokens(text: string, tokens: readonly AddedToken[]): Segment[] {
  const usable = tokens.filter((t) => t.content.length > 0);
  if (usable.length === 0) return text.length ? [{ kind: 'text', start: 0, end: text.length }] : [];
  const byFirst = new Map<string, AddedToken[]>();
  for (const t of usable) {
    const list = byFirst.get(t.content[0]) ?? [];
    list.push(t);
    byFirst.set(t.content[0], list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.content.length - a.content.length);
  const out: Segment[] = [];
  let textStart = 0;
  for (let i = 0; i < text.length; ) {
    const match = byFirst.get(text[i])?.find((t) => text.startsWith(t.content, i));
    if (!match) {
      i++;
      continue;
    }
    let s = i;
    let e = i + match.content.length;
    if (match.lstrip) while (s > textStart && isSpace(text[s - 1])) s--;
    if (match.rstrip) while (e < text.length && isSpace(text[e])) e++;
    if (s > textStart) out.push({ kind: 'text', start: textStart, end: s });
    out.push({ kind: 'added', token: match, start: s, end: e });
    textStart = e;
    i = e;
  }
  if (textStart < text.length) out.push({ kind: 'text', start: textStart, end: text.length });
  return out;
}
