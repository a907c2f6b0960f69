export { resolveModel, weightsIn, shardsOfIndex, WEIGHT_CANDIDATES, TOKENIZER_FILES, type ResolvedModel, type ResolveModelOptions, type WeightFormat } from './model.js';
export { parseModelSpec, parseHubRef, isHubSpec, type ModelSpec, type HubRef } from './spec.js';
export { hubFile, type HubFile } from './file.js';
export { hubFileMetadata, type HubFileMetadata } from './metadata.js';
export { hubContext, resolveUrl, type HubOptions, type HubContext } from './context.js';
export { hfHome, hubCacheDir, hubEndpoint, hubToken, tokenFile, isOffline, type Env } from './env.js';
export { repoFolderName, repoCacheDir, snapshotDir, blobPath, readRef, writeRef, cachedCommit, cachedFile, snapshotFile, linkIntoSnapshot, isCommitHash } from './cache.js';
export { ModelNotFoundError, HubAccessError, MODEL_SPEC_TEXT } from './errors.js';
