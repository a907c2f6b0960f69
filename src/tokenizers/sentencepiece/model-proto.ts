/**
 * A minimal reader for SentencePiece's `.model` protobuf (sentencepiece_model.proto, proto2).
 * Only the fields the encoder needs are read; every other field is skipped by wire type.
 *
 *   ModelProto      { pieces = 1; trainer_spec = 2; normalizer_spec = 3; denormalizer_spec = 5 }
 *   SentencePiece   { piece = 1 (string); score = 2 (float); type = 3 (enum, default NORMAL) }
 *   TrainerSpec     { model_type = 3; treat_whitespace_as_suffix = 24; byte_fallback = 35;
 *                     unk_id = 40; bos_id = 41; eos_id = 42; pad_id = 43 }
 *   NormalizerSpec  { name = 1; precompiled_charsmap = 2; add_dummy_prefix = 3 (default true);
 *                     remove_extra_whitespaces = 4 (default true); escape_whitespaces = 5 (default true) }
 */
import { BadModelError } from './errors.js';
import type { PieceEntry, PieceType, SentencePieceParts } from './parts.js';

const PIECE_TYPES: Record<number, PieceType> = { 1: 'normal', 2: 'unknown', 3: 'control', 4: 'user_defined', 5: 'unused', 6: 'byte' };
const MODEL_TYPES: Record<number, string> = { 1: 'unigram', 2: 'bpe', 3: 'word', 4: 'char' };

/** What the proto says beyond the engine's parts (reported, not needed to encode). */
export interface ModelProtoInfo {
  parts: SentencePieceParts;
  normalizerName: string;
  bosId: number;
  eosId: number;
  padId: number;
}

class Reader {
  pos: number;
  constructor(readonly bytes: Uint8Array, readonly file: string, start: number, readonly end: number) {
    this.pos = start;
  }
  fail(what: string): never {
    throw new BadModelError(`not a SentencePiece model: ${what} at byte ${this.pos}`, {
      file: this.file,
      expected: 'a SentencePiece ModelProto (.model file written by spm_train)',
    });
  }
  varint(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) this.fail('truncated varint');
      const b = this.bytes[this.pos++]!;
      // Exact up to 2^53, enough for lengths, keys and enums; signed fields go through int32().
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 63) this.fail('varint longer than 10 bytes');
    }
    return result;
  }
  /**
   * proto int32: a negative value is stored as a 10-byte two's-complement varint of 64 bits, more
   * than a double holds exactly, so the low 32 bits are collected with integer ops, then read signed.
   */
  int32(): number {
    let low = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= this.end) this.fail('truncated varint');
      const b = this.bytes[this.pos++]!;
      if (shift < 32) low |= (b & 0x7f) << shift;
      if ((b & 0x80) === 0) break;
      shift += 7;
      if (shift > 63) this.fail('varint longer than 10 bytes');
    }
    return low | 0;
  }
  float(): number {
    if (this.pos + 4 > this.end) this.fail('truncated float');
    const v = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 4).getFloat32(0, true);
    this.pos += 4;
    return v;
  }
  sub(): Reader {
    const len = this.varint();
    if (this.pos + len > this.end) this.fail(`length-delimited field of ${len} bytes runs past the end`);
    const r = new Reader(this.bytes, this.file, this.pos, this.pos + len);
    this.pos += len;
    return r;
  }
  skip(wire: number): void {
    switch (wire) {
      case 0: this.varint(); return;
      case 1: this.pos += 8; break;
      case 2: { const len = this.varint(); this.pos += len; break; }
      case 5: this.pos += 4; break;
      default: this.fail(`unsupported wire type ${wire}`);
    }
    if (this.pos > this.end) this.fail('truncated field');
  }
  *fields(): Generator<[number, number]> {
    while (this.pos < this.end) {
      const key = this.varint();
      const field = Math.floor(key / 8);
      if (field === 0) this.fail('field number 0');
      yield [field, key & 7];
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function readString(r: Reader, what: string): string {
  const s = r.sub();
  try {
    return utf8.decode(s.bytes.subarray(s.pos, s.end));
  } catch {
    return r.fail(`${what} is not UTF-8`);
  }
}

function expectWire(r: Reader, wire: number, want: number, what: string): void {
  if (wire !== want) r.fail(`${what} has wire type ${wire}, expected ${want}`);
}

function readPiece(r: Reader): PieceEntry {
  let piece: string | null = null;
  let score = 0;
  let type: PieceType = 'normal';
  for (const [field, wire] of r.fields()) {
    if (field === 1) { expectWire(r, wire, 2, 'piece'); piece = readString(r, 'piece'); }
    else if (field === 2) { expectWire(r, wire, 5, 'score'); score = r.float(); }
    else if (field === 3) {
      expectWire(r, wire, 0, 'type');
      const t = PIECE_TYPES[r.varint()];
      if (t === undefined) r.fail('unknown piece type');
      type = t;
    } else r.skip(wire);
  }
  if (piece === null || piece === '') r.fail('piece without text');
  return { piece, score, type };
}

/** Parse `.model` bytes. `file` names the source in errors. */
export function parseModelProto(bytes: Uint8Array, file: string): ModelProtoInfo {
  if (bytes.length === 0) {
    throw new BadModelError('empty file', { file, expected: 'a SentencePiece ModelProto (.model file written by spm_train)' });
  }
  const r = new Reader(bytes, file, 0, bytes.length);
  const pieces: PieceEntry[] = [];
  let modelType = 1;
  let byteFallback = false;
  let treatWhitespaceAsSuffix = false;
  let bosId = 1, eosId = 2, padId = -1;
  let sawTrainer = false, sawNormalizer = false;
  let normalizerName = '';
  let charsmap: Uint8Array | null = null;
  let addDummyPrefix = true, removeExtraWhitespaces = true, escapeWhitespaces = true;

  for (const [field, wire] of r.fields()) {
    if (field === 1) {
      expectWire(r, wire, 2, 'pieces');
      pieces.push(readPiece(r.sub()));
    } else if (field === 2) {
      expectWire(r, wire, 2, 'trainer_spec');
      sawTrainer = true;
      const t = r.sub();
      for (const [f, w] of t.fields()) {
        if (f === 3) { expectWire(t, w, 0, 'model_type'); modelType = t.varint(); }
        else if (f === 24) { expectWire(t, w, 0, 'treat_whitespace_as_suffix'); treatWhitespaceAsSuffix = t.varint() !== 0; }
        else if (f === 35) { expectWire(t, w, 0, 'byte_fallback'); byteFallback = t.varint() !== 0; }
        else if (f === 41) { expectWire(t, w, 0, 'bos_id'); bosId = t.int32(); }
        else if (f === 42) { expectWire(t, w, 0, 'eos_id'); eosId = t.int32(); }
        else if (f === 43) { expectWire(t, w, 0, 'pad_id'); padId = t.int32(); }
        else t.skip(w);
      }
    } else if (field === 3) {
      expectWire(r, wire, 2, 'normalizer_spec');
      sawNormalizer = true;
      const n = r.sub();
      for (const [f, w] of n.fields()) {
        if (f === 1) { expectWire(n, w, 2, 'name'); normalizerName = readString(n, 'normalizer name'); }
        else if (f === 2) {
          expectWire(n, w, 2, 'precompiled_charsmap');
          const s = n.sub();
          // A copy: Node's Buffer.slice would return a view of the whole file.
          charsmap = s.end > s.pos ? new Uint8Array(bytes.subarray(s.pos, s.end)) : null;
        } else if (f === 3) { expectWire(n, w, 0, 'add_dummy_prefix'); addDummyPrefix = n.varint() !== 0; }
        else if (f === 4) { expectWire(n, w, 0, 'remove_extra_whitespaces'); removeExtraWhitespaces = n.varint() !== 0; }
        else if (f === 5) { expectWire(n, w, 0, 'escape_whitespaces'); escapeWhitespaces = n.varint() !== 0; }
        else n.skip(w);
      }
    } else {
      r.skip(wire);
    }
  }
  if (pieces.length === 0 || !sawTrainer || !sawNormalizer) {
    throw new BadModelError('not a SentencePiece model: no pieces, trainer_spec or normalizer_spec', {
      file,
      expected: 'a SentencePiece ModelProto (.model file written by spm_train)',
    });
  }
  const type = MODEL_TYPES[modelType];
  if (type !== 'unigram' && type !== 'bpe') {
    throw new BadModelError(`model_type ${type ?? modelType} is not supported`, { file, field: 'trainer_spec.model_type', expected: 'UNIGRAM or BPE' });
  }
  // sentencepiece takes the unknown id from the piece typed UNKNOWN, not from trainer_spec.unk_id.
  const unkId = pieces.findIndex((p) => p.type === 'unknown');
  return {
    parts: {
      modelType: type,
      pieces,
      unkId,
      byteFallback,
      normalizer: { precompiledCharsmap: charsmap, addDummyPrefix, removeExtraWhitespaces, escapeWhitespaces, treatWhitespaceAsSuffix },
    },
    normalizerName,
    bosId,
    eosId,
    padId,
  };
}
