/**
 * The tokenizer stage: one `Tokenizer` interface, one factory (`loadTokenizer`) for every
 * format, and the loaders behind it.
 */
export { TokenKind, hasUtf8Ids } from './types.js';
export type { Tokenizer, Encoding, EncodeOptions, TokenizerFormat, Utf8IdsEncoder } from './types.js';

export {
  loadTokenizer,
  parseTokenizerSpec,
  defaultTokenizerSpec,
  defaultTokenizerChoice,
  TOKENIZER_KINDS,
  XGLM_HUB_SPEC,
  FALLBACK_SPEC,
} from './load.js';
export type { TokenizerSpec, TokenizerKind, LoadTokenizerOptions, DefaultTokenizerChoice } from './load.js';
export {
  saveTokenizerFolder, loadFolderTokenizer, assertTokenizerSavable, SENTENCEPIECE_XGLM_FILE, TOKENIZER_JSON_FILE, TOKENIZER_CONFIG_FILE,
  SPECIAL_TOKENS_MAP_FILE, SENTENCEPIECE_RAW_FILE, type SavedTokenizerInfo,
} from './folder.js';

export {
  UnknownTokenizerError,
  TokenizerNotFoundError,
  UnsupportedTokenizerError,
  CorruptTokenizerError,
  MissingPackageError,
  DownloadError,
} from './errors.js';

// Formats.
export { SentencePieceModel, decodePrecompiledCharsmap, parseModelProto, loadSentencePieceSpec, BadModelError } from './sentencepiece/index.js';
export type { SentencePieceParts, NormalizerParts, PieceEntry, PieceType, SentencePieceModelOptions, ModelProtoInfo } from './sentencepiece/index.js';
export { XglmTokenizer, loadXglmSpec } from './xglm/index.js';
export { loadHfJson, SentencePieceDerivedTokenizer, GenericHfTokenizer, HF_MODEL_TYPES } from './hf-json/index.js';
export type { LoadHfJsonOptions } from './hf-json/index.js';
export { TiktokenTokenizer, TIKTOKEN_NAMES } from './tiktoken/index.js';
export type { TiktokenName } from './tiktoken/index.js';
export { parseHubRef, resolveHubTokenizer, hubCacheDir } from './hub/index.js';
export type { HubRef, HubResolution } from './hub/index.js';
export { NAMED_TOKENIZERS } from './named/index.js';
export type { NamedTokenizer } from './named/index.js';
