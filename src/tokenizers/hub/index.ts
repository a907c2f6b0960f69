export { parseHubRef, resolveHubTokenizer, type HubRef, type HubResolution, type HubOptions } from './hub.js';
export { hubCacheDir, repoCacheDir, cachedCommit, cachedFile, snapshotDir } from './cache.js';
export { downloadToCache, hubEndpoint, resolveUrl, type FetchLike } from './download.js';
