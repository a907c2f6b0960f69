/**
 * Loading a Hugging Face `tokenizer.json`.
 *
 * Measured facts that decide the route:
 * - `@huggingface/tokenizers` 0.2.0 and transformers.js are NOT exact on SentencePiece-derived
 *   files: they apply plain NFKC instead of the precompiled charsmap, turn ZWJ into a space and
 *   break Unigram ties differently; 0.5-1% of lines differ from transformers.
 * - transformers (the HF Rust crate) itself differs from SentencePiece: it applies the charsmap
 *   per grapheme cluster (see normalizers/precompiled.ts); on the golden fixture 1 of 204 lines.
 * So SentencePiece-derived files (model Unigram) run through our own pipeline, which follows the
 * crate step by step and reproduces the golden fixture exactly; SentencePiece BPE files with a
 * Precompiled charsmap (BPE + byte_fallback + Metaspace) are rebuilt for our exact SentencePiece
 * engine; everything else (byte-level BPE such as GPT-2/Llama 3/Qwen 3, WordPiece, Llama 2 style
 * BPE without a charsmap) goes through `@huggingface/tokenizers`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CorruptTokenizerError, TokenizerNotFoundError, UnsupportedTokenizerError } from '../errors.js';
import type { Tokenizer } from '../types.js';
import { at, child, expectArray, expectNumber, expectObject, expectString, optionalBoolean, type Json, type JsonObject } from './json.js';
import { normalizerFromJson } from './normalizers/index.js';
import { preTokenizerFromJson } from './pre-tokenizers/index.js';
import { UnigramModel } from './models/unigram.js';
import { addedTokensFromJson } from './added-tokens.js';
import { templateFromJson } from './post-processors/template.js';
import { SentencePieceDerivedTokenizer } from './sentencepiece-derived.js';
import { GenericHfTokenizer } from './generic.js';
import { SentencePieceBpeJsonTokenizer } from './sentencepiece-bpe.js';
import { decodePrecompiledCharsmap } from '../sentencepiece/index.js';

export const HF_MODEL_TYPES = ['Unigram', 'BPE', 'WordPiece', 'WordLevel'] as const;

export interface LoadHfJsonOptions {
  /** The spec string to record (default `hf:PATH`). */
  spec?: string;
  /** Display name (default: the parent folder's name). */
  name?: string;
}

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

/** Load `file` (a tokenizer.json), choosing our SentencePiece pipeline or the HF library. */
export function loadHfJson(file: string, options: LoadHfJsonOptions = {}): Tokenizer {
  const json = expectObject(readJsonFile(file), at(file, ''));
  const spec = options.spec ?? `hf:${file}`;
  const name = options.name ?? (basename(dirname(file)) || basename(file));
  const modelAt = at(file, 'model');
  const model = expectObject(json.model, modelAt);
  const type = expectString(model.type, child(modelAt, 'type'));
  if (!(HF_MODEL_TYPES as readonly string[]).includes(type)) {
    throw new UnsupportedTokenizerError(`unsupported tokenizer model type "${type}"`, { file, field: 'model.type', expected: `one of ${HF_MODEL_TYPES.join(', ')}` });
  }
  if (type === 'Unigram') return loadUnigram(file, json, model, spec, name);
  if (type === 'BPE' && model.byte_fallback === true) {
    const charsmap = findComponent(json.normalizer ?? null, 'Precompiled');
    const metaspace = findComponent(json.pre_tokenizer ?? null, 'Metaspace');
    if (charsmap && metaspace) return loadSentencePieceBpe(file, json, model, spec, name, charsmap, metaspace);
  }
  return new GenericHfTokenizer({ spec, name, file, json, config: readSiblingConfig(file) });
}

function readSiblingConfig(file: string): JsonObject {
  return readTokenizerConfig(dirname(file)) ?? {};
}

/**
 * The one reader of a folder's `tokenizer_config.json`: the object it holds (`{}` when it holds
 * something else), `undefined` when the folder has none; invalid JSON is an error naming the line.
 */
export function readTokenizerConfig(dir: string): JsonObject | undefined {
  const path = join(dir, 'tokenizer_config.json');
  if (!existsSync(path)) return undefined;
  const value = readJsonFile(path);
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

function loadUnigram(file: string, json: JsonObject, model: JsonObject, spec: string, name: string): Tokenizer {
  const vocabAt = at(file, 'model.vocab');
  const vocab = expectArray(model.vocab, vocabAt);
  const pieces: string[] = new Array(vocab.length);
  const scores = new Float64Array(vocab.length);
  vocab.forEach((entry, i) => {
    const pair = expectArray(entry, child(vocabAt, i));
    pieces[i] = expectString(pair[0], child(child(vocabAt, i), 0));
    scores[i] = expectNumber(pair[1], child(child(vocabAt, i), 1));
  });
  const unkId = model.unk_id === null || model.unk_id === undefined ? null : expectNumber(model.unk_id, at(file, 'model.unk_id'));
  const unigram = new UnigramModel(pieces, scores, unkId, optionalBoolean(model.byte_fallback, false));
  const pre = json.pre_tokenizer && typeof json.pre_tokenizer === 'object' && !Array.isArray(json.pre_tokenizer) ? json.pre_tokenizer : null;
  const metaspace = findComponent(pre, 'Metaspace') ?? findComponent(json.decoder ?? null, 'Metaspace');
  return new SentencePieceDerivedTokenizer({
    spec,
    name,
    file,
    normalizer: normalizerFromJson(json.normalizer, at(file, 'normalizer')),
    preTokenizer: preTokenizerFromJson(json.pre_tokenizer, at(file, 'pre_tokenizer')),
    model: unigram,
    addedTokens: addedTokensFromJson(json.added_tokens, at(file, 'added_tokens')),
    template: templateFromJson(json.post_processor, at(file, 'post_processor')),
    replacement: typeof metaspace?.replacement === 'string' ? metaspace.replacement : '\u2581',
    dropLeadingSpace: metaspace ? metaspace.prepend_scheme !== 'never' && metaspace.add_prefix_space !== false : true,
  });
}

/** SentencePiece BPE with a charsmap: rebuilt for our exact engine (see sentencepiece-bpe.ts). */
function loadSentencePieceBpe(file: string, json: JsonObject, model: JsonObject, spec: string, name: string, precompiled: JsonObject, metaspace: JsonObject): Tokenizer {
  const raw = precompiled.precompiled_charsmap;
  const charsmap = typeof raw === 'string' && raw.length > 0 ? decodePrecompiledCharsmap(raw, file) : null;
  const scheme = metaspace.prepend_scheme;
  const addDummyPrefix = scheme === 'always' || scheme === 'first' || (scheme === undefined && metaspace.add_prefix_space !== false);
  // transformers' converters express SentencePiece's remove_extra_whitespaces as Strip + Replace(' {2,}').
  const removeExtraWhitespaces = findComponent(json.normalizer ?? null, 'Strip') !== null;
  return new SentencePieceBpeJsonTokenizer({
    spec,
    name,
    file,
    model,
    charsmap,
    addDummyPrefix,
    removeExtraWhitespaces,
    addedTokens: addedTokensFromJson(json.added_tokens, at(file, 'added_tokens')),
    template: templateFromJson(json.post_processor, at(file, 'post_processor')),
  });
}

/** The first component of `type` in a component or a Sequence of them (normalizers, pre-tokenizers or decoders). */
function findComponent(value: Json, type: string): JsonObject | null {
  if (!value || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (const v of value) {
      const found = findComponent(v, type);
      if (found) return found;
    }
    return null;
  }
  if (value.type === type) return value;
  return findComponent(value.normalizers ?? value.pretokenizers ?? value.decoders ?? null, type);
}
