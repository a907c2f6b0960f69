// Training loop, grid, results, pretrain:
export { train, removeCheckpoint, type TrainProblem, type TrainOptimizer, type TrainOptions, type TrainSummary } from './train.js';
export { linearLr, type LinearSchedule } from './schedule.js';
export { ResultRowSchema, loadResults, appendResult, resultKey } from './results-io.js';
export { METHOD_NAMES, SETTING_NAMES, cellKey } from './results.js';
export type { ResultRow, TuningMethod, TuningSetting, CellKeyFields } from './results.js';
export { PretrainSettingsSchema, PRETRAIN_DEFAULTS, positionsOf, type PretrainSettings } from './options.js';
export {
  TrainingConfigSchema, TRAINING_DEFAULTS, withTrainingDefaults, pickTrainingConfig, evalEveryOf,
  type TrainingConfig, type TrainingConfigInput,
} from './training-config.js';
export {
  planGrid, runGrid, tune, parseTuneConfig, TuneConfigSchema,
  type GridSpec, type GridRun, type RunGridOptions, type RunGridSummary, type TuneConfig, type TuneSummary,
} from './grid.js';
export {
  pretrain, pretrainFromConfig, parsePretrainConfig, PretrainConfigSchema, readTokenizerRef, absoluteTokenizerSpec, TOKENIZER_REF_FILE,
  type PretrainOptions, type PretrainSummary, type PretrainConfig,
} from './pretrain.js';
export {
  saveModelFolder, loadModelTokenizer, trainingTokenizer, readModelMeta, mergeModelMeta, MODEL_META_KEY, type ModelFolderMeta,
} from './model-folder.js';
export {
  saveGridCell, loadSavedCell, scoreSavedCell, readSavedCellMeta, cellFolderName, CELL_META_FILE, SavedCellMetaSchema,
  type SavedCellMeta, type CellParts, type LoadedCell, type LoadCellOptions, type ScoreCellOptions,
} from './saved-cell.js';
// XGLM model, safetensors, methods, backends, optimiser:
export * from './xglm/index.js';
export * from './safetensors/index.js';
export * from './checkpoint/index.js';
export * from './methods/index.js';
// The POS/NER task head (what both methods train on top of the model):
export { LinearHead, tokenClassificationLoss, HEAD_CONFIG_FILE, HEAD_WEIGHTS_FILE, type LinearHeadConfig } from './heads/linear-head.js';
export { initBackend, memoryLimitOf, BACKEND_CHOICES, AUTO_ORDER, WASM_MEMORY_LIMIT_BYTES, BackendUnavailableError, type BackendChoice, type BackendInfo } from './backend.js';
export { sequenceLogProbs, sequenceLogProbsFromHidden } from './lm-score.js';
export { backendCapabilities, findBlas, gpuDeviceOf, WASM_MATMUL_CHOICES, type BackendCapabilities, type MatMulEngine, type InitBackendOptions, type WasmMatMulChoice } from './backend.js';
export { AdamW, clipByGlobalNorm, globalNorm, type AdamWOptions, type StepResult, type Gradients } from './optim.js';
