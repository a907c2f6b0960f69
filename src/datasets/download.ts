import { downloadToFile, DownloadError } from '../net/index.js';
import type { FetchLike } from './cache.js';
import { DatasetUnavailableError } from './errors.js';

/**
 * Download `url` to `target` unless it is already there, through the shared download helper
 * (streamed to `<target>.part`, retried, resumed, renamed when whole). `verify` checks the complete
 * `.part` first; a damaged file is removed, so nothing partial ever looks cached.
 */
export async function downloadFile(
  url: string,
  target: string,
  fetchImpl: FetchLike = fetch,
  verify?: (file: string) => Promise<void>,
): Promise<string> {
  let verifyFailure: unknown;
  const check = verify && (async (file: string) => {
    try {
      await verify(file);
    } catch (cause) {
      verifyFailure = cause;
      throw cause;
    }
  });
  try {
    return (await downloadToFile(url, target, { fetch: fetchImpl, ...(check ? { verify: check } : {}) })).path;
  } catch (cause) {
    if (verifyFailure !== undefined) {
      const why = verifyFailure instanceof Error ? verifyFailure.message : String(verifyFailure);
      throw new DatasetUnavailableError(`the archive downloaded from ${url} is damaged or truncated: ${why}`, {
        file: url, cause, expected: 'a complete archive',
      });
    }
    throw datasetDownloadError(url, url, cause);
  }
}

/** The dataset stage's wording of a failed download. */
export function datasetDownloadError(url: string, file: string, cause: unknown): unknown {
  if (!(cause instanceof DownloadError)) return cause;
  switch (cause.kind) {
    case 'http':
      return new DatasetUnavailableError(`download of ${url} failed with HTTP ${cause.status}`, { file, cause, expected: 'HTTP 200' });
    case 'unreachable':
      return new DatasetUnavailableError(`could not download ${url}`, { file, cause, expected: 'a reachable URL' });
    case 'broken':
    case 'stalled':
      return new DatasetUnavailableError(`download of ${url} broke off before the end (${cause.message})`, { file, cause, expected: cause.expected ?? 'the complete file' });
    case 'mismatch':
    case 'disk':
      return new DatasetUnavailableError(`download of ${url} failed: ${cause.message}`, { file, cause, expected: cause.expected ?? 'the complete file' });
  }
}
