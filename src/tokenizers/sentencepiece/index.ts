export type { SentencePieceParts, NormalizerParts, PieceEntry, PieceType } from './parts.js';
export { decodePrecompiledCharsmap } from './charsmap.js';
export { BadModelError } from './errors.js';
