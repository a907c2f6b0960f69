export type { SafeTensor, SafeTensorFile } from './types.js';
export { loadSafetensors, fromSafetensors, openSafetensors } from './read.js';
export type { SafetensorsReader } from './read.js';
export { toSafetensors, saveSafetensors, saveSafetensorsSharded, DEFAULT_MAX_SHARD_SIZE } from './write.js';
export type {
  TensorToWrite, LazyTensorToWrite, WritableTensor, WritableTensors, FloatStorageDtype,
  SafetensorsWriteOptions, ShardedWriteOptions, ShardedWriteResult,
} from './write.js';
