export type { SafeTensor, SafeTensorFile } from './types.js';
export { loadSafetensors, fromSafetensors } from './read.js';
export { toSafetensors, saveSafetensors } from './write.js';
export type { TensorToWrite } from './write.js';
