import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { DatasetUnavailableError } from './errors.js';

/** `$TOKGAP_CACHE`, else `~/.cache/tokgap`. */
export function defaultCacheDir(): string {
  return resolve(process.env.TOKGAP_CACHE ?? join(homedir(), '.cache', 'tokgap'));
}

/** The part of `fetch` we use. `body`, when given, lets archives stream to disk instead of into memory. */
export type FetchLike = (url: string) => Promise<{
  ok: boolean;
  status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
  body?: ReadableStream<Uint8Array> | null;
}>;

/**
 * Return the cached copy of `url` under `cacheDir/relPath`, downloading it first when missing.
 * The write is atomic, so a killed download never leaves a half file that later looks cached.
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
  let res: Awaited<ReturnType<FetchLike>>;
  try {
    res = await fetchImpl(url);
  } catch (cause) {
    throw new DatasetUnavailableError(`could not download ${url}`, { file: target, cause, expected: 'a reachable URL' });
  }
  if (res.status === 404) return undefined;
  if (!res.ok) throw new DatasetUnavailableError(`download of ${url} failed with HTTP ${res.status}`, { file: target });
  writeFileAtomic(target, new Uint8Array(await res.arrayBuffer()));
  return target;
}
