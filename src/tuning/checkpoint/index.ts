export type { TensorDtype, TensorData, StoredTensorInfo, LoadedTensor, CheckpointReader } from './types.js';
export { DTYPE_BYTES, decodeTensorBytes, toFloat32, toInt32, float32ToF16Bits, float32ToBf16Bits } from './dtypes.js';
export { CHECKPOINT_FILES, detectCheckpointForm, openCheckpointFolder, type CheckpointForm } from './folder.js';
export { openShardedCheckpoint, readWeightMap } from './sharded.js';
export { openTorchCheckpoint, ALLOWED_PICKLE_GLOBALS, legacyConvertCommand } from './torch/read.js';
export { matchCheckpointKeys, assertKeysMatch, type KeyReport, type KeyMatch, type KeyMatchOptions } from './keys.js';
export { readIntoVariables, assignFromReader, loadFolderIntoVariables, assignFolderIntoVariables, type LoadWeightsOptions } from './load-variables.js';
export { memoryCheckpointReader } from './memory-reader.js';
// CheckpointMismatchError is exported through xglm/ (one binding, defined in ./errors.ts).
export { UnsupportedCheckpointError, MissingWeightsError } from './errors.js';
