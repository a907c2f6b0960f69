import { closeSync, existsSync, openSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidOptionError } from '../../errors.js';
import { tempPathBeside } from '../../util/atomic-write.js';
import { countElements, float32ToBf16Bits, float32ToF16Bits } from '../checkpoint/dtypes.js';
import type { SafeTensor } from './types.js';

/** What the writer accepts: float32 or int32 data with its shape. */
export interface TensorToWrite {
  shape: number[];
  data: Float32Array | Int32Array;
}

/**
 * A tensor whose values are produced only when the writer reaches it (e.g. `variable.dataSync()`
 * or a generator), so that a model is never held twice. `kind` must say what `data()` returns.
 */
export interface LazyTensorToWrite {
  shape: number[];
  kind: 'float32' | 'int32';
  data(): Float32Array | Int32Array;
}

export type WritableTensor = TensorToWrite | LazyTensorToWrite;
export type WritableTensors = Map<string, WritableTensor | SafeTensor> | Record<string, WritableTensor>;

/** The dtype float tensors are stored in; int32 tensors stay I32. */
export type FloatStorageDtype = 'F32' | 'F16' | 'BF16';

export interface SafetensorsWriteOptions {
  /** `__metadata__` (default `{ format: 'pt' }`, as transformers writes). */
  metadata?: Record<string, string>;
  /** Store float tensors as F32 (default), or round them to F16 / BF16 (nearest even, as torch casts). */
  dtype?: FloatStorageDtype;
}

/** Bytes written per call: float tensors are converted chunk by chunk through one buffer this size. */
const WRITE_CHUNK = 1 << 24;

interface _Planned {
  name: string;
  shape: number[];
  dtype: 'F32' | 'F16' | 'BF16' | 'I32';
  bytes: number;
  tensor: WritableTensor | SafeTensor;
}

function _entries(tensors: WritableTensors): [string, WritableTensor | SafeTensor][] {
  return (tensors instanceof Map ? [...tensors.entries()] : Object.entries(tensors));
}

function _isLazy(t: WritableTensor | SafeTensor): t is LazyTensorToWrite {
  return typeof (t as LazyTensorToWrite).data === 'function';
}

function _plan(entries: [string, WritableTensor | SafeTensor][], dtype: FloatStorageDtype): _Planned[] {
  return entries.map(([name, t]) => {
    const isInt = _isLazy(t) ? t.kind === 'int32' : t.data instanceof Int32Array;
    const count = countElements(t.shape);
    if (!_isLazy(t) && count !== t.data.length) {
      throw new InvalidOptionError(`tensor ${name}: shape [${t.shape}] holds ${count} values but data has ${t.data.length}`, { field: name, expected: `${count} values` });
    }
    const d = isInt ? 'I32' : dtype;
    return { name, shape: [...t.shape], dtype: d, bytes: count * (d === 'F16' || d === 'BF16' ? 2 : 4), tensor: t };
  });
}

/** Names sorted, as the Rust and Python writers sort them; header space-padded to 8 bytes so the data is aligned. */
function _header(planned: _Planned[], metadata: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const p of planned) {
    header[p.name] = { dtype: p.dtype, shape: p.shape, data_offsets: [offset, offset + p.bytes] };
    offset += p.bytes;
  }
  const json = JSON.stringify(header);
  const length = Buffer.byteLength(json);
  const padded = Math.ceil(length / 8) * 8;
  const out = Buffer.alloc(8 + padded, 0x20);
  out.writeBigUInt64LE(BigInt(padded), 0);
  out.write(json, 8);
  return out;
}

function _sorted(entries: [string, WritableTensor | SafeTensor][]): [string, WritableTensor | SafeTensor][] {
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function _writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.byteLength) done += writeSync(fd, bytes, done, Math.min(WRITE_CHUNK, bytes.byteLength - done));
}

/** Write one tensor's bytes: F32/I32 straight from its array, F16/BF16 converted a chunk at a time. */
function _writeTensor(fd: number, p: _Planned, scratch: { buf?: Uint16Array }): void {
  const data = _isLazy(p.tensor) ? p.tensor.data() : p.tensor.data;
  if (data.length !== countElements(p.shape)) {
    throw new InvalidOptionError(`tensor ${p.name}: shape [${p.shape}] holds ${countElements(p.shape)} values but data has ${data.length}`, { field: p.name });
  }
  if (p.dtype === 'F32' || p.dtype === 'I32') {
    _writeAll(fd, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return;
  }
  const src = data as Float32Array;
  const step = WRITE_CHUNK / 2;
  scratch.buf ??= new Uint16Array(step);
  const convert = p.dtype === 'F16' ? float32ToF16Bits : float32ToBf16Bits;
  for (let at = 0; at < src.length; at += step) {
    const part = src.subarray(at, Math.min(src.length, at + step));
    const out = scratch.buf.subarray(0, part.length);
    convert(part, out);
    _writeAll(fd, new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
  }
}

/** Stream `planned` (already in file order) into `path`: header first, then each tensor. */
function _writeFile(path: string, planned: _Planned[], metadata: Record<string, string>): void {
  const fd = openSync(path, 'w');
  try {
    _writeAll(fd, _header(planned, metadata));
    const scratch = {};
    for (const p of planned) _writeTensor(fd, p, scratch);
  } finally {
    closeSync(fd);
  }
}

/**
 * Serialise tensors as safetensors bytes in memory (F32 / I32): for small files and tests only;
 * `saveSafetensors` streams to disk instead.
 */
export function toSafetensors(tensors: WritableTensors, metadata: Record<string, string> = { format: 'pt' }): Uint8Array {
  const planned = _plan(_sorted(_entries(tensors)), 'F32');
  const header = _header(planned, metadata);
  const out = new Uint8Array(header.byteLength + planned.reduce((a, p) => a + p.bytes, 0));
  out.set(header, 0);
  let at = header.byteLength;
  for (const p of planned) {
    const data = _isLazy(p.tensor) ? p.tensor.data() : p.tensor.data;
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), at);
    at += data.byteLength;
  }
  return out;
}

/**
 * Write a safetensors file atomically, streaming tensor by tensor (never one buffer of the file):
 * to a temp file beside it, renamed over `file` once complete. `metadata` may be given directly
 * (the older signature) or inside `options`.
 */
export function saveSafetensors(file: string, tensors: WritableTensors, metadataOrOptions?: Record<string, string> | SafetensorsWriteOptions): void {
  const options = _options(metadataOrOptions);
  const planned = _plan(_sorted(_entries(tensors)), options.dtype ?? 'F32');
  const tmp = tempPathBeside(file);
  try {
    _writeFile(tmp, planned, options.metadata ?? { format: 'pt' });
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

function _options(x: Record<string, string> | SafetensorsWriteOptions | undefined): SafetensorsWriteOptions {
  if (x === undefined) return {};
  // A metadata map holds only strings; options hold a metadata object and/or a storage dtype.
  const o = x as SafetensorsWriteOptions;
  const isOptions = (typeof o.metadata === 'object' && o.metadata !== null) || (Object.keys(x).every((k) => k === 'dtype' || k === 'metadata') && ['F32', 'F16', 'BF16'].includes(o.dtype as string));
  return isOptions ? o : { metadata: x as Record<string, string> };
}

/** HF's default `max_shard_size` ("5GB", decimal). */
export const DEFAULT_MAX_SHARD_SIZE = 5_000_000_000;

export interface ShardedWriteOptions extends SafetensorsWriteOptions {
  /** Start a new shard before one would pass this many bytes of tensor data (default 5 GB, as HF). */
  maxShardSize?: number;
  /** File name stem: `model` gives `model.safetensors` or `model-00001-of-00002.safetensors`. */
  baseName?: string;
}

export interface ShardedWriteResult {
  /** The weight files written, relative to the folder. */
  files: string[];
  /** The index file, when there is more than one shard. */
  index?: string;
  /** Bytes of tensor data in all shards (the index's `metadata.total_size`). */
  totalSize: number;
}

/**
 * Write tensors into `dir` as transformers does: one `model.safetensors` when they fit one shard,
 * else `model-0000K-of-0000N.safetensors` plus `model.safetensors.index.json` (`metadata.total_size`,
 * `weight_map`). Shards are filled in the tensors' order, a new one begun when the next tensor would
 * pass `maxShardSize` (a larger tensor gets one of its own), as huggingface_hub splits them.
 * The set appears whole or not at all: every file goes to a temp name first and is renamed only when
 * all are written; files of an earlier save that the new set does not contain are then removed.
 */
export function saveSafetensorsSharded(dir: string, tensors: WritableTensors, options: ShardedWriteOptions = {}): ShardedWriteResult {
  const maxShard = options.maxShardSize ?? DEFAULT_MAX_SHARD_SIZE;
  if (!(maxShard > 0)) throw new InvalidOptionError(`maxShardSize must be positive, got ${maxShard}`, { field: 'maxShardSize' });
  const base = options.baseName ?? 'model';
  const planned = _plan(_entries(tensors), options.dtype ?? 'F32');
  const shards: _Planned[][] = [];
  let current: _Planned[] = [];
  let size = 0;
  for (const p of planned) {
    if (current.length > 0 && size + p.bytes > maxShard) {
      shards.push(current);
      current = [];
      size = 0;
    }
    current.push(p);
    size += p.bytes;
  }
  if (current.length > 0 || shards.length === 0) shards.push(current);
  const n = shards.length;
  const names = n === 1 ? [`${base}.safetensors`] : shards.map((_, k) => `${base}-${String(k + 1).padStart(5, '0')}-of-${String(n).padStart(5, '0')}.safetensors`);
  const indexName = `${base}.safetensors.index.json`;
  const totalSize = planned.reduce((a, p) => a + p.bytes, 0);
  const temps: [string, string][] = [];
  try {
    shards.forEach((shard, k) => {
      const target = join(dir, names[k]!);
      const tmp = tempPathBeside(target);
      temps.push([tmp, target]);
      const inFile = shard.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      _writeFile(tmp, inFile, options.metadata ?? { format: 'pt' });
    });
    if (n > 1) {
      const weightMap: Record<string, string> = {};
      shards.forEach((shard, k) => shard.forEach((p) => (weightMap[p.name] = names[k]!)));
      const sortedMap = Object.fromEntries(Object.keys(weightMap).sort().map((key) => [key, weightMap[key]!]));
      const target = join(dir, indexName);
      const tmp = tempPathBeside(target);
      temps.push([tmp, target]);
      writeFileSync(tmp, `${JSON.stringify({ metadata: { total_size: totalSize }, weight_map: sortedMap }, null, 2)}\n`);
    }
  } catch (error) {
    for (const [tmp] of temps) rmSync(tmp, { force: true });
    throw error;
  }
  for (const [tmp, target] of temps) renameSync(tmp, target);
  _removeStale(dir, base, new Set([...names, ...(n > 1 ? [indexName] : [])]));
  return n > 1 ? { files: names, index: indexName, totalSize } : { files: names, totalSize };
}

/** Drop weight files of an earlier save that the new set replaces (a stale single file would shadow new shards). */
function _removeStale(dir: string, base: string, keep: Set<string>): void {
  if (!existsSync(dir)) return;
  const shard = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-\\d{5}-of-\\d{5}\\.safetensors$`);
  for (const name of readdirSync(dir)) {
    const ours = name === `${base}.safetensors` || name === `${base}.safetensors.index.json` || shard.test(name);
    if (ours && !keep.has(name)) rmSync(join(dir, name), { force: true });
  }
}
