/** The HF cache layout lives in src/hub (shared by tokenizers and models); these names stay for callers. */
export { hubCacheDir, repoCacheDir, isCommitHash, cachedCommit, snapshotDir, cachedFile, type Env } from '../../hub/index.js';
