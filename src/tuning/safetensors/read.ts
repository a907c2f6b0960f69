import { readFileSync } from 'node:fs';
import { BadInputError } from '../../errors.js';
import type { SafeTensor, SafeTensorFile } from './types.js';

/** Bytes per element of each dtype we can widen; anything else is refused by name. */
const DTYPE_BYTES: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8, I32: 4, I64: 8 };
/** A header larger than this is a corrupt length field, not a real file (the spec caps it at 100 MB). */
const MAX_HEADER = 100_000_000;

/** Read a safetensors file from disk. */
export function loadSafetensors(file: string): SafeTensorFile {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw new BadInputError('cannot read safetensors file', { file, cause });
  }
  return fromSafetensors(bytes, file);
}

/**
 * Parse safetensors bytes: an 8-byte little-endian header length, a JSON header mapping names to
 * `{dtype, shape, data_offsets}`, then the raw little-endian tensor bytes. `file` is for errors only.
 */
export function fromSafetensors(bytes: Uint8Array, file = '<bytes>'): SafeTensorFile {
  if (bytes.byteLength < 8) {
    throw new BadInputError('truncated safetensors file: no header length', { file, expected: 'at least 8 bytes' });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = Number(view.getBigUint64(0, true));
  if (headerLen > MAX_HEADER || 8 + headerLen > bytes.byteLength) {
    throw new BadInputError(`truncated safetensors file: header of ${headerLen} bytes but file has ${bytes.byteLength}`, {
      file,
      field: 'header length',
      expected: 'a header that fits in the file',
    });
  }
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLen))) as Record<string, unknown>;
  } catch (cause) {
    throw new BadInputError('safetensors header is not valid JSON', { file, field: 'header', cause });
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new BadInputError('safetensors header is not a JSON object', { file, field: 'header' });
  }
  const dataStart = 8 + headerLen;
  const dataLen = bytes.byteLength - dataStart;
  const tensors = new Map<string, SafeTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = (entry ?? {}) as Record<string, string>;
      continue;
    }
    tensors.set(name, _readEntry(bytes.subarray(dataStart), dataLen, name, entry, file));
  }
  return { tensors, metadata };
}

function _readEntry(data: Uint8Array, dataLen: number, name: string, entry: unknown, file: string): SafeTensor {
  const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  const dtype = e?.dtype;
  if (typeof dtype !== 'string' || !(dtype in DTYPE_BYTES)) {
    throw new BadInputError(`unsupported dtype ${JSON.stringify(dtype)} for tensor ${name}`, {
      file,
      field: `${name}.dtype`,
      expected: Object.keys(DTYPE_BYTES).join(', '),
    });
  }
  const shape = e.shape;
  const offsets = e.data_offsets;
  if (!Array.isArray(shape) || !shape.every((s) => Number.isInteger(s) && s >= 0)) {
    throw new BadInputError(`bad shape for tensor ${name}`, { file, field: `${name}.shape`, expected: 'a list of non-negative integers' });
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isInteger(o))) {
    throw new BadInputError(`bad data_offsets for tensor ${name}`, { file, field: `${name}.data_offsets`, expected: '[begin, end]' });
  }
  const [begin, end] = offsets as [number, number];
  const count = (shape as number[]).reduce((a, b) => a * b, 1);
  const width = DTYPE_BYTES[dtype];
  if (begin < 0 || end < begin || end > dataLen || end - begin !== count * width) {
    throw new BadInputError(`tensor ${name} bytes [${begin}, ${end}) do not fit its shape or the file (data has ${dataLen} bytes)`, {
      file,
      field: `${name}.data_offsets`,
      expected: `${count * width} bytes inside the data section`,
    });
  }
  const raw = data.subarray(begin, end);
  return { dtype, shape: shape as number[], data: _widen(raw, dtype, count) };
}

/** Copy into an aligned typed array, widening half floats to float32 and 64-bit values down. */
function _widen(raw: Uint8Array, dtype: string, count: number): Float32Array | Int32Array {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  switch (dtype) {
    case 'F32': {
      // A view when aligned (no copy: checkpoints can be gigabytes), else a copy.
      if (raw.byteOffset % 4 === 0) return new Float32Array(raw.buffer, raw.byteOffset, count);
      const out = new Float32Array(count);
      new Uint8Array(out.buffer).set(raw);
      return out;
    }
    case 'F64': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, true);
      return out;
    }
    case 'BF16': {
      const out = new Float32Array(count);
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < count; i++) bits[i] = view.getUint16(i * 2, true) << 16;
      return out;
    }
    case 'F16': {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = _halfToFloat(view.getUint16(i * 2, true));
      return out;
    }
    case 'I32': {
      const out = new Int32Array(count);
      new Uint8Array(out.buffer).set(raw);
      return out;
    }
    case 'I64': {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = Number(view.getBigInt64(i * 8, true));
      return out;
    }
    default:
      throw new Error(`unreachable dtype ${dtype}`);
  }
}

function _halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const frac = h & 0x3ff;
  if (exp === 0) return sign * 2 ** -14 * (frac / 1024);
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * 2 ** (exp - 15) * (1 + frac / 1024);
}
