export { PromptTuningConfigSchema, parsePromptTuningConfig, PROMPT_TUNING_INITS } from './prompt-tuning/config.js';
export type { PromptTuningConfig, PromptTuningConfigInput, PromptTuningInit } from './prompt-tuning/config.js';
export { PromptTuningModel, ADAPTER_CONFIG_FILE, ADAPTER_WEIGHTS_FILE, PROMPT_TENSOR_NAME } from './prompt-tuning/model.js';
export type { PromptTuningOptions } from './prompt-tuning/model.js';
export { FullFineTuningConfigSchema, parseFullFineTuningConfig } from './full/config.js';
export type { FullFineTuningConfig, FullFineTuningConfigInput } from './full/config.js';
export { FullFineTuningModel } from './full/model.js';
export { TUNING_METHODS, getTuningMethod, createMethodRegistry, promptTuningMethod, fullFineTuningMethod } from './registry.js';
export type { TunedModel, TuningMethodSpec, CreateOptions } from './registry.js';
