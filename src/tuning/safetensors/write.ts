import { InvalidOptionError } from '../../errors.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import type { SafeTensor } from './types.js';

/** What the writer accepts: float32 or int32 data with its shape. */
export interface TensorToWrite {
  shape: number[];
  data: Float32Array | Int32Array;
}

/**
 * Serialise tensors as safetensors bytes (F32 / I32). Names are written sorted, as the Rust and
 * Python writers do, and the header is space-padded to a multiple of 8 bytes so the data is aligned.
 */
export function toSafetensors(
  tensors: Map<string, TensorToWrite> | Record<string, TensorToWrite>,
  metadata: Record<string, string> = { format: 'pt' },
): Uint8Array {
  const entries = (tensors instanceof Map ? [...tensors.entries()] : Object.entries(tensors)).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const [name, t] of entries) {
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) {
      throw new InvalidOptionError(`tensor ${name}: shape [${t.shape}] holds ${count} values but data has ${t.data.length}`, { field: name, expected: `${count} values` });
    }
    const dtype = t.data instanceof Float32Array ? 'F32' : 'I32';
    header[name] = { dtype, shape: t.shape, data_offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.byteLength / 8) * 8;
  if (padded !== json.byteLength) json = new TextEncoder().encode(JSON.stringify(header) + ' '.repeat(padded - json.byteLength));
  const out = new Uint8Array(8 + json.byteLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.byteLength), true);
  out.set(json, 8);
  let at = 8 + json.byteLength;
  for (const [, t] of entries) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at);
    at += t.data.byteLength;
  }
  return out;
}

/** Write a safetensors file atomically. */
export function saveSafetensors(file: string, tensors: Map<string, TensorToWrite | SafeTensor> | Record<string, TensorToWrite>, metadata?: Record<string, string>): void {
  writeFileAtomic(file, toSafetensors(tensors, metadata));
}
