/**
 * tokgap's public API, grouped by stage in data-flow order:
 * corpus → tokenizer → statistics → tables → correlation ← tuning; every stage → report.
 */
export { TokgapError, isTokgapError, InvalidOptionError, BadInputError } from './errors.js';
export type { TokgapErrorFields } from './errors.js';
export { writeFileAtomic } from './util/index.js';

export * from './corpora/index.js';
export * from './tokenizers/index.js';
export * from './stats/index.js';
export * from './tables/index.js';
export * from './datasets/index.js';
export * from './tasks/index.js';
export * from './tuning/index.js';
export * from './correlation/index.js';
export * from './report/index.js';
export * from './studies/index.js';

// Model specs, the shared HF cache and the download helper.
export { resolveModel, parseModelSpec, isHubSpec, weightsIn, ModelNotFoundError, HubAccessError } from './hub/index.js';
export type { ResolvedModel, ResolveModelOptions, ModelSpec, WeightFormat } from './hub/index.js';
export { downloadToFile, setDownloadProgress, terminalDownloadProgress } from './net/index.js';
export type { DownloadOptions, DownloadResult, DownloadProgress, DownloadErrorKind } from './net/index.js';
