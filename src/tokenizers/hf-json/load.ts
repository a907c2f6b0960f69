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
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Tokenizer } from '../types.js';
import type { JsonObject } from './json.js';
import { buildNormalizer, normalizerChildren, type NormalizerConfig } from './normalizers/index.js';
import { buildPreTokenizer, preTokenizerChildren, type PreTokenizerConfig } from './pre-tokenizers/index.js';
import { buildUnigram, MODEL_TYPES, type BpeConfig, type UnigramConfig } from './models/index.js';
import { buildPostProcessor } from './post-processors/index.js';
import { buildDecoder } from './decoders/index.js';
import { findComponent } from './components.js';
import { componentAt, componentConfig, knownComponentConfig, readJsonFile, readTokenizerJson, type TokenizerJson } from './tokenizer-json.js';
import { SentencePieceDerivedTokenizer } from './sentencepiece-derived.js';
import { GenericHfTokenizer } from './generic.js';
import { SentencePieceBpeJsonTokenizer } from './sentencepiece-bpe.js';
import { decodePrecompiledCharsmap } from '../sentencepiece/index.js';

/** The model types a tokenizer.json may have for this loader. */
export const HF_MODEL_TYPES = MODEL_TYPES;

export interface LoadHfJsonOptions {
  /** The spec string to record (default `hf:PATH`). */
  spec?: string;
  /** Display name (default: the parent folder's name). */
  name?: string;
}

/** Load `file` (a tokenizer.json), choosing our SentencePiece pipeline or the HF library. */
export function loadHfJson(file: string, options: LoadHfJsonOptions = {}): Tokenizer {
  const tj = readTokenizerJson(file);
  const spec = options.spec ?? `hf:${file}`;
  const name = options.name ?? (basename(dirname(file)) || basename(file));
  const { model } = tj;
  if (model.type === 'Unigram') return loadUnigram(tj, model, spec, name);
  if (model.type === 'BPE' && model.byte_fallback === true) {
    const route = sentencePieceBpeRoute(tj);
    if (route) return loadSentencePieceBpe(tj, model, spec, name, route);
  }
  return new GenericHfTokenizer({ spec, name, file, json: tj.raw, model, addedTokens: tj.addedTokens, config: readSiblingConfig(file) });
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

function loadUnigram(tj: TokenizerJson, model: UnigramConfig, spec: string, name: string): Tokenizer {
  const normalizer = componentConfig(tj, 'normalizer');
  const preTokenizer = componentConfig(tj, 'pre_tokenizer');
  const postProcessor = componentConfig(tj, 'post_processor');
  const decoder = componentConfig(tj, 'decoder');
  return new SentencePieceDerivedTokenizer({
    spec,
    name,
    file: tj.file,
    normalizer: normalizer && buildNormalizer(normalizer, componentAt(tj, 'normalizer')),
    preTokenizer: preTokenizer && buildPreTokenizer(preTokenizer, componentAt(tj, 'pre_tokenizer')),
    model: buildUnigram(model),
    addedTokens: tj.addedTokens,
    template: postProcessor && buildPostProcessor(postProcessor, componentAt(tj, 'post_processor')),
    decoder: buildDecoder(decoder, preTokenizer),
  });
}

interface SentencePieceBpeRoute {
  normalizer: NormalizerConfig;
  precompiled: Extract<NormalizerConfig, { type: 'Precompiled' }>;
  metaspace: Extract<PreTokenizerConfig, { type: 'Metaspace' }>;
}

/**
 * A BPE file is SentencePiece BPE for our engine when its normalizer holds a Precompiled charsmap
 * and its pre-tokenizer a Metaspace; one with a component our pipeline does not know goes to the
 * HF library.
 */
function sentencePieceBpeRoute(tj: TokenizerJson): SentencePieceBpeRoute | null {
  const normalizer = knownComponentConfig(tj, 'normalizer');
  const precompiled = findComponent(normalizer, 'Precompiled', normalizerChildren);
  if (!normalizer || !precompiled) return null;
  const metaspace = findComponent(knownComponentConfig(tj, 'pre_tokenizer'), 'Metaspace', preTokenizerChildren);
  return metaspace ? { normalizer, precompiled, metaspace } : null;
}

/** SentencePiece BPE with a charsmap: rebuilt for our exact engine (see sentencepiece-bpe.ts). */
function loadSentencePieceBpe(tj: TokenizerJson, model: BpeConfig, spec: string, name: string, route: SentencePieceBpeRoute): Tokenizer {
  const raw = route.precompiled.precompiled_charsmap;
  const charsmap = typeof raw === 'string' && raw.length > 0 ? decodePrecompiledCharsmap(raw, tj.file) : null;
  const scheme = route.metaspace.prepend_scheme;
  const addDummyPrefix = scheme === 'always' || scheme === 'first' || (scheme === undefined && route.metaspace.add_prefix_space !== false);
  // transformers' converters express SentencePiece's remove_extra_whitespaces as Strip + Replace(' {2,}').
  const removeExtraWhitespaces = findComponent(route.normalizer, 'Strip', normalizerChildren) !== null;
  const postProcessor = componentConfig(tj, 'post_processor');
  return new SentencePieceBpeJsonTokenizer({
    spec,
    name,
    file: tj.file,
    model,
    charsmap,
    addDummyPrefix,
    removeExtraWhitespaces,
    addedTokens: tj.addedTokens,
    template: postProcessor && buildPostProcessor(postProcessor, componentAt(tj, 'post_processor')),
  });
}
