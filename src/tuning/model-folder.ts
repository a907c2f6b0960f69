/**
 * Model folders that stand on their own: `config.json` + weights + the tokenizer's own files (HF
 * layout, src/tokenizers/folder.ts), plus what made the model in a `tokgap` block of config.json
 * (names, counts and hashes, never paths). transformers reads such a folder with `AutoTokenizer`
 * and `XGLMForCausalLM.from_pretrained`; tokgap with `loadModelTokenizer` and `XglmModel.fromPretrained`.
 */
import { readJsonFile } from '../util/json-file.js';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidOptionError } from '../errors.js';
import { loadFolderTokenizer, saveTokenizerFolder, type SavedTokenizerInfo } from '../tokenizers/folder.js';
import { loadTokenizer } from '../tokenizers/load.js';
import { SentencePieceModel } from '../tokenizers/sentencepiece/index.js';
import type { Tokenizer } from '../tokenizers/types.js';
import { XglmTokenizer } from '../tokenizers/xglm/index.js';
import { writeFileAtomic, writeFolderAtomic } from '../util/atomic-write.js';
import type { XglmModel } from './xglm/model.js';

/** The key of tokgap's own block in config.json (transformers keeps unknown keys as config attributes). */
export const MODEL_META_KEY = 'tokgap';

/** Deprecated: the pointer file older `analyze pretrain` runs wrote beside config.json (a tokenizer spec by absolute path). */
export const TOKENIZER_REF_FILE = 'tokgap_tokenizer.json';

/**
 * The tokenizer a model is trained with. A raw SentencePiece model is seen as transformers'
 * `AutoTokenizer` sees the `sentencepiece.bpe.model` the folder is saved with: XGLM's id
 * conventions (`<s>`=0 `<pad>`=1 `</s>`=2 `<unk>`=3, others +1, `</s>` in front) and the
 * charsmap applied per grapheme cluster. Raw ids would be off by one in Python. Every other
 * tokenizer trains as it is.
 */
export function trainingTokenizer(tokenizer: Tokenizer): Tokenizer {
  return tokenizer instanceof SentencePieceModel ? XglmTokenizer.fromSentencePiece(tokenizer, undefined, 'transformers') : tokenizer;
}

/** What the `tokgap` block of config.json holds. */
export interface ModelFolderMeta {
  tokenizer?: SavedTokenizerInfo;
  [key: string]: unknown;
}

/**
 * Save `model` with its tokenizer into `dir`, atomically (the whole folder or nothing): config.json
 * (with `meta` under `tokgap`), model.safetensors (`XglmModel.save`), the tokenizer files, and
 * whatever `extra` writes into the folder before it is moved into place.
 */
export function saveModelFolder(model: XglmModel, tokenizer: Tokenizer, dir: string, meta: ModelFolderMeta = {}, extra?: (tmpDir: string) => void): void {
  writeFolderAtomic(dir, (tmp) => {
    model.save(tmp);
    const saved = saveTokenizerFolder(tokenizer, tmp, model.config.max_position_embeddings);
    mergeModelMeta(tmp, { ...meta, tokenizer: saved });
    extra?.(tmp);
  });
}

/**
 * Refuse, before any long work, an output folder that saving would wrongly replace: it is replaced
 * whole, so it must be missing, empty, or a folder of the kind being written (holding `marker`,
 * e.g. config.json). Anything else (a file, a folder of other things) is an error naming it.
 */
export function assertReplaceableFolder(dir: string, marker: string, field: string): void {
  if (!existsSync(dir)) return;
  const ok = statSync(dir).isDirectory() && (readdirSync(dir).length === 0 || existsSync(join(dir, marker)));
  if (!ok) {
    throw new InvalidOptionError(`${dir} exists and is not an earlier output (no ${marker}); it would be replaced whole`, {
      file: dir, field, expected: `a new or empty folder, or one holding ${marker}`,
    });
  }
}

/** Merge `meta` into the `tokgap` block of `<dir>/config.json` (other keys untouched). */
export function mergeModelMeta(dir: string, meta: ModelFolderMeta): void {
  const file = join(dir, 'config.json');
  const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const before = (config[MODEL_META_KEY] ?? {}) as Record<string, unknown>;
  config[MODEL_META_KEY] = { ...before, ...meta };
  writeFileAtomic(file, `${JSON.stringify(config, null, 2)}\n`);
}

/** The `tokgap` block of a model folder's config.json (empty when absent). */
export function readModelMeta(dir: string): ModelFolderMeta {
  const file = join(dir, 'config.json');
  if (!existsSync(file)) return {};
  const block = (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)[MODEL_META_KEY];
  return typeof block === 'object' && block !== null && !Array.isArray(block) ? (block as ModelFolderMeta) : {};
}

let warnedRef = false;

/**
 * The tokenizer of a model folder: its own tokenizer files, else (deprecated, with a note on
 * stderr once per process) the spec in an old `tokgap_tokenizer.json`; `undefined` when neither.
 */
export async function loadModelTokenizer(dir: string): Promise<Tokenizer | undefined> {
  const own = await loadFolderTokenizer(dir);
  if (own !== undefined) return own;
  const spec = readTokenizerRef(dir);
  if (spec === undefined) return undefined;
  if (!warnedRef) {
    warnedRef = true;
    process.emitWarning(
      `${join(dir, TOKENIZER_REF_FILE)} points at a tokenizer by path (${spec}); such pointer files are deprecated and break when the folder moves. ` +
        'Rerun analyze pretrain, or copy the tokenizer into the folder (sentencepiece.bpe.model + tokenizer_config.json, or tokenizer.json).',
      { type: 'DeprecationWarning', code: 'TOKGAP_TOKENIZER_REF' },
    );
  }
  return loadTokenizer(spec);
}

/** Deprecated: the tokenizer spec in an old `tokgap_tokenizer.json` pointer file, if any. */
export function readTokenizerRef(modelDir: string): string | undefined {
  const file = join(modelDir, TOKENIZER_REF_FILE);
  if (!existsSync(file)) return undefined;
  const data = readJsonFile(file, 'tokenizer pointer file ({"spec": "spm:…"})');
  const spec = (data as { spec?: unknown }).spec;
  return typeof spec === 'string' ? spec : undefined;
}
