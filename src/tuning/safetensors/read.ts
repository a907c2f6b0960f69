import { BadInputError } from '../../errors.js';
import { countElements, decodeTensorBytes, toInt32 } from '../checkpoint/dtypes.js';
import { closeFile, openAndParse, readRange } from '../checkpoint/fd.js';
import type { CheckpointReader, LoadedTensor, StoredTensorInfo } from '../checkpoint/types.js';
import { checkHeaderLength, parseSafetensorsHeader, type SafetensorsHeader } from './header.js';
import type { SafeTensor, SafeTensorFile } from './types.js';

/** A safetensors reader that also exposes the file's `__metadata__`. */
export interface SafetensorsReader extends CheckpointReader {
  readonly metadata: Record<string, string>;
}

/**
 * Open a safetensors file for reading tensor by tensor: only the header is read now; `read(name)`
 * reads that tensor's byte range with positioned reads. No size limit, never the whole file.
 */
export function openSafetensors(file: string): SafetensorsReader {
  const { f, parsed: header } = openAndParse(file, 'safetensors file', (f): SafetensorsHeader => {
    const headerLen = checkHeaderLength(f.size >= 8 ? readRange(f, 0, 8, 'header length') : new Uint8Array(0), f.size, file);
    return parseSafetensorsHeader(readRange(f, 8, headerLen, 'header'), headerLen, f.size - 8 - headerLen, file);
  });
  let open = true;
  return {
    files: [file],
    metadata: header.metadata,
    names: () => [...header.entries.keys()],
    info: (name): StoredTensorInfo | undefined => {
      const e = header.entries.get(name);
      return e && { dtype: e.dtype, shape: [...e.shape], file };
    },
    read: (name): LoadedTensor => {
      const e = header.entries.get(name);
      if (e === undefined) throw new BadInputError(`no tensor ${name} in the file`, { file, field: name });
      if (!open) throw new BadInputError(`read of ${name} after close`, { file, field: name });
      const raw = readRange(f, header.dataStart + e.begin, e.end - e.begin, `${name}.data_offsets`);
      return { dtype: e.dtype, shape: [...e.shape], data: decodeTensorBytes(raw, e.dtype, countElements(e.shape)) };
    },
    close: () => {
      if (open) closeFile(f);
      open = false;
    },
  };
}

/** Read a whole safetensors file, tensor by tensor (for small files: adapters, heads, tests). */
export function loadSafetensors(file: string): SafeTensorFile {
  const reader = openSafetensors(file);
  try {
    const tensors = new Map<string, SafeTensor>();
    for (const name of reader.names()) tensors.set(name, _narrow(reader.read(name), name, file));
    return { tensors, metadata: reader.metadata };
  } finally {
    reader.close();
  }
}

/**
 * Parse safetensors bytes already in memory: an 8-byte little-endian header length, a JSON header
 * mapping names to `{dtype, shape, data_offsets}`, then the raw little-endian tensor bytes.
 * `file` is for errors only.
 */
export function fromSafetensors(bytes: Uint8Array, file = '<bytes>'): SafeTensorFile {
  const headerLen = checkHeaderLength(bytes, bytes.byteLength, file);
  const header = parseSafetensorsHeader(bytes.subarray(8, 8 + headerLen), headerLen, bytes.byteLength - 8 - headerLen, file);
  const tensors = new Map<string, SafeTensor>();
  for (const [name, e] of header.entries) {
    const raw = bytes.subarray(header.dataStart + e.begin, header.dataStart + e.end);
    tensors.set(name, _narrow({ dtype: e.dtype, shape: e.shape, data: decodeTensorBytes(raw, e.dtype, countElements(e.shape)) }, name, file));
  }
  return { tensors, metadata: header.metadata };
}

/** `SafeTensor` holds float32 or int32: integers narrow to int32 only where every value fits. */
function _narrow(t: LoadedTensor, name: string, file: string): SafeTensor {
  const data = t.data instanceof Float32Array ? t.data : toInt32(t, name, file);
  return { dtype: t.dtype, shape: t.shape, data };
}
