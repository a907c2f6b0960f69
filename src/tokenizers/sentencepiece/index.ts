export type { SentencePieceParts, NormalizerParts, PieceEntry, PieceType } from './parts.js';
export { decodePrecompiledCharsmap } from './charsmap.js';
export { BadModelError } from './errors.js';
export { SentencePieceModel, type SentencePieceModelOptions } from './model.js';
export { parseModelProto, type ModelProtoInfo } from './model-proto.js';
export { loadSentencePieceSpec } from './load.js';
