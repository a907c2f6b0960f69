/**
 * A tokenizer stored inside a model folder, the way Hugging Face folders carry theirs, so the folder
 * stands on its own (copied elsewhere or uploaded, it still has its tokenizer):
 *
 *   xglm                  sentencepiece.bpe.model (or tokenizer.json) + tokenizer_config.json
 *                         (`tokenizer_class: XGLMTokenizer`) + special_tokens_map.json; read back with
 *                         transformers' normalisation unless tokenizer_config.json says
 *                         `tokgap_normalization: sentencepiece`
 *   hf-json               tokenizer.json + tokenizer_config.json (`PreTrainedTokenizerFast`)
 *   sentencepiece (raw)   tokenizer.model (raw SentencePiece ids; no transformers class gives those)
 *   tiktoken              tokenizer_config.json naming the encoding (`tokgap_tiktoken`); the ranks ship with tokgap
 *
 * `loadFolderTokenizer` reads the same files back, choosing by what is there, so it also reads
 * folders that transformers wrote.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InvalidOptionError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { BadModelError, SentencePieceModel } from './sentencepiece/index.js';
import { loadHfJson, readTokenizerConfig } from './hf-json/index.js';
import { TiktokenTokenizer } from './tiktoken/index.js';
import { XglmTokenizer } from './xglm/index.js';
import type { Tokenizer, TokenizerFormat } from './types.js';

export const SENTENCEPIECE_XGLM_FILE = 'sentencepiece.bpe.model';
export const TOKENIZER_JSON_FILE = 'tokenizer.json';
export const TOKENIZER_CONFIG_FILE = 'tokenizer_config.json';
export const SPECIAL_TOKENS_MAP_FILE = 'special_tokens_map.json';
/** A raw SentencePiece model (ids as the `.model` gives them), under the name HF uses for SentencePiece files. */
export const SENTENCEPIECE_RAW_FILE = 'tokenizer.model';

/** XGLM's special tokens, as transformers' XGLMTokenizer names them (facebook/xglm-564M's tokenizer_config.json). */
const XGLM_SPECIAL_TOKENS = { bos_token: '<s>', eos_token: '</s>', sep_token: '</s>', cls_token: '<s>', unk_token: '<unk>', pad_token: '<pad>' } as const;

/** What `saveTokenizerFolder` wrote: recorded in the model's metadata. */
export interface SavedTokenizerInfo {
  format: TokenizerFormat;
  name: string;
  vocab_size: number;
  /** Files written into the folder (names only). */
  files: string[];
}

const json = (data: unknown): string => `${JSON.stringify(data, null, 2)}\n`;

/**
 * Throw unless `saveTokenizerFolder` can save `tokenizer` (a file-backed tokenizer, or a tiktoken
 * encoding): call it before long work whose result is saved with the tokenizer.
 */
export function assertTokenizerSavable(tokenizer: Tokenizer): void {
  if (tokenizer.format === 'tiktoken' && tokenizer instanceof TiktokenTokenizer) return;
  const source = tokenizer.sourceFiles[0];
  if (source === undefined || !existsSync(source)) {
    throw new InvalidOptionError(`tokenizer ${tokenizer.name} cannot be saved with the model: it was not read from a file`, {
      file: source, field: 'tokenizer', expected: 'a tokenizer loaded from its files (spm:, xglm:, hf:, hub:, named:) or a tiktoken: encoding',
    });
  }
}

/**
 * Write `tokenizer`'s own files into `dir` (which must exist), named as HF folders name them.
 * `modelMaxLength` goes into tokenizer_config.json (transformers' `model_max_length`).
 */
export function saveTokenizerFolder(tokenizer: Tokenizer, dir: string, modelMaxLength?: number): SavedTokenizerInfo {
  const files: string[] = [];
  const write = (name: string, text: string): void => {
    writeFileAtomic(join(dir, name), text);
    files.push(name);
  };
  assertTokenizerSavable(tokenizer);
  const copy = (name: string): void => {
    copyFileSync(tokenizer.sourceFiles[0]!, join(dir, name));
    files.push(name);
  };
  const maxLength = modelMaxLength !== undefined ? { model_max_length: modelMaxLength } : {};
  switch (tokenizer.format) {
    case 'xglm': {
      const fromJson = basename(tokenizer.sourceFiles[0] ?? '').endsWith('.json');
      copy(fromJson ? TOKENIZER_JSON_FILE : SENTENCEPIECE_XGLM_FILE);
      // Read back as transformers' AutoTokenizer reads it, unless this tokenizer applies the charsmap as sentencepiece does.
      const normalization = tokenizer instanceof XglmTokenizer && tokenizer.normalization === 'sentencepiece' && !fromJson ? { tokgap_normalization: 'sentencepiece' } : {};
      write(TOKENIZER_CONFIG_FILE, json({ tokenizer_class: 'XGLMTokenizer', ...XGLM_SPECIAL_TOKENS, ...maxLength, sp_model_kwargs: {}, ...normalization }));
      write(SPECIAL_TOKENS_MAP_FILE, json(XGLM_SPECIAL_TOKENS));
      break;
    }
    case 'hf-json':
      copy(TOKENIZER_JSON_FILE);
      write(TOKENIZER_CONFIG_FILE, json({ tokenizer_class: 'PreTrainedTokenizerFast', ...maxLength }));
      break;
    case 'sentencepiece':
      copy(SENTENCEPIECE_RAW_FILE);
      break;
    case 'tiktoken':
      write(TOKENIZER_CONFIG_FILE, json({ tokgap_tiktoken: tokenizer.name, ...maxLength }));
      break;
    default: {
      const never: never = tokenizer.format;
      throw new BadModelError(`cannot save a ${String(never)} tokenizer`, { field: 'tokenizer' });
    }
  }
  return { format: tokenizer.format, name: tokenizer.name, vocab_size: tokenizer.vocabSize, files };
}

/**
 * The tokenizer stored in a model folder, or `undefined` when the folder holds none. XGLM's
 * layout (`sentencepiece.bpe.model`, or `tokenizer_class: XGLMTokenizer`) loads as XGLM with the
 * charsmap applied as transformers' AutoTokenizer applies it (unless the folder says
 * `tokgap_normalization: sentencepiece`), a `tokenizer.json` through `hf:`, a `tokenizer.model`
 * through `spm:`.
 */
export async function loadFolderTokenizer(dir: string): Promise<Tokenizer | undefined> {
  const config = readTokenizerConfig(dir);
  if (typeof config?.tokgap_tiktoken === 'string') return TiktokenTokenizer.load(config.tokgap_tiktoken, `tiktoken:${config.tokgap_tiktoken}`);
  const has = (name: string): boolean => existsSync(join(dir, name));
  if (has(SENTENCEPIECE_XGLM_FILE) || (config?.tokenizer_class === 'XGLMTokenizer' && has(TOKENIZER_JSON_FILE))) {
    return XglmTokenizer.fromDir(dir, `xglm:${dir}`, config?.tokgap_normalization === 'sentencepiece' ? 'sentencepiece' : 'transformers');
  }
  if (has(TOKENIZER_JSON_FILE)) return loadHfJson(join(dir, TOKENIZER_JSON_FILE), { spec: `hf:${join(dir, TOKENIZER_JSON_FILE)}`, name: basename(dir) });
  if (has(SENTENCEPIECE_RAW_FILE)) {
    const file = join(dir, SENTENCEPIECE_RAW_FILE);
    return SentencePieceModel.fromBuffer(readFileSync(file), file, { spec: `spm:${file}`, name: basename(dir), sourceFiles: [file] });
  }
  return undefined;
}
