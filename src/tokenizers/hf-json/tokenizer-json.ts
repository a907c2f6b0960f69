/**
 * The one reader of a `tokenizer.json`. The model and the added tokens, which every route reads,
 * are parsed on reading; the other components are parsed by schema on demand, since only our own
 * pipeline runs them (`componentConfig`), while a file the HF library runs passes to it whole
 * (`raw`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import { CorruptTokenizerError, TokenizerNotFoundError } from '../errors.js';
import { addedTokensFromJson, type AddedToken } from './added-tokens.js';
import { parseComponent, parseKnownComponent } from './components.js';
import { DecoderConfigSchema } from './decoders/index.js';
import { at, expectObject, type Json, type JsonAt, type JsonObject } from './json.js';
import { ModelConfigSchema, type ModelConfig } from './models/index.js';
import { NormalizerConfigSchema } from './normalizers/index.js';
import { PostProcessorConfigSchema } from './post-processors/index.js';
import { PreTokenizerConfigSchema } from './pre-tokenizers/index.js';

export interface TokenizerJson {
  file: string;
  /** The whole file, for the HF library. */
  raw: JsonObject;
  model: ModelConfig;
  addedTokens: AddedToken[];
}

/** A JSON file; a missing file is NOT_FOUND, invalid JSON an error naming the line. */
export function readJsonFile(file: string): Json {
  if (!existsSync(file)) throw new TokenizerNotFoundError('tokenizer file not found', { file, expected: 'an existing tokenizer.json' });
  if (statSync(file).isDirectory()) throw new TokenizerNotFoundError('is a folder, not a file', { file, expected: 'a tokenizer.json file' });
  const text = readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    const m = /position (\d+)/.exec(String((error as Error).message));
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
    throw new CorruptTokenizerError(`not valid JSON: ${(error as Error).message}`, { file, line, expected: 'a tokenizer.json as written by HF tokenizers', cause: error });
  }
}

export function readTokenizerJson(file: string): TokenizerJson {
  const raw = expectObject(readJsonFile(file), at(file, ''));
  return {
    file,
    raw,
    model: parseComponent(ModelConfigSchema, raw.model, at(file, 'model')),
    addedTokens: addedTokensFromJson(raw.added_tokens, at(file, 'added_tokens')),
  };
}

const COMPONENT_SCHEMAS = {
  normalizer: NormalizerConfigSchema,
  pre_tokenizer: PreTokenizerConfigSchema,
  post_processor: PostProcessorConfigSchema,
  decoder: DecoderConfigSchema,
} as const;

export type ComponentKey = keyof typeof COMPONENT_SCHEMAS;
export type ComponentConfig<K extends ComponentKey> = z.output<(typeof COMPONENT_SCHEMAS)[K]>;

/** Where a component sits, for the errors of its build step. */
export const componentAt = (tj: TokenizerJson, key: ComponentKey): JsonAt => at(tj.file, key);

/** A component for our pipeline to run: null when absent, UNSUPPORTED when of a type it does not implement. */
export function componentConfig<K extends ComponentKey>(tj: TokenizerJson, key: K): ComponentConfig<K> | null {
  const value = tj.raw[key];
  if (value === null || value === undefined) return null;
  return parseComponent(COMPONENT_SCHEMAS[key], value, componentAt(tj, key)) as ComponentConfig<K>;
}

/** A component for choosing a route: also null when of a type our pipeline does not implement. */
export function knownComponentConfig<K extends ComponentKey>(tj: TokenizerJson, key: K): ComponentConfig<K> | null {
  return parseKnownComponent(COMPONENT_SCHEMAS[key], tj.raw[key], componentAt(tj, key)) as ComponentConfig<K> | null;
}
