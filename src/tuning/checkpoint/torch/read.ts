import { BadInputError } from '../../../errors.js';
import { DTYPE_BYTES, countElements, decodeTensorBytes } from '../dtypes.js';
import { UnsupportedCheckpointError } from '../errors.js';
import { type OpenFile, closeFile, openAndParse, readRange } from '../fd.js';
import type { CheckpointReader, LoadedTensor, StoredTensorInfo, TensorDtype } from '../types.js';
import { unpickle, type UnpickleHooks } from './pickle.js';
import { type ZipMember, readZipDirectory } from './zip.js';

/** torch's storage classes by the name the pickle gives them, and the dtype of their elements. */
const STORAGE_DTYPES: Record<string, TensorDtype> = {
  'torch.FloatStorage': 'F32',
  'torch.HalfStorage': 'F16',
  'torch.BFloat16Storage': 'BF16',
  'torch.DoubleStorage': 'F64',
  'torch.LongStorage': 'I64',
  'torch.IntStorage': 'I32',
  'torch.ShortStorage': 'I16',
  'torch.CharStorage': 'I8',
  'torch.ByteStorage': 'U8',
  'torch.BoolStorage': 'BOOL',
  // Untyped storages count bytes; a tensor on one is a uint8 view.
  'torch.UntypedStorage': 'U8',
  'torch._UntypedStorage': 'U8',
  'torch.storage.UntypedStorage': 'U8',
  'torch.storage._UntypedStorage': 'U8',
};

const REBUILD_TENSOR = 'torch._utils._rebuild_tensor_v2';
const REBUILD_PARAMETER = 'torch._utils._rebuild_parameter';
const REBUILD_PARAMETER_WITH_STATE = 'torch._utils._rebuild_parameter_with_state';
const ORDERED_DICT = 'collections.OrderedDict';

/** Every global a state dict may name; anything else is refused by name before it could mean anything. */
export const ALLOWED_PICKLE_GLOBALS: readonly string[] = [ORDERED_DICT, REBUILD_TENSOR, REBUILD_PARAMETER, REBUILD_PARAMETER_WITH_STATE, ...Object.keys(STORAGE_DTYPES)];

/** The one-liner that rewrites a legacy (pre-1.6) torch file in the zip format. */
export function legacyConvertCommand(file: string): string {
  const q = JSON.stringify(file).slice(1, -1).replace(/'/g, "\\'");
  return `python3 -c "import torch; torch.save(torch.load('${q}', map_location='cpu'), '${q}')"`;
}

class _Global {
  constructor(readonly qualified: string) {}
}

interface _Storage {
  key: string;
  dtype: TensorDtype;
  /** Elements (bytes for untyped storages). */
  numel: number;
  member: ZipMember;
}

interface _TensorRef {
  storage: _Storage;
  offset: number;
  shape: number[];
  stride: number[];
}

/**
 * Open a `torch.save` checkpoint (the zip format of torch ≥ 1.6: `<archive>/data.pkl` plus one
 * `<archive>/data/<key>` member per storage). The pickle is read and checked now; each tensor's
 * bytes are read from its storage's byte range only when asked for. Tensors that view one storage
 * (tied weights) report the same `storage`, with their offset and strides.
 */
export function openTorchCheckpoint(file: string): CheckpointReader {
  const { f, parsed: tensors } = openAndParse(file, 'PyTorch checkpoint', (f) => {
    _checkMagic(f);
    return _readStateDict(f);
  });
  let open = true;
  return {
    files: [file],
    names: () => [...tensors.keys()],
    info: (name): StoredTensorInfo | undefined => {
      const t = tensors.get(name);
      return t && { dtype: t.storage.dtype, shape: [...t.shape], file, storage: `${file}#${t.storage.key}`, storageOffset: t.offset, stride: [...t.stride] };
    },
    read: (name): LoadedTensor => {
      const t = tensors.get(name);
      if (t === undefined) throw new BadInputError(`no tensor ${name} in the checkpoint`, { file, field: name });
      if (!open) throw new BadInputError(`read of ${name} after close`, { file, field: name });
      return { dtype: t.storage.dtype, shape: [...t.shape], data: decodeTensorBytes(_readView(f, t, name), t.storage.dtype, countElements(t.shape)) };
    },
    close: () => {
      if (open) closeFile(f);
      open = false;
    },
  };
}

function _checkMagic(f: OpenFile): void {
  const head = readRange(f, 0, Math.min(f.size, 4), 'magic number');
  if (head.length === 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return;
  const tar = f.size >= 262 && new TextDecoder().decode(readRange(f, 257, 5, 'tar magic')) === 'ustar';
  if (head[0] === 0x80 || tar) {
    throw new UnsupportedCheckpointError(
      `this is PyTorch's legacy (pre-1.6, non-zip) checkpoint format, which tokgap does not read; convert it once with: ${legacyConvertCommand(f.file)}`,
      { file: f.file, expected: 'the zip format torch.save writes since PyTorch 1.6 (or model.safetensors)' },
    );
  }
  throw new BadInputError('not a PyTorch checkpoint (neither a zip archive nor a legacy pickle)', { file: f.file, expected: 'a file written by torch.save' });
}

function _readStateDict(f: OpenFile): Map<string, _TensorRef> {
  const members = readZipDirectory(f);
  const pkl = [...members.keys()].find((n) => /^[^/]+\/data\.pkl$/.test(n));
  if (pkl === undefined) {
    throw new BadInputError('zip archive holds no <archive>/data.pkl: not a torch.save checkpoint', { file: f.file, field: 'data.pkl' });
  }
  const archive = pkl.slice(0, -'/data.pkl'.length);
  const where = `${f.file} (${pkl})`;
  const byteorder = members.get(`${archive}/byteorder`);
  if (byteorder) {
    const order = new TextDecoder().decode(readRange(f, byteorder.dataOffset, byteorder.size, 'byteorder')).trim();
    if (order !== 'little') {
      throw new UnsupportedCheckpointError(`storages are ${order}-endian`, { file: f.file, field: 'byteorder', expected: 'little' });
    }
  }
  const pickleMember = members.get(pkl)!;
  const storages = new Map<string, _Storage>();
  const hooks: UnpickleHooks = {
    global: (module, name) => {
      const qualified = `${module}.${name}`;
      if (!ALLOWED_PICKLE_GLOBALS.includes(qualified)) {
        throw new UnsupportedCheckpointError(`pickle global ${qualified} is not one a state dict needs; refusing to read it`, {
          file: where,
          field: qualified,
          expected: `only ${ORDERED_DICT}, ${REBUILD_TENSOR}, ${REBUILD_PARAMETER} and torch's storage classes`,
        });
      }
      return new _Global(qualified);
    },
    call: (fn, args) => _call(fn, args, where),
    build: (obj, state) => {
      // OrderedDict's instance dict (`_metadata`, module versions) and Parameter state carry no values we need.
      if (obj instanceof Map || _isTensorRef(obj)) return obj;
      throw new BadInputError(`BUILD on an unexpected object (state ${typeof state})`, { file: where });
    },
    persistentLoad: (pid) => _storage(pid, storages, members, archive, where),
  };
  const root = unpickle(readRange(f, pickleMember.dataOffset, pickleMember.size, pkl), hooks, where);
  if (!(root instanceof Map)) {
    throw new BadInputError('the checkpoint does not hold a state dict (a dict of tensors)', { file: where, expected: 'an OrderedDict of name → tensor' });
  }
  const out = new Map<string, _TensorRef>();
  for (const [key, value] of root) {
    if (typeof key !== 'string' || !_isTensorRef(value)) {
      throw new BadInputError(`state dict entry ${String(key)} is not a tensor`, { file: where, field: String(key), expected: 'name → tensor entries only' });
    }
    out.set(key, value);
  }
  return out;
}

function _isTensorRef(x: unknown): x is _TensorRef {
  return typeof x === 'object' && x !== null && 'storage' in x && 'stride' in x;
}

function _call(fn: unknown, args: unknown[], where: string): unknown {
  const name = fn instanceof _Global ? fn.qualified : typeof fn;
  switch (name) {
    case ORDERED_DICT: {
      const d = new Map<unknown, unknown>();
      if (Array.isArray(args[0])) for (const pair of args[0] as unknown[][]) d.set(pair[0], pair[1]);
      return d;
    }
    case REBUILD_TENSOR: {
      const [storage, offset, size, stride] = args as [_Storage, number, number[], number[]];
      const ints = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => Number.isInteger(x) && x >= 0);
      if (!storage || !('member' in storage) || !Number.isInteger(offset) || !ints(size) || !ints(stride) || size.length !== stride.length) {
        throw new BadInputError(`${REBUILD_TENSOR} called with unexpected arguments`, { file: where, field: REBUILD_TENSOR, expected: '(storage, offset, size, stride, …)' });
      }
      const numel = countElements(size);
      const last = numel === 0 ? offset : offset + size.reduce((a, s, k) => a + (s - 1) * stride[k]!, 0);
      if (numel > 0 && last >= storage.numel) {
        throw new BadInputError(`a tensor view reaches element ${last} of storage ${storage.key}, which has ${storage.numel}`, { file: where, field: `data/${storage.key}` });
      }
      return { storage, offset, shape: size, stride } satisfies _TensorRef;
    }
    case REBUILD_PARAMETER:
    case REBUILD_PARAMETER_WITH_STATE:
      if (!_isTensorRef(args[0])) throw new BadInputError(`${name} called on something that is not a tensor`, { file: where, field: name });
      return args[0];
    default:
      throw new UnsupportedCheckpointError(`pickle calls ${name}, which a state dict does not need`, { file: where, field: name });
  }
}

function _storage(pid: unknown, storages: Map<string, _Storage>, members: Map<string, ZipMember>, archive: string, where: string): _Storage {
  const p = pid as unknown[];
  if (!Array.isArray(p) || p[0] !== 'storage' || !(p[1] instanceof _Global) || typeof p[2] !== 'string') {
    throw new BadInputError('unexpected persistent id in the pickle', { file: where, expected: "('storage', <storage class>, key, location, numel)" });
  }
  const key = p[2];
  const known = storages.get(key);
  if (known) return known;
  const dtype = STORAGE_DTYPES[p[1].qualified];
  if (dtype === undefined) {
    throw new UnsupportedCheckpointError(`persistent id names ${p[1].qualified}, not a storage class`, { file: where, field: p[1].qualified });
  }
  const member = members.get(`${archive}/data/${key}`);
  if (member === undefined) throw new BadInputError(`storage ${key} has no member ${archive}/data/${key}`, { file: where, field: `data/${key}` });
  const numel = typeof p[4] === 'number' ? p[4] : Math.floor(member.size / DTYPE_BYTES[dtype]);
  if (member.size < numel * DTYPE_BYTES[dtype]) {
    throw new BadInputError(`truncated storage ${key}: ${member.size} bytes for ${numel} × ${dtype}`, { file: where, field: `data/${key}` });
  }
  const s: _Storage = { key, dtype, numel, member };
  storages.set(key, s);
  return s;
}

/** The view's bytes in row-major order: one range read when contiguous, else its span gathered by strides. */
function _readView(f: OpenFile, t: _TensorRef, name: string): Uint8Array {
  const width = DTYPE_BYTES[t.storage.dtype];
  const numel = countElements(t.shape);
  const base = t.storage.member.dataOffset;
  if (numel === 0) return new Uint8Array(0);
  let expected = 1;
  let contiguous = true;
  for (let k = t.shape.length - 1; k >= 0; k--) {
    if (t.shape[k] !== 1 && t.stride[k] !== expected) contiguous = false;
    expected *= t.shape[k]!;
  }
  if (contiguous) return readRange(f, base + t.offset * width, numel * width, name);
  const span = 1 + t.shape.reduce((a, s, k) => a + (s - 1) * t.stride[k]!, 0);
  const raw = readRange(f, base + t.offset * width, span * width, name);
  const out = new Uint8Array(numel * width);
  const Lanes = width === 8 ? BigUint64Array : width === 4 ? Uint32Array : width === 2 ? Uint16Array : Uint8Array;
  const src = new Lanes(raw.buffer as ArrayBuffer, raw.byteOffset, span) as Uint32Array | Uint8Array | Uint16Array | BigUint64Array;
  const dst = new Lanes(out.buffer, 0, numel) as typeof src;
  const rank = t.shape.length;
  const index = new Array<number>(rank).fill(0);
  let at = 0;
  for (let i = 0; i < numel; i++) {
    (dst as Uint32Array)[i] = (src as Uint32Array)[at]!;
    // Odometer over the multi-index, last dimension fastest.
    for (let k = rank - 1; k >= 0; k--) {
      if (++index[k]! < t.shape[k]!) {
        at += t.stride[k]!;
        break;
      }
      at -= (t.shape[k]! - 1) * t.stride[k]!;
      index[k] = 0;
    }
  }
  return out;
}
