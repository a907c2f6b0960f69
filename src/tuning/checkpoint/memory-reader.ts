import { BadInputError } from '../../errors.js';
import type { CheckpointReader, LoadedTensor, TensorDtype, TensorData } from './types.js';

/** Tensors already in memory, behind the reader interface (so one key check serves every source). */
export function memoryCheckpointReader(tensors: ReadonlyMap<string, { dtype?: string; shape: number[]; data: TensorData }>, file = '<tensors>'): CheckpointReader {
  const dtypeOf = (d: TensorData): TensorDtype => (d instanceof Float32Array ? 'F32' : d instanceof Int32Array ? 'I32' : d instanceof BigInt64Array ? 'I64' : 'BOOL');
  const get = (name: string): LoadedTensor | undefined => {
    const t = tensors.get(name);
    return t && { dtype: dtypeOf(t.data), shape: [...t.shape], data: t.data };
  };
  return {
    files: [file],
    names: () => [...tensors.keys()],
    info: (name) => {
      const t = get(name);
      return t && { dtype: t.dtype, shape: t.shape, file };
    },
    read: (name) => get(name) ?? (() => { throw new BadInputError(`no tensor ${name}`, { file, field: name }); })(),
    close: () => {},
  };
}
