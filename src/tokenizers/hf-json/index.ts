export { loadHfJson, readTokenizerConfig, HF_MODEL_TYPES, type LoadHfJsonOptions } from './load.js';
export { SentencePieceDerivedTokenizer } from './sentencepiece-derived.js';
export { GenericHfTokenizer } from './generic.js';
export { SentencePieceBpeJsonTokenizer, sentencePiecePartsFromBpeJson } from './sentencepiece-bpe.js';
export { alignByteTokens } from './byte-token-spans.js';
