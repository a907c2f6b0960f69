/**
 * tokgap's public API: the map of the library.
 *
 * Stages in import order (each folder imports only from stages before it; test/architecture.test.ts
 * checks it, docs/architecture.md draws it):
 *   errors, util → net → hub → corpora → tokenizers → tables → stats → datasets → tasks
 *   → tuning → correlation → report → studies → cli
 *
 * This entry (`tokgap`) is the light part: it loads neither TensorFlow.js nor Vega. The heavy
 * stages have subpath exports of their own (package.json `exports`):
 *   - `tokgap/tuning`  — XGLM in TensorFlow.js, prompt tuning and fine-tuning, the grid, pretraining,
 *                        checkpoint and safetensors readers, backends (loads @tensorflow/*)
 *   - `tokgap/report`  — Vega-Lite specs, HTML/SVG reports, `correlateFiles` (loads vega*)
 *   - `tokgap/studies` — declarative study files and the orchestrator (loads both)
 * Every stage re-exported here also has its own subpath (`tokgap/tokenizers`, `tokgap/corpora`,
 * `tokgap/stats`, `tokgap/tables`, `tokgap/datasets`, `tokgap/tasks`, `tokgap/correlation`,
 * `tokgap/hub`, `tokgap/net`).
 */
export { TokgapError, isTokgapError, InvalidOptionError, BadInputError } from './errors.js';
export type { TokgapErrorFields } from './errors.js';
export { writeFileAtomic } from './util/index.js';

// corpus → tokenizer → statistics → tables
export * from './corpora/index.js';
export * from './tokenizers/index.js';
export * from './stats/index.js';
export * from './tables/index.js';
// Task data and task definitions (prompt formats, scorers); the models that run them: `tokgap/tuning`.
export * from './datasets/index.js';
export * from './tasks/index.js';
// Statistics ⋈ tuning results → correlations; its charts and HTML: `tokgap/report`.
export * from './correlation/index.js';

// Model specs, the shared HF cache and the download helper.
export { resolveModel, parseModelSpec, isHubSpec, weightsIn, ModelNotFoundError, HubAccessError } from './hub/index.js';
export type { ResolvedModel, ResolveModelOptions, ModelSpec, WeightFormat } from './hub/index.js';
export { downloadToFile, setDownloadProgress, terminalDownloadProgress } from './net/index.js';
export type { DownloadOptions, DownloadResult, DownloadProgress, DownloadErrorKind } from './net/index.js';
