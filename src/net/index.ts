export { downloadToFile, defaultStallTimeoutMs, type DownloadOptions, type DownloadResult, type PartSink } from './download.js';
export { DownloadError, type DownloadErrorKind } from './errors.js';
export { type FetchLike, type ResponseLike, type RequestInitLike } from './fetch-like.js';
export { setDownloadProgress, defaultDownloadProgress, terminalDownloadProgress, formatBytes, type DownloadProgress } from './progress.js';
export { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
export { requestWithRetry, type RequestOptions } from './request.js';
