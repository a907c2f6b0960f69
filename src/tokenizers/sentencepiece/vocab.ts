/**
 * The piece table shared by both algorithms, as model_interface.cc builds it: NORMAL,
 * USER_DEFINED and UNUSED pieces are matchable (the trie); the others are reserved and only
 * found by exact lookup (e.g. `<0x41>` for byte fallback).
 */
import { DoubleArray } from './double-array.js';
import { BadModelError } from './errors.js';
import type { PieceType, SentencePieceParts } from './parts.js';

export const T_NORMAL = 1, T_UNKNOWN = 2, T_CONTROL = 3, T_USER = 4, T_UNUSED = 5, T_BYTE = 6;
const TYPE_CODE: Record<PieceType, number> = { normal: T_NORMAL, unknown: T_UNKNOWN, control: T_CONTROL, user_defined: T_USER, unused: T_UNUSED, byte: T_BYTE };

export class Vocab {
  readonly pieces: string[];
  /** float32-rounded scores, by id. */
  readonly scores: Float64Array;
  readonly types: Uint8Array;
  readonly trie: DoubleArray;
  readonly unkId: number;
  readonly userDefined: string[];
  /** id of `<0xNN>` for each byte value (unk id when absent). */
  readonly byteIds: Int32Array;
  readonly reserved: Map<string, number>;
  /** Over NORMAL pieces only, as unigram_model.cc; FLT_MAX / FLT_MIN when there are none. */
  readonly minScore: number;
  readonly maxScore: number;

  constructor(parts: SentencePieceParts, file: string) {
    const n = parts.pieces.length;
    if (n === 0) throw new BadModelError('the model has no pieces', { file, field: 'pieces', expected: 'at least one piece' });
    this.pieces = new Array<string>(n);
    this.scores = new Float64Array(n);
    this.types = new Uint8Array(n);
    this.reserved = new Map();
    this.userDefined = [];
    const keyPieces: string[] = [];
    const values: number[] = [];
    const seen = new Set<string>();
    let unk = -1;
    let minScore = 3.4028234663852886e38, maxScore = 1.1754943508222875e-38;
    for (let i = 0; i < n; i++) {
      const p = parts.pieces[i]!;
      const code = TYPE_CODE[p.type];
      if (code === undefined) throw new BadModelError(`piece ${i} has unknown type ${String(p.type)}`, { file, field: `pieces[${i}].type` });
      if (p.piece.length === 0) throw new BadModelError(`piece ${i} is empty`, { file, field: `pieces[${i}].piece`, expected: 'a non-empty string' });
      if (seen.has(p.piece)) throw new BadModelError(`piece ${JSON.stringify(p.piece)} is defined twice`, { file, field: `pieces[${i}]` });
      seen.add(p.piece);
      this.pieces[i] = p.piece;
      this.scores[i] = Math.fround(p.score);
      this.types[i] = code;
      if (code === T_NORMAL || code === T_USER || code === T_UNUSED) {
        keyPieces.push(p.piece);
        values.push(i);
      } else {
        this.reserved.set(p.piece, i);
      }
      if (code === T_USER) this.userDefined.push(p.piece);
      if (code === T_UNKNOWN) unk = i;
      if (code === T_NORMAL) {
        minScore = Math.min(minScore, this.scores[i]!);
        maxScore = Math.max(maxScore, this.scores[i]!);
      }
    }
    const unkId = parts.unkId;
    if (!(Number.isInteger(unkId) && unkId >= 0 && unkId < n) || (unk >= 0 && unk !== unkId)) {
      throw new BadModelError(`unk id ${unkId} does not name the unknown piece`, { file, field: 'unkId', expected: unk >= 0 ? `${unk}` : 'the id of a piece of type unknown' });
    }
    this.unkId = unkId;
    this.minScore = minScore;
    this.maxScore = maxScore;
    this.trie = buildTrie(keyPieces, values);
    // The Viterbi reads a NORMAL piece's score from the trie node itself; NaN = look at the type.
    this.trie.setPayload((id) => (this.types[id] === T_NORMAL ? this.scores[id]! : NaN));
    this.byteIds = new Int32Array(256).fill(unkId);
    for (let b = 0; b < 256; b++) {
      const id = this.reserved.get(`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`);
      if (id !== undefined && this.types[id] === T_BYTE) this.byteIds[b] = id;
    }
  }
}

/**
 * The trie over the pieces' UTF-8: all pieces encoded in one call, each key a range of that
 * buffer (a TextEncoder call per piece cost a 256k-piece model about a second).
 */
function buildTrie(pieces: readonly string[], values: readonly number[]): DoubleArray {
  const bytes = Buffer.from(pieces.join(''), 'utf8');
  const starts = new Int32Array(pieces.length + 1);
  for (let i = 0, at = 0; i < pieces.length; i++) { at += Buffer.byteLength(pieces[i]!, 'utf8'); starts[i + 1] = at; }
  // Lone surrogates at piece edges could pair up in the joined string; then encode one by one.
  if (starts[pieces.length] !== bytes.length) {
    const enc = new TextEncoder();
    return DoubleArray.build(pieces.map((p) => enc.encode(p)), values);
  }
  return DoubleArray.buildPacked(bytes, starts, Int32Array.from(values));
}
