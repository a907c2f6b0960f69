import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { downloadToFile, DownloadError, type FetchLike as NetFetchLike } from '../net/index.js';
import { datasetDownloadError } from './download.js';

/** `$TOKGAP_CACHE`, else `~/.cache/tokgap`. */
export function defaultCacheDir(): string {
  return resolve(process.env.TOKGAP_CACHE ?? join(homedir(), '.cache', 'tokgap'));
}

/** The part of `fetch` we use (the download helper's). `body`, when given, streams to disk instead of into memory. */
export type FetchLike = NetFetchLike;

/**
 * Return the cached copy of `url` under `cacheDir/relPath`, downloading it first when missing.
 * The shared download helper streams to a `.part` and renames when whole, so a killed download
 * never leaves a half file that later looks cached.
 * Returns `undefined` on HTTP 404 so callers can try the next candidate.
 */
export async function fetchToCache(
  url: string,
  relPath: string,
  cacheDir: string = defaultCacheDir(),
  fetchImpl: FetchLike = fetch,
): Promise<string | undefined> {
  const target = join(cacheDir, relPath);
  if (existsSync(target)) return target;
  try {
    return (await downloadToFile(url, target, { fetch: fetchImpl })).path;
  } catch (cause) {
    if (cause instanceof DownloadError && cause.status === 404) return undefined;
    throw datasetDownloadError(url, target, cause);
  }
}
