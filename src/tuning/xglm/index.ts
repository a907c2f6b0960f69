export { XglmConfigSchema, parseXglmConfig, loadXglmConfig, countXglmParameters } from './config.js';
export type { XglmConfig } from './config.js';
export { XglmModel, causalLmLoss, xglmParameterShapes, xglmKeyOptions, POSITION_OFFSET } from './model.js';
export type { XglmInput, XglmOutput, XglmHiddenOutput, XglmSaveOptions } from './model.js';
export { crossEntropy } from './loss.js';
export { estimateMemoryBytes, assertFitsMemory } from './memory.js';
export type { MemoryPlan, MemoryEstimate } from './memory.js';
export { CheckpointMismatchError, ModelTooLargeError } from './errors.js';
export { registerXglmKernels } from './kernels.js';
