import { BadInputError } from '../../errors.js';
import type { LoadedTensor, TensorData, TensorDtype } from './types.js';

/** Bytes per element of each dtype. */
export const DTYPE_BYTES: Record<TensorDtype, number> = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1 };

export function isTensorDtype(value: unknown): value is TensorDtype {
  return typeof value === 'string' && Object.hasOwn(DTYPE_BYTES, value);
}

export function isFloatDtype(dtype: TensorDtype): boolean {
  return dtype === 'F64' || dtype === 'F32' || dtype === 'F16' || dtype === 'BF16';
}

export function countElements(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** fp16 bits → float32, all 65,536 of them: decoding by table is ~10× faster than by arithmetic. */
let _halfTable: Float32Array | undefined;
function halfTable(): Float32Array {
  if (_halfTable) return _halfTable;
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >> 10) & 0x1f;
    const frac = h & 0x3ff;
    t[h] = exp === 0 ? sign * 2 ** -14 * (frac / 1024) : exp === 31 ? (frac ? NaN : sign * Infinity) : sign * 2 ** (exp - 15) * (1 + frac / 1024);
  }
  return (_halfTable = t);
}

/**
 * Decode little-endian bytes of `count` elements. Floats widen to float32 (F64 rounds to nearest,
 * as a float32 cast does), small integers widen to int32, I64 stays exact, BOOL stays bytes.
 * F32 data is copied once into an aligned array of its own (a view would pin the whole read buffer).
 */
export function decodeTensorBytes(raw: Uint8Array, dtype: TensorDtype, count: number): TensorData {
  const need = count * DTYPE_BYTES[dtype];
  if (raw.byteLength !== need) throw new RangeError(`decodeTensorBytes: ${raw.byteLength} bytes for ${count} × ${dtype}`);
  const aligned = (width: number): boolean => raw.byteOffset % width === 0;
  switch (dtype) {
    case 'F32': {
      if (aligned(4) && raw.byteOffset === 0 && raw.buffer.byteLength === need) return new Float32Array(raw.buffer, 0, count);
      const out = new Float32Array(count);
      new Uint8Array(out.buffer).set(raw);
      return out;
    }
    case 'F64': {
      const src = aligned(8) ? new Float64Array(raw.buffer, raw.byteOffset, count) : new Float64Array(raw.slice().buffer);
      return Float32Array.from(src);
    }
    case 'F16': {
      const table = halfTable();
      const src = aligned(2) ? new Uint16Array(raw.buffer, raw.byteOffset, count) : new Uint16Array(raw.slice().buffer);
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = table[src[i]!]!;
      return out;
    }
    case 'BF16': {
      const src = aligned(2) ? new Uint16Array(raw.buffer, raw.byteOffset, count) : new Uint16Array(raw.slice().buffer);
      const out = new Float32Array(count);
      const bits = new Uint32Array(out.buffer);
      for (let i = 0; i < count; i++) bits[i] = src[i]! << 16;
      return out;
    }
    case 'I64': {
      const out = new BigInt64Array(count);
      new Uint8Array(out.buffer).set(raw);
      return out;
    }
    case 'I32': {
      const out = new Int32Array(count);
      new Uint8Array(out.buffer).set(raw);
      return out;
    }
    case 'I16': {
      const src = aligned(2) ? new Int16Array(raw.buffer, raw.byteOffset, count) : new Int16Array(raw.slice().buffer);
      return Int32Array.from(src);
    }
    case 'I8':
      return Int32Array.from(new Int8Array(raw.buffer, raw.byteOffset, count));
    case 'U8':
      return Int32Array.from(raw);
    case 'BOOL':
      return Uint8Array.from(raw, (b) => (b ? 1 : 0));
  }
}

/** The values as float32 for a float parameter; an integer tensor where floats are needed is an error. */
export function toFloat32(t: LoadedTensor, name: string, file?: string): Float32Array {
  if (t.data instanceof Float32Array) return t.data;
  throw new BadInputError(`tensor ${name} holds ${t.dtype}, not floating-point values`, { file, field: name, expected: 'F32, F16, BF16 or F64' });
}

/**
 * Integer values as int32 where int32 is required; an I64 value outside int32's range is an error
 * naming the tensor, never a silent wrap.
 */
export function toInt32(t: LoadedTensor, name: string, file?: string): Int32Array {
  const d = t.data;
  if (d instanceof Int32Array) return d;
  if (d instanceof Uint8Array) return Int32Array.from(d);
  if (d instanceof BigInt64Array) {
    const out = new Int32Array(d.length);
    for (let i = 0; i < d.length; i++) {
      const v = d[i]!;
      if (v > 2147483647n || v < -2147483648n) {
        throw new BadInputError(`tensor ${name} holds ${v} at index ${i}, which does not fit int32`, { file, field: name, expected: 'I64 values within ±2^31' });
      }
      out[i] = Number(v);
    }
    return out;
  }
  throw new BadInputError(`tensor ${name} holds ${t.dtype}, not integers`, { file, field: name, expected: 'an integer dtype' });
}

/** float32 → bfloat16 bits, round to nearest even (torch's `round_to_nearest_even`; NaN → 0x7fc0). */
export function float32ToBf16Bits(src: Float32Array, out: Uint16Array): void {
  const bits = new Uint32Array(src.buffer, src.byteOffset, src.length);
  for (let i = 0; i < src.length; i++) {
    const b = bits[i]!;
    if ((b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0) out[i] = 0x7fc0;
    else out[i] = (b + 0x7fff + ((b >>> 16) & 1)) >>> 16;
  }
}

/**
 * float32 → IEEE half bits, round to nearest even with subnormals, overflow to ±inf and NaN kept
 * (the same bit-level algorithm as numpy's `npy_floatbits_to_halfbits`, which torch's cast matches).
 */
export function float32ToF16Bits(src: Float32Array, out: Uint16Array): void {
  const bits = new Uint32Array(src.buffer, src.byteOffset, src.length);
  for (let i = 0; i < src.length; i++) {
    const f = bits[i]!;
    const sign = (f >>> 16) & 0x8000;
    let exp = f & 0x7f800000;
    let sig = f & 0x007fffff;
    if (exp >= 0x47800000) {
      // Inf/NaN, or too large for half: ±inf (NaN keeps a set mantissa bit).
      if (exp === 0x7f800000 && sig !== 0) {
        let h = 0x7c00 + (sig >>> 13);
        if (h === 0x7c00) h++;
        out[i] = sign + h;
      } else out[i] = sign + 0x7c00;
      continue;
    }
    if (exp <= 0x38000000) {
      // Subnormal half or zero.
      if (exp < 0x33000000) {
        out[i] = sign;
        continue;
      }
      exp >>>= 23;
      sig = (0x00800000 + sig) >>> (113 - exp);
      // Round half to even; the shift may have dropped up to 11 low bits, so check them in f.
      if ((sig & 0x3fff) !== 0x1000 || (f & 0x7ff) !== 0) sig += 0x1000;
      out[i] = sign + (sig >>> 13);
      continue;
    }
    const hExp = (exp - 0x38000000) >>> 13;
    if ((sig & 0x3fff) !== 0x1000) sig += 0x1000;
    // A carry out of the significand bumps the exponent (up to inf), as it should.
    out[i] = sign + ((sig >>> 13) + hExp);
  }
}
