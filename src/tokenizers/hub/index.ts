export { parseHubRef, resolveHubTokenizer, type HubRef, type HubResolution, type HubOptions } from './hub.js';
// The HF cache and downloads are src/hub's, shared with models.
export { hubCacheDir, repoCacheDir, cachedCommit, cachedFile, snapshotDir, hubEndpoint } from '../../hub/index.js';
export type { FetchLike } from '../../net/index.js';
