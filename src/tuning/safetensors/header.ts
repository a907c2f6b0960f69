import { BadInputError } from '../../errors.js';
import { DTYPE_BYTES, countElements, isTensorDtype } from '../checkpoint/dtypes.js';
import type { TensorDtype } from '../checkpoint/types.js';

/** A header larger than this is a corrupt length field, not a real file (the spec caps it at 100 MB). */
export const MAX_HEADER = 100_000_000;

/** One header entry: where its bytes lie, relative to the start of the data section. */
export interface SafetensorsEntry {
  dtype: TensorDtype;
  shape: number[];
  begin: number;
  end: number;
}

export interface SafetensorsHeader {
  /** 8 + header length: where the data section starts in the file. */
  dataStart: number;
  entries: Map<string, SafetensorsEntry>;
  metadata: Record<string, string>;
}

/** Validate the 8-byte length prefix against the file size; returns the header length. */
export function checkHeaderLength(prefix: Uint8Array, fileSize: number, file: string): number {
  if (fileSize < 8 || prefix.byteLength < 8) {
    throw new BadInputError('truncated safetensors file: no header length', { file, expected: 'at least 8 bytes' });
  }
  const headerLen = Number(new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true));
  if (headerLen > MAX_HEADER || 8 + headerLen > fileSize) {
    throw new BadInputError(`truncated safetensors file: header of ${headerLen} bytes but file has ${fileSize}`, {
      file,
      field: 'header length',
      expected: 'a header that fits in the file',
    });
  }
  return headerLen;
}

/**
 * Parse the JSON header (`{name: {dtype, shape, data_offsets}}` plus `__metadata__`) and check that
 * every tensor's byte range fits its shape and the `dataLen` bytes the file holds after the header.
 */
export function parseSafetensorsHeader(json: Uint8Array, headerLen: number, dataLen: number, file: string): SafetensorsHeader {
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(json)) as Record<string, unknown>;
  } catch (cause) {
    throw new BadInputError('safetensors header is not valid JSON', { file, field: 'header', cause });
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) {
    throw new BadInputError('safetensors header is not a JSON object', { file, field: 'header' });
  }
  const entries = new Map<string, SafetensorsEntry>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = (entry ?? {}) as Record<string, string>;
      continue;
    }
    entries.set(name, _checkEntry(name, entry, dataLen, file));
  }
  return { dataStart: 8 + headerLen, entries, metadata };
}

function _checkEntry(name: string, entry: unknown, dataLen: number, file: string): SafetensorsEntry {
  const e = entry as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  const dtype = e?.dtype;
  if (!isTensorDtype(dtype)) {
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
  const bytes = countElements(shape as number[]) * DTYPE_BYTES[dtype];
  if (begin < 0 || end < begin || end > dataLen || end - begin !== bytes) {
    const cut = end > dataLen && end - begin === bytes;
    throw new BadInputError(
      `tensor ${name} bytes [${begin}, ${end}) do not fit its shape or the file (data has ${dataLen} bytes${cut ? '; the file is truncated' : ''})`,
      { file, field: `${name}.data_offsets`, expected: `${bytes} bytes inside the data section` },
    );
  }
  return { dtype, shape: shape as number[], begin, end };
}
